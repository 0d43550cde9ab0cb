"""Keeps each broadcast's progress card up to date while its rows go out.

The card is the coordinator's own message, edited in place at most every few seconds (edits
count against the same per-chat limit as messages), and once more when nothing is left.
"""

from __future__ import annotations

import logging
import time

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, TelegramError

from bot.broadcasts import repo
from bot.broadcasts.views.progress import progress
from bot.core.people import People
from bot.core.screens import Markup
from bot.delivery.limiter import Limiter
from bot.i18n import translator

log = logging.getLogger(__name__)
EVERY_S = 3.0


class ProgressCards:
    def __init__(self, bot: Bot, people: People, limiter: Limiter) -> None:
        self.bot = bot
        self.people = people
        self.limiter = limiter
        self._last: dict[int, float] = {}

    async def __call__(self, broadcast_ids: set[int]) -> None:
        for broadcast_id in broadcast_ids:
            try:
                await self.refresh(broadcast_id)
            except TelegramError as exc:
                log.info("progress card %s not updated: %s", broadcast_id, exc)

    async def refresh(self, broadcast_id: int, force: bool = False) -> None:
        db = self.people.db
        recent = time.monotonic() - self._last.get(broadcast_id, 0.0) < EVERY_S
        if recent and not force and await repo.unfinished(db, broadcast_id):
            return
        item = await repo.get(db, broadcast_id)
        if item is None or item.progress_message_id is None:
            return
        counts = await repo.counts(db, broadcast_id)
        self._last[broadcast_id] = time.monotonic()
        lang = await self.people.lang_of(item.progress_chat_id or 0)
        tr = translator(lang, self.people.config.tz)
        screen = progress(tr, item, counts, self.people.clock.now())
        async with self.limiter.chat(item.progress_chat_id or 0):
            try:
                await self.bot.edit_message_text(
                    screen.text,
                    chat_id=item.progress_chat_id,
                    message_id=item.progress_message_id,
                    reply_markup=_inline(screen.markup),
                )
            except BadRequest as exc:
                if "not modified" not in exc.message:
                    raise


def _inline(markup: Markup) -> InlineKeyboardMarkup | None:
    return markup if isinstance(markup, InlineKeyboardMarkup) else None
