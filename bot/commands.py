"""Telegram's command menu: one set per language for everyone, and a staff set per staff chat.

Telegram picks the default set by the phone's language. Staff get theirs on their own chat
(BotCommandScopeChat) in the language they chose in the bot, which then wins over the phone's.
Every set is written again at each start, so a lost call is repaired by the next restart.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.config import LANGUAGES
from bot.i18n import N_, translator

log = logging.getLogger(__name__)

MEMBER = (
    ("status", N_("My status")),
    ("seminars", N_("Seminars")),
    ("competitions", N_("Competitions")),
    ("mysubmissions", N_("My submissions")),
    ("results", N_("Competition results")),
    ("profile", N_("My profile")),
    ("programmes", N_("Programmes")),
    ("language", N_("Change language")),
    ("help", N_("Help")),
    ("start", N_("Register or continue")),
    ("cancel", N_("Cancel")),
)
STAFF = (
    ("status", N_("What waits for me")),
    ("pending", N_("Registrations to approve")),
    ("broadcast", N_("Send an announcement")),
    ("broadcasts", N_("Past announcements")),
    ("newseminar", N_("New seminar")),
    ("seminars", N_("Seminars")),
    ("report", N_("Seminar report")),
    ("newcompetition", N_("New competition")),
    ("newcluster", N_("New cluster")),
    ("competitions", N_("Competitions")),
    ("results", N_("Competition results")),
    ("staff", N_("Project staff")),
    ("programmes", N_("Programmes")),
    ("language", N_("Change language")),
    ("help", N_("Help")),
    ("cancel", N_("Cancel")),
)


def commands(lang: str, staff: bool) -> list[BotCommand]:
    tr = translator(lang)
    return [BotCommand(name, tr._(label)) for name, label in (STAFF if staff else MEMBER)]


async def set_defaults(bot: Bot, default_lang: str) -> None:
    for lang in (*LANGUAGES, None):
        await bot.set_my_commands(commands(lang or default_lang, False), language_code=lang)


async def set_for_chat(bot: Bot, chat_id: int, lang: str, staff: bool) -> None:
    """Staff get their set on their chat; anyone else goes back to the default set."""
    scope = BotCommandScopeChat(chat_id)
    try:
        if staff:
            await bot.set_my_commands(commands(lang, True), scope=scope)
        else:
            await bot.delete_my_commands(scope=scope)
    except TelegramError as exc:
        log.info("command menu for chat %s not set: %s", chat_id, exc)
