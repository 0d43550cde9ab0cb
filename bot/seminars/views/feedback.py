"""The survey after a seminar, as the member answers it: thanks, and a comment if they like."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.i18n import Translator
from bot.seminars.callbacks import FeedbackCb, QuoteConsentCb
from bot.seminars.views.certificates import mine_button


def rated(tr: Translator, seminar_id: int, rating: int) -> Screen:
    skip = button(tr._("No comment"), FeedbackCb(seminar_id=seminar_id, rating=0))
    text = tr._("Thank you! Your rating: {rating} of 5.").format(rating=rating)
    text += "\n" + tr._("Would you add a comment? Send it as a message, or press «No comment».")
    return Screen(text, InlineKeyboardMarkup([[skip], [mine_button(tr, seminar_id)]]))


def no_comment(tr: Translator) -> Screen:
    return Screen(tr._("Thank you for your answer!"))


def comment_saved(tr: Translator, seminar_id: int) -> Screen:
    """The comment is kept either way; quoting it needs a yes, and no answer means no."""
    text = (
        tr._("Thank you! Your comment is saved.")
        + "\n\n"
        + tr._(
            "May the project quote your comment in its news and reports, with your name, position"
            " and municipality? If you don't answer, it won't."
        )
    )
    yes = button("✅ " + tr._("Yes, you may quote me"), _consent(seminar_id, "yes"))
    no = button(tr._("No, don't quote me"), _consent(seminar_id, "no"))
    return Screen(text, InlineKeyboardMarkup([[yes], [no]]))


def consent_given(tr: Translator, seminar_id: int) -> Screen:
    text = tr._(
        "Thank you! The project may quote your comment with your name, position and"
        " municipality. You can take this back here at any time."
    )
    back = button(tr._("Don't quote me after all"), _consent(seminar_id, "no"))
    return Screen(text, InlineKeyboardMarkup([[back], [mine_button(tr, seminar_id)]]))


def consent_refused(tr: Translator, seminar_id: int) -> Screen:
    text = tr._("Understood: your comment will not be quoted. Thank you for your answer!")
    allow = button(tr._("Allow quoting after all"), _consent(seminar_id, "yes"))
    return Screen(text, InlineKeyboardMarkup([[allow], [mine_button(tr, seminar_id)]]))


def _consent(seminar_id: int, answer: str) -> QuoteConsentCb:
    return QuoteConsentCb(seminar_id=seminar_id, answer="yes" if answer == "yes" else "no")


def comment_as_text(tr: Translator) -> str:
    return tr._("Please write the comment as text, or press «No comment».")
