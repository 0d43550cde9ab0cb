"""/start and the registration-only moments: choosing a language first, and the final confirm."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.accounts.views.steps import choose_language, step_screen
from bot.core.errors import Refusal
from bot.core.labels import LANGUAGE_NAMES
from bot.core.refusals import refusal_text
from bot.core.screens import Screen
from bot.i18n import translator
from handlers.common import PRIVATE, Context, say, services, show, tg_name, tr_for, with_menu


async def start(update: Update, context: Context) -> None:
    """Begins registration, resumes it where it stood, or says where the account stands."""
    svc = services(context)
    tid = update.effective_user.id
    started = await svc.registration.start(
        tid, tg_name(update), update.effective_user.language_code
    )
    tr = await tr_for(update, context)
    if started.flow is None:
        await with_menu(update, context, await account_state(update, context))
        return
    if started.flow.step == "lang":
        readers = [translator(lang, svc.config.tz) for lang in LANGUAGE_NAMES]
        await say(update, choose_language(readers))
        return
    await say(update, tr._("Welcome back! Let's continue where you stopped."))
    await say(update, await step_screen(svc, tr, started.flow))


async def account_state(update: Update, context: Context) -> str:
    svc = services(context)
    tr = await tr_for(update, context)
    actor = await svc.people.actor(update.effective_user.id)
    user = actor.user
    if user is not None and user.status == "approved":
        return tr._("You are already registered. Send /profile to see or change your details.")
    if user is not None and user.status == "pending":
        return tr._(
            "Your registration is waiting for a coordinator's approval. "
            "You will get a message here."
        )
    if actor.is_staff:
        return tr._("You are project staff. Send /help to see your commands.")
    return tr._("Send /start to register.")


async def language_chosen(update: Update, context: Context, lang: str) -> None:
    tr = await tr_for(update, context)
    text = tr._("Language: {language}").format(language=LANGUAGE_NAMES[lang])
    await show(update, Screen("✓ " + text))


async def on_confirm(update: Update, context: Context, value: str) -> None:
    svc = services(context)
    tid = update.effective_user.id
    tr = await tr_for(update, context)
    try:
        if value == "restart" or value.startswith("edit_"):
            if value == "restart":
                flow = await svc.registration.restart(tid)
            else:
                flow = await svc.registration.edit(tid, value.removeprefix("edit_"))
            await update.callback_query.answer()
            await say(update, await step_screen(svc, tr, flow))
            return
        await svc.registration.confirm(tid)
    except Refusal as exc:
        await update.callback_query.answer(refusal_text(tr, exc), show_alert=True)
        return
    await update.callback_query.answer()
    await show(
        update,
        Screen(
            tr._(
                "Thank you! Your registration has been sent to the project coordinators. "
                "You will get a message here when it is approved."
            )
        ),
    )


async def no_flow_text(update: Update, context: Context) -> None:
    """Text with no question open: point at the menu, or say where the account stands."""
    tr = await tr_for(update, context)
    actor = await services(context).people.actor(update.effective_user.id)
    if actor.is_staff or actor.is_approved:
        hint = tr._("I didn't understand that. Use the menu buttons below, or send /help.")
        await with_menu(update, context, hint)
        return
    text = await account_state(update, context)
    await say(update, text + "\n" + tr._("Send /help to see what I can do."))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("start", start, filters=PRIVATE))
