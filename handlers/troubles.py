"""When a reply can't be given as asked: the person's line of waiting messages is full, or the
handler failed (ours to log and apologise for, or Telegram's, where an apology would fail too)."""

from __future__ import annotations

import logging
from collections import deque

from telegram import Update
from telegram.error import BadRequest, TelegramError

from bot.core import replies
from bot.db import DatabaseBusy, DatabaseUnavailable
from bot.http import Bot
from bot.i18n import resolve_lang, translator
from handlers.common import App, Context, Turn, services_of

log = logging.getLogger(__name__)
TOLD_MAX = 256


async def slow_down(app: App, update: Update) -> None:
    """Said once to someone whose line of waiting messages is full (bot.updates)."""
    user = update.effective_user
    if user is None:
        return
    svc = services_of(app)
    lang = resolve_lang(await svc.people.saved_lang(user.id), user.language_code,
                        svc.config.default_lang)  # fmt: skip
    text = replies.slow_down(translator(lang, svc.config.tz))
    bot = app.bot
    if isinstance(bot, Bot):
        await bot.call("sendMessage", {"chat_id": user.id, "text": text})


async def on_error(update: object, context: Context) -> None:
    """Logs the update and the person by id only; the reader hears it was our fault. When it
    was Telegram that failed (unwell, or the person blocked the bot) there is nothing of ours
    to trace, and an apology would fail the same way."""
    update_id = update.update_id if isinstance(update, Update) else None
    user = update.effective_user if isinstance(update, Update) else None
    who = user.id if user else None
    if isinstance(context.error, TelegramError) and not isinstance(context.error, BadRequest):
        log.warning("reply to update %s from user %s not sent: %s: %s", update_id, who,
                    type(context.error).__name__, context.error)  # fmt: skip
        return
    if isinstance(context.error, DatabaseUnavailable):
        told: deque[int | None] = context.application.bot_data.setdefault(
            "told_database_away", deque(maxlen=TOLD_MAX)
        )
        if update_id is not None and update_id in told:  # another handler group of it
            return
        told.append(update_id)
        log.warning("update %s from user %s not handled: the database does not answer (%s)",
                    update_id, who, context.error)  # fmt: skip
        await _database_away(update, context)
        return
    log.error("update %s from user %s failed", update_id, who, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        turn = await Turn.begin(update, context)
        busy = isinstance(context.error, DatabaseBusy)
        try:
            await turn.say(replies.busy(turn.tr) if busy else replies.our_error(turn.tr))
        except TelegramError as exc:
            log.warning("apology for update %s not sent: %s", update_id, exc)


async def _database_away(update: object, context: Context) -> None:
    """In the language Telegram gives: the saved one is in the database that is away."""
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    svc = services_of(context.application)
    user = update.effective_user
    lang = resolve_lang(None, user.language_code if user else None, svc.config.default_lang)
    text = replies.database_away(translator(lang, svc.config.tz))
    bot = context.bot
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        elif isinstance(bot, Bot):
            await bot.call("sendMessage", {"chat_id": update.effective_chat.id, "text": text})
    except TelegramError as exc:
        log.warning("'try again' for update %s not sent: %s", update.update_id, exc)
