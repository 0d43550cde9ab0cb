"""What the bot says about the console: the sign-in link, and the refusals of signing in
(registered in `bot.wiring`; the console's pages show the same sentences)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bot.core.refusals import Wording
from bot.core.screens import Screen
from bot.i18n import N_, Translator

WORDINGS: dict[str, Wording] = {
    "console_off": N_("The web console is not switched on."),
    "console_link_unknown": N_(
        "This sign-in link is not valid. Send /console to the bot for a new one."
    ),
    "console_link_used": N_(
        "This sign-in link has already been used. Send /console to the bot for a new one."
    ),
    "console_link_expired": N_(
        "This sign-in link has expired: a link works for 10 minutes. Send /console to the bot"
        " for a new one."
    ),
    "console_bad_init_data": N_(
        "The sign-in data from Telegram did not pass the check. Open the console from the bot"
        " again."
    ),
    "console_old_init_data": N_(
        "This sign-in from Telegram is too old or was already used. Open the console from the"
        " bot again."
    ),
}


def sign_in(tr: Translator, link: str, webapp_url: str | None) -> Screen:
    """The link on a line of its own, so no client takes the punctuation for part of it; the
    Mini App button only where Telegram allows one (https)."""
    text = tr._(
        "Open the web console with this link:\n{link}\nThe link works once, for 10 minutes."
    )
    markup = None
    if webapp_url is not None:
        button = InlineKeyboardButton(tr._("Open the console"), web_app=WebAppInfo(webapp_url))
        markup = InlineKeyboardMarkup([[button]])
    return Screen(text.format(link=escape(link)), markup)
