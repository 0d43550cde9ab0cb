"""When a reply can't be given as asked: the person's line of waiting messages is full, or the
handler failed (ours to log and apologise for, or Telegram's, where an apology would fail too)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, TelegramError

from bot.core import replies
from bot.db import DatabaseBusy
from bot.http import Bot
from bot.i18n import resolve_lang, translator
from handlers.common import App, Context, Turn, services_of

log = logging.getLogger(__name__)


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
    log.error("update %s from user %s failed", update_id, who, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        turn = await Turn.begin(update, context)
        busy = isinstance(context.error, DatabaseBusy)
        try:
            await turn.say(replies.busy(turn.tr) if busy else replies.our_error(turn.tr))
        except TelegramError as exc:
            log.warning("apology for update %s not sent: %s", update_id, exc)
