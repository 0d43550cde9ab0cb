"""The survey after a seminar, as the member answers it: thanks, and a comment if they like."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.i18n import Translator
from bot.seminars.callbacks import FeedbackCb
from bot.seminars.views.certificates import mine_button


def rated(tr: Translator, seminar_id: int, rating: int) -> Screen:
    skip = button(tr._("No comment"), FeedbackCb(seminar_id=seminar_id, rating=0))
    text = tr._("Thank you! Your rating: {rating} of 5.").format(rating=rating)
    text += "\n" + tr._("Would you add a comment? Send it as a message, or press «No comment».")
    return Screen(text, InlineKeyboardMarkup([[skip], [mine_button(tr, seminar_id)]]))


def no_comment(tr: Translator) -> Screen:
    return Screen(tr._("Thank you for your answer!"))


def comment_saved(tr: Translator) -> str:
    return tr._("Thank you! Your comment is saved.")


def comment_as_text(tr: Translator) -> str:
    return tr._("Please write the comment as text, or press «No comment».")
