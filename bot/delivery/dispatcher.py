"""Sends the outbox rows that are due, within Telegram's limits.

One dispatcher runs per database, as a task for the life of the application. Enqueueing wakes
it, and so does the JobQueue on a timer, so rows whose `not_before` has come go out even when
nothing new is queued. Rows are leased about a second's worth at a time and sent by a pool of
workers; the limiter decides when each may go.

An answer that says the Bot API itself is unwell (5xx, a timeout, no connection) pauses the
whole dispatcher instead of spending rows' attempts: it asks getMe, with a growing wait, until
Telegram answers (`probe.py`), then sends what fell due meanwhile, oldest first. A row is
tried for as long as it still applies (its `expires_at`); only an answer that will not change
ends it.

The database can go away too (a PostgreSQL server restarting): then the dispatcher pauses,
with a growing wait, keeps the outcomes it could not write (`leases.py`), and goes on when it
answers again.
Nothing queued is lost; at most the rows in flight may go twice, as after a crash.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.db import DatabaseUnavailable
from bot.delivery.kinds import Drop, Kinds, Rendered
from bot.delivery.leases import Leases
from bot.delivery.limiter import Limiter, Withdrawn
from bot.delivery.outbox import STOPPED, Outbox, OutboxRow, Outcome, unreached
from bot.delivery.probe import ApiProbe
from bot.http import Bot
from bot.i18n import resolve_lang, translator

log = logging.getLogger(__name__)
IDLE_WAIT_S = 30.0
DB_WAIT_MAX_S = 15.0
ROW_BACKOFF_MAX_S = 300.0
DEFER_OVER_S = 2.0
BATCH = 64
FLUSH_EVERY = 16

ProgressHook = Callable[[set[int]], Awaitable[None]]


class ChatLines:
    """One line per chat: a chat's rows go out in the order they were leased (not_before),
    whichever workers hold them, since each worker joins the line as it takes its row."""

    def __init__(self) -> None:
        self._lines: dict[int, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, chat_id: int) -> AsyncIterator[None]:
        lock, waiting = self._lines.get(chat_id, (asyncio.Lock(), 0))
        self._lines[chat_id] = (lock, waiting + 1)
        try:
            async with lock:
                yield
        finally:
            lock, waiting = self._lines[chat_id]
            if waiting == 1:
                del self._lines[chat_id]
            else:
                self._lines[chat_id] = (lock, waiting - 1)


class Dispatcher:
    def __init__(
        self, outbox: Outbox, kinds: Kinds, bot: Bot, limiter: Limiter, default_lang: str, tz: str
    ) -> None:
        self.outbox = outbox
        self.kinds = kinds
        self.bot = bot
        self.limiter = limiter
        self.default_lang = default_lang
        self.tz = tz
        self.on_progress: ProgressHook | None = None
        self.paid = False
        """Sends ask for Telegram's paid broadcasts (1000 a second, charged in Stars)."""
        self._lines = ChatLines()
        self._touched: set[int] = set()
        self.leases = Leases(outbox)
        self.probe = ApiProbe(outbox, bot)
        self._db_wait = 0.0

    def wake(self) -> None:
        self.outbox.wakeup.set()

    async def run(self) -> None:
        """Never ends on its own: a failed pass is logged and the next one starts shortly."""
        renewing = asyncio.create_task(self.leases.keep(), name="outbox-leases")
        try:
            await self._passes()
        finally:
            renewing.cancel()
            await self.leases.hand_back()

    async def _passes(self) -> None:
        recovered = self.outbox.db.shared  # see Database.shared: there leases alone decide
        while True:
            self.outbox.wakeup.clear()
            wait = 1.0
            try:
                if not recovered:
                    await self.outbox.recover_in_flight()
                    recovered = True
                await self.leases.flush()
                await self.outbox.recover_in_flight(only_expired=True)
                if self.probe.down and not await self.probe.answered():
                    wait = self.probe.seconds_to_next()
                else:
                    await self.send_due()
                    wait = await self._idle_wait()
                self._database_back()
            except DatabaseUnavailable as exc:
                wait = self._database_away(exc)
            except Exception:
                log.exception("dispatcher pass failed; trying again shortly")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.outbox.wakeup.wait(), wait)

    def _database_away(self, exc: DatabaseUnavailable) -> float:
        if not self._db_wait:
            log.warning("the database does not answer (%s): sending paused", exc)
        self._db_wait = min(max(self._db_wait * 2, 0.5), DB_WAIT_MAX_S)
        return self._db_wait

    def _database_back(self) -> None:
        if self._db_wait:
            log.warning("the database answers again: sending resumed")
            self._db_wait = 0.0

    async def _idle_wait(self) -> float:
        next_due = await self.outbox.next_due_at()
        if next_due is None:
            return IDLE_WAIT_S
        delay = (datetime.fromisoformat(next_due) - self.outbox.clock.now()).total_seconds()
        return min(max(delay, 0.05), IDLE_WAIT_S)

    async def send_due(self) -> int:
        """Workers send while the next lease is taken, so the pipeline never drains between
        leases; a lease is about a second's worth of rows, so few are ever in flight."""
        queue: asyncio.Queue[OutboxRow | None] = asyncio.Queue(maxsize=self.batch // 2 + 1)
        workers = [asyncio.create_task(self._worker(queue)) for _ in range(self.batch)]
        try:
            while not self.probe.down and (rows := await self.outbox.claim_due(self.batch)):
                self.leases.take(rows)
                for row in rows:
                    await queue.put(row)
                await self._report({row.broadcast_id for row in rows if row.broadcast_id})
        finally:
            for _ in workers:
                await queue.put(None)
            sent = sum(await asyncio.gather(*workers))
            await self.leases.flush()
        touched, self._touched = self._touched, set()
        await self._report(touched)
        return sent

    async def _report(self, broadcast_ids: set[int]) -> None:
        if broadcast_ids and self.on_progress is not None:
            await self.on_progress(broadcast_ids)

    async def _worker(self, queue: asyncio.Queue[OutboxRow | None]) -> int:
        """One row at a time; whatever goes wrong with a row, the worker lives on."""
        sent = 0
        while (row := await queue.get()) is not None:
            try:
                async with self._lines.hold(row.chat_id):
                    outcome = await self._deliver(row)
            except DatabaseUnavailable:
                outcome = Outcome(row.id, "pending")  # not sent: it waits for the database
            except Exception as exc:
                log.exception("outbox row %s: unexpected error", row.id)
                outcome = Outcome(row.id, "failed", error=f"internal error: {exc}"[:500])
            sent += outcome.status == "sent"
            if row.broadcast_id:
                self._touched.add(row.broadcast_id)
            await self._record(row, outcome)
        return sent

    @property
    def batch(self) -> int:
        rate = self.limiter.rate
        return max(10, min(BATCH, int(rate))) if rate else BATCH

    async def _record(self, row: OutboxRow, outcome: Outcome) -> None:
        """Outcomes are written in small groups; until then their rows stay leased ('sending'),
        so a crash repeats at most the rows in flight or answered in the last moments."""
        waiting = self.leases.settle(outcome)
        with contextlib.suppress(DatabaseUnavailable):  # kept, and written by a later flush
            if outcome.status == "blocked":
                await self.leases.flush()
                await self.outbox.set_reachable(row.chat_id, reachable=False)
            elif waiting >= FLUSH_EVERY:
                await self.leases.flush()

    async def _deliver(self, row: OutboxRow) -> Outcome:
        now = self.outbox.clock.now()
        if not self.leases.holds(row.id):  # its lease ran out in an outage: another sends it
            return Outcome(row.id, "pending")
        if row.expires_at is not None and now > row.expires_at:
            return Outcome(row.id, "cancelled", error="no longer applies: its time has passed")
        if self.probe.down:
            return Outcome(row.id, "pending")
        kind = self.kinds[row.kind]
        prepared = await kind.prepare(row, now)
        if isinstance(prepared, Drop):
            return Outcome(row.id, "cancelled", error=prepared.reason)
        wait = self.limiter.chat_wait(row.chat_id)
        if wait > DEFER_OVER_S:
            return Outcome(row.id, "pending", not_before=self._later(wait))
        async with self.limiter.chat(row.chat_id):
            if not self._wanted(row):
                return Outcome(row.id, "cancelled", error=STOPPED)
            saved, telegram = (row.lang, row.tg_lang)
            if wait > 0:  # the reader may have changed language while this row waited its turn
                saved, telegram = await self.outbox.languages_of(row.chat_id, saved, telegram)
            lang = resolve_lang(saved, telegram, self.default_lang)
            rendered = kind.render(row, translator(lang, self.tz), prepared)
            try:
                message_id = await self._send(row, rendered)
            except Withdrawn:
                return Outcome(row.id, "cancelled", error=STOPPED)
            except Exception as exc:
                return self._failure(row, exc)
        return Outcome(
            row.id, "sent", message_id=message_id, tried=True, maybe_twice=row.maybe_twice
        )

    def _wanted(self, row: OutboxRow) -> bool:
        return row.broadcast_id not in self.outbox.stopped_broadcasts

    async def _send(self, row: OutboxRow, r: Rendered) -> int:
        """The new message's id. The limiter paces the call and hands a RetryAfter back here
        to reschedule the row; a row whose broadcast is stopped while it waits for its turn
        is withdrawn there (a 429's pause can last a minute)."""
        chat_id = row.chat_id
        limits = {"outbox": True, "wanted": lambda: self._wanted(row)}
        common: dict[str, Any] = {"parse_mode": ParseMode.HTML, "rate_limit_args": limits}
        if self.paid:
            common["allow_paid_broadcast"] = True
        if r.photo:
            sent = await self.bot.send_photo(chat_id, r.photo, caption=r.text or None, **common)
            return sent.message_id
        if r.document:
            sent = await self.bot.send_document(
                chat_id, r.document, caption=r.text or None, reply_markup=r.markup, **common
            )
            return sent.message_id
        params: dict[str, object] = {"chat_id": chat_id, "text": r.text, "parse_mode": "HTML"}
        if r.markup is not None:
            params["reply_markup"] = r.markup
        if r.edit is not None:
            await self.bot.call("editMessageText", {**params, "message_id": r.edit}, limits)
            return r.edit
        if self.paid:
            params["allow_paid_broadcast"] = True
        found = await self.bot.call("sendMessage", params, limits)
        return int(found["message_id"])

    def _failure(self, row: OutboxRow, exc: Exception) -> Outcome:
        """What Telegram's answer means for the row: wait, park, give up, or try again later."""
        if isinstance(exc, RetryAfter):
            seconds = _seconds(exc.retry_after)
            log.warning("429 from Telegram: all sends paused for %.0f s", seconds)
            return Outcome(row.id, "pending", error=str(exc), not_before=self._later(seconds))
        if isinstance(exc, Forbidden):
            return Outcome(row.id, "blocked", error=exc.message, tried=True)
        if isinstance(exc, BadRequest):
            if unreached(exc.message):
                return Outcome(row.id, "blocked", error=exc.message, tried=True)
            return Outcome(row.id, "failed", error=exc.message, tried=True)
        if isinstance(exc, NetworkError | TimedOut):
            return self._transient(row, exc)
        log.error("outbox row %s failed for good: %s", row.id, exc)
        return Outcome(row.id, "failed", error=str(exc)[:500], tried=True)

    def _transient(self, row: OutboxRow, exc: Exception) -> Outcome:
        """The Bot API may be unwell: pause everything and ask it (see the module docstring).
        The row keeps its place in line; only a row that keeps failing while the API answers
        waits longer each time, up to a few minutes. A timeout may have been delivered after
        all: the row is marked, and the delivery report counts it."""
        self.probe.suspect()
        backoff = min(2.0**row.attempts, ROW_BACKOFF_MAX_S) if row.attempts >= 2 else 0.0
        return Outcome(
            row.id,
            "pending",
            error=str(exc)[:500],
            not_before=self._later(backoff) if backoff else None,
            tried=True,
            maybe_twice=row.maybe_twice or isinstance(exc, TimedOut),
        )

    def _later(self, seconds: float) -> datetime:
        return self.outbox.clock.now() + timedelta(seconds=seconds)


def _seconds(value: int | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
