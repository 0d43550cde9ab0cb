"""Keeps each broadcast's progress card up to date while its rows go out.

The card is the coordinator's own message, edited in place at most every few seconds (edits
count against the same per-chat limit as messages), and once more when nothing is left.
"""

from __future__ import annotations

import logging
import time

from telegram import Bot
from telegram.error import BadRequest, TelegramError

from bot.broadcasts import repo
from bot.broadcasts.views import progress
from bot.delivery.limiter import Limiter
from bot.i18n import translator
from bot.wiring import Services

log = logging.getLogger(__name__)
EVERY_S = 3.0


class ProgressCards:
    def __init__(self, bot: Bot, services: Services, limiter: Limiter) -> None:
        self.bot = bot
        self.services = services
        self.limiter = limiter
        self._last: dict[int, float] = {}

    async def __call__(self, broadcast_ids: set[int]) -> None:
        for broadcast_id in broadcast_ids:
            try:
                await self.refresh(broadcast_id)
            except TelegramError as exc:
                log.info("progress card %s not updated: %s", broadcast_id, exc)

    async def refresh(self, broadcast_id: int, force: bool = False) -> None:
        db = self.services.db
        recent = time.monotonic() - self._last.get(broadcast_id, 0.0) < EVERY_S
        if recent and not force and await repo.unfinished(db, broadcast_id):
            return
        item = await repo.get(db, broadcast_id)
        if item is None or item.progress_message_id is None:
            return
        counts = await repo.counts(db, broadcast_id)
        self._last[broadcast_id] = time.monotonic()
        config = self.services.config
        lang = await self.services.people.lang_of(item.progress_chat_id or 0)
        tr = translator(lang, config.tz)
        screen = progress(tr, item, counts, self.services.clock.now())
        async with self.limiter.chat(item.progress_chat_id or 0):
            try:
                await self.bot.edit_message_text(
                    screen.text,
                    chat_id=item.progress_chat_id,
                    message_id=item.progress_message_id,
                    reply_markup=screen.markup,
                )
            except BadRequest as exc:
                if "not modified" not in exc.message:
                    raise
