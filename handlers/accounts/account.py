"""/deleteme: a person can take their personal data back at any time."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.core.callback_data import CallbackDataError, DeleteMeCb
from bot.core.keyboards import button
from bot.core.screens import Screen
from handlers.common import PRIVATE, Context, say, services, show, tr_for


async def deleteme(update: Update, context: Context) -> None:
    """Asks first: erasing cannot be undone."""
    tr = await tr_for(update, context)
    keyboard = InlineKeyboardMarkup(
        [
            [
                button(tr._("Yes, delete my data"), DeleteMeCb(answer="yes")),
                button(tr._("No, keep it"), DeleteMeCb(answer="no")),
            ]
        ]
    )
    text = tr._(
        "Delete your name, phone number and Telegram account from the bot? Anonymous counts "
        "(for example, how many people from your municipality attended a seminar) stay."
    )
    await say(update, Screen(text, keyboard))


async def on_answer(update: Update, context: Context) -> None:
    query = update.callback_query
    tr = await tr_for(update, context)
    try:
        answer = DeleteMeCb.unpack(query.data).answer
    except CallbackDataError:
        await query.answer(tr._("This button is no longer valid."), show_alert=True)
        return
    await query.answer()
    if answer == "no":
        await show(update, Screen(tr._("Nothing was deleted.")))
        return
    erased = await services(context).people.erase(update.effective_user.id)
    text = tr._("Your personal data has been deleted. Send /start if you want to register again.")
    await show(update, Screen(text if erased else tr._("There is nothing to delete.")))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("deleteme", deleteme, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_answer, pattern=DeleteMeCb.matches))
