"""Sends the outbox rows that are due, one at a time.

It runs as one task for the life of the application. Enqueueing wakes it; the JobQueue also
wakes it on a timer, so rows whose `not_before` has come go out even when nothing new is queued.
The rate limits, leases and parallel sending arrive with the delivery-pipeline issue.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.delivery.outbox import Outbox, OutboxRow
from bot.delivery.templates import render
from bot.i18n import resolve_lang, translator

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
IDLE_WAIT_S = 30.0


class Dispatcher:
    def __init__(self, outbox: Outbox, bot: Bot, default_lang: str, tz: str) -> None:
        self.outbox = outbox
        self.bot = bot
        self.default_lang = default_lang
        self.tz = tz

    def wake(self) -> None:
        self.outbox.wakeup.set()

    async def run(self) -> None:
        await self.outbox.recover_in_flight()
        while True:
            self.outbox.wakeup.clear()
            try:
                await self.send_due()
            except Exception:
                log.exception("dispatcher pass failed; trying again shortly")
                await asyncio.sleep(1)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.outbox.wakeup.wait(), await self._idle_wait())

    async def _idle_wait(self) -> float:
        next_due = await self.outbox.next_due_at()
        if next_due is None:
            return IDLE_WAIT_S
        delay = (datetime.fromisoformat(next_due) - self.outbox.clock.now()).total_seconds()
        return min(max(delay, 0.05), IDLE_WAIT_S)

    async def send_due(self) -> int:
        sent = 0
        while (row := await self.outbox.claim_due()) is not None:
            await self._send(row)
            sent += 1
        return sent

    async def _send(self, row: OutboxRow) -> None:
        tr = translator(resolve_lang(row.lang, row.tg_lang, self.default_lang), self.tz)
        try:
            text, markup = render(row.template, tr, row.params)
        except KeyError as exc:
            await self.outbox.finish(row.id, "failed", error=f"unknown template {exc}")
            return
        try:
            message = await self.bot.send_message(
                row.chat_id, text, reply_markup=markup, parse_mode=ParseMode.HTML
            )
        except RetryAfter as exc:
            await self._later(row, str(exc), timedelta(seconds=_seconds(exc.retry_after)))
            await asyncio.sleep(_seconds(exc.retry_after))
        except Forbidden as exc:
            await self.outbox.finish(row.id, "blocked", error=exc.message)
        except BadRequest as exc:
            await self.outbox.finish(row.id, "failed", error=exc.message)
        except NetworkError as exc:
            if row.attempts >= MAX_ATTEMPTS:
                await self.outbox.finish(row.id, "failed", error=exc.message)
            else:
                await self._later(row, exc.message, timedelta(seconds=2**row.attempts))
        else:
            await self.outbox.finish(row.id, "sent", message_id=message.message_id)

    async def _later(self, row: OutboxRow, error: str, delay: timedelta) -> None:
        when = self.outbox.clock.now() + delay
        await self.outbox.finish(row.id, "pending", error=error, not_before=when)
        log.info("outbox row %s postponed: %s", row.id, error)


def _seconds(value: int | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
