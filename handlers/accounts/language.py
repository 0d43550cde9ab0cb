"""/language, and the language buttons wherever they appear."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot import commands
from bot.accounts.views.steps import choose_language, step_screen
from bot.core.callback_data import CallbackDataError, LangCb
from handlers import flow_steps
from handlers.accounts import registration
from handlers.common import PRIVATE, Context, say, services, tg_name, tr_for, with_menu


async def language_command(update: Update, context: Context) -> None:
    await say(update, choose_language([await tr_for(update, context)]))


async def on_language(update: Update, context: Context) -> None:
    """Saves the choice; inside a flow, the open question is asked again in the new language."""
    query = update.callback_query
    svc = services(context)
    tid = update.effective_user.id
    try:
        lang = LangCb.unpack(query.data).lang
    except CallbackDataError:
        tr = await tr_for(update, context)
        await query.answer(tr._("This button is no longer valid."), show_alert=True)
        return
    flow = await svc.registration.current(tid)
    if flow is not None and flow.step == "lang":
        flow = await svc.registration.pick(tid, "lang", lang)
    else:
        await svc.people.set_language(tid, lang, tg_name(update))
    await query.answer()
    await registration.language_chosen(update, context, lang)
    await _menu_in(update, context, lang)
    found = await flow_steps.active(context, tid)
    if found is not None:
        await say(update, await step_screen(svc, await tr_for(update, context), found[1]))


async def _menu_in(update: Update, context: Context, lang: str) -> None:
    """The menu's labels and the staff command menu follow the new language at once."""
    actor = await services(context).people.actor(update.effective_user.id)
    if actor.is_staff:
        await commands.set_for_chat(context.bot, update.effective_user.id, lang, staff=True)
    tr = await tr_for(update, context)
    await with_menu(update, context, "🌐 " + tr._("The menu is now in this language."))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("language", language_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_language, pattern=LangCb.matches))
