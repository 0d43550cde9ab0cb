"""/deleteme: the question first, since erasing can't be undone, then what happened."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.accounts.callbacks import DeleteMeCb
from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.i18n import Translator


def question(tr: Translator) -> Screen:
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
    return Screen(text, keyboard)


def kept(tr: Translator) -> Screen:
    return Screen(tr._("Nothing was deleted."))


def erased(tr: Translator, done: bool) -> Screen:
    if not done:
        return Screen(tr._("There is nothing to delete."))
    return Screen(
        tr._("Your personal data has been deleted. Send /start if you want to register again.")
    )
