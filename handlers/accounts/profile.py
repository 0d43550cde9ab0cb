"""/profile: the member's own card, and the start of editing one field of it."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.accounts.views.profile import profile_screen
from bot.accounts.views.steps import choose_language, step_screen
from bot.core.callback_data import CallbackDataError, ProfileCb
from bot.core.errors import Refusal
from handlers.common import PRIVATE, Context, say, services, tr_for


async def show_profile(update: Update, context: Context, saved: bool = False) -> None:
    svc = services(context)
    tr = await tr_for(update, context)
    user = await svc.profile.user(update.effective_user.id)
    if user is None:
        await say(update, tr._("You are not registered yet. Send /start to register."))
        return
    await say(update, await profile_screen(svc, tr, user, saved))


async def profile_command(update: Update, context: Context) -> None:
    await show_profile(update, context)


async def on_edit(update: Update, context: Context) -> None:
    """Opens a short flow for one field; the language has its own keyboard and no flow."""
    query = update.callback_query
    svc = services(context)
    tr = await tr_for(update, context)
    try:
        field = ProfileCb.unpack(query.data).field
        if field == "lang":
            await query.answer()
            await say(update, choose_language([tr]))
            return
        flow = await svc.profile.begin(update.effective_user.id, field)
    except (CallbackDataError, Refusal):
        await query.answer(tr._("This button is no longer valid."), show_alert=True)
        return
    await query.answer()
    await say(update, await step_screen(svc, tr, flow))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("profile", profile_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_edit, pattern=ProfileCb.matches))
