"""The bot's general answers, the same in every feature: cancelled, not understood, our error."""

from __future__ import annotations

from bot.i18n import Translator


def cancelled(tr: Translator) -> str:
    return tr._("Cancelled.")


def nothing_to_cancel(tr: Translator) -> str:
    return tr._("There is nothing to cancel.")


def unknown_command(tr: Translator) -> str:
    return tr._("I don't know this command. Send /help to see what I can do.")


def edited_message(tr: Translator) -> str:
    return tr._("I only read new messages. Please send your answer again.")


def our_error(tr: Translator) -> str:
    return tr._("Something went wrong on our side. Please try again.")


def saved(tr: Translator) -> str:
    return "✅ " + tr._("Saved.")


def slow_down(tr: Translator) -> str:
    return tr._(
        "You are sending messages faster than I can answer. I will answer the ones I have; "
        "please wait a moment before sending more."
    )


def database_away(tr: Translator) -> str:
    return tr._(
        "The bot can't reach its database right now, so this was not saved. Nothing sent "
        "earlier is lost. Please try again in a minute."
    )


def busy(tr: Translator) -> str:
    return tr._(
        "I can't save anything right now: the database is busy. What you sent before is kept; "
        "please try again in a minute."
    )
