"""What Telegram shows of the bot outside its messages: the command menu and the description.

Telegram picks the default command set, and the description a newcomer reads before pressing
Start, by the phone's language; phones have no Kyrgyz, so those are also set without a
language code, in the configured default. Members and staff get their own set on their own
chat (BotCommandScopeChat), in the language they chose in the bot, which then wins over the
phone's. Every set is written again at each start, so a lost call is repaired by the next
restart (the members' sets in the background, `write_chat_menus`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterable

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import RetryAfter, TelegramError

from bot.accounts.service.accounts import ChatMenu
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
    ("verify", N_("Check a certificate")),
    ("myid", N_("My Telegram id")),
    ("start", N_("Register or continue")),
    ("cancel", N_("Cancel")),
)
STAFF = (
    ("status", N_("What waits for me")),
    ("pending", N_("Registrations to approve")),
    ("broadcast", N_("Send an announcement")),
    ("broadcasts", N_("Past announcements")),
    ("polls", N_("Polls and surveys")),
    ("newseminar", N_("New seminar")),
    ("seminars", N_("Seminars")),
    ("report", N_("Seminar report")),
    ("verify", N_("Check a certificate")),
    ("coverage", N_("Who is registered where")),
    ("newcompetition", N_("New competition")),
    ("newcluster", N_("New cluster")),
    ("competitions", N_("Competitions")),
    ("results", N_("Competition results")),
    ("grants", N_("Grant projects")),
    ("faq", N_("Questions the bot answers")),
    ("staff", N_("Project staff")),
    ("people", N_("People directory")),
    ("console", N_("Web console")),
    ("programmes", N_("Programmes")),
    ("language", N_("Change language")),
    ("help", N_("Help")),
    ("myid", N_("My Telegram id")),
    ("cancel", N_("Cancel")),
)


DESCRIPTION = N_(
    "This bot connects aiyl okmotu staff with the coordinators of the support programmes. "
    "Here you get seminar invitations and confirm your place, take part in competitions and "
    "send your submissions, and receive announcements. Press Start below and register: a "
    "coordinator will approve your registration."
)
"""What an empty chat shows before Start (Telegram allows 512 characters)."""
SHORT_DESCRIPTION = N_(
    "Seminars, competitions and announcements for aiyl okmotu staff, from the programmes' "
    "coordinators."
)
"""The bot's profile line and what a shared link shows (120 characters)."""
DESCRIPTION_MAX = 512
SHORT_DESCRIPTION_MAX = 120
CHAT_MENUS_PER_SECOND = 20
"""The members' menus written at start are paced: Telegram publishes no limit for
setMyCommands, and answers go first."""
TRIES = 3
"""For one chat's menu after a 429 (the limiter has already waited out a few)."""


def commands(lang: str, staff: bool) -> list[BotCommand]:
    tr = translator(lang)
    return [BotCommand(name, tr._(label)) for name, label in (STAFF if staff else MEMBER)]


async def set_defaults(bot: Bot, default_lang: str) -> None:
    for lang in (*LANGUAGES, None):
        await bot.set_my_commands(commands(lang or default_lang, False), language_code=lang)


async def set_descriptions(bot: Bot, default_lang: str) -> None:
    """The description and the short one in each language, and in the default for phones in
    any other language."""
    for lang in (*LANGUAGES, None):
        tr = translator(lang or default_lang)
        text, short = tr._(DESCRIPTION), tr._(SHORT_DESCRIPTION)
        try:
            await bot.set_my_description(text[:DESCRIPTION_MAX], language_code=lang)
            await bot.set_my_short_description(short[:SHORT_DESCRIPTION_MAX], language_code=lang)
        except TelegramError as exc:
            log.warning("bot description in %s not set: %s", lang or "default", exc)


async def set_for_chat(bot: Bot, chat_id: int, lang: str, staff: bool) -> None:
    """The member's or the staff set on this person's chat, in the language they chose: it
    wins over the set for their phone's language."""
    try:
        await bot.set_my_commands(commands(lang, staff), scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:
        log.info("command menu for chat %s not set: %s", chat_id, exc)


async def apply(bot: Bot, chat_id: int, menu: ChatMenu | None) -> None:
    """The chat's own set as it should be now (`Accounts.menu_of`); with none, the chat goes
    back to the set for the phone's language (someone demoted who is no member, or erased)."""
    if menu is not None:
        await set_for_chat(bot, chat_id, menu.lang, menu.staff)
        return
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:
        log.info("command menu for chat %s not cleared: %s", chat_id, exc)


async def write_chat_menus(
    bot: Bot, pages: AsyncIterable[list[ChatMenu]], per_second: float = CHAT_MENUS_PER_SECOND
) -> int:
    """Each chat gets its set, paced; a 429 is waited out and the same chat tried again.
    Returns how many were written."""
    gap = 1.0 / per_second if per_second else 0.0
    written = 0
    async for page in pages:
        for menu in page:
            written += await _write(bot, menu)
            if gap:
                await asyncio.sleep(gap)
    log.info("command menus written for %s chats", written)
    return written


async def _write(bot: Bot, menu: ChatMenu) -> bool:
    scope = BotCommandScopeChat(menu.telegram_id)
    for _ in range(TRIES):
        try:
            await bot.set_my_commands(commands(menu.lang, menu.staff), scope=scope)
        except RetryAfter as exc:
            wait = exc.retry_after
            await asyncio.sleep(wait if isinstance(wait, int) else wait.total_seconds())
        except TelegramError as exc:
            log.info("command menu for chat %s not set: %s", menu.telegram_id, exc)
            return False
        else:
            return True
    return False
