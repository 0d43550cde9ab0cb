"""Updates run concurrently across people, one at a time for each person, and fairly.

A member on a weak connection often sends two answers in a row; processed in parallel, both
would read the same flow step and one answer would be lost. So each person has a line, and an
update waits in its person's line *before* it takes one of the shared slots: a person with a
backlog (someone tapping fast, or a flooding stranger) holds at most one slot, and everyone else
keeps being served. A line holds at most PER_USER updates; beyond that the person hears once to
slow down and the rest are dropped (logged by user id).

An update Telegram delivers twice (a webhook call retried, a restart before polling confirmed
it) is handled once: ids seen in the last day are remembered, in the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.clock import Clock
from bot.core import users
from bot.db import Database, DatabaseUnavailable, utcnow_iso
from bot.delivery.limiter import slot_released

log = logging.getLogger(__name__)
PER_USER = 20
UNBOUNDED = 1_000_000
REMEMBER = timedelta(days=1)
FLUSH_EVERY_S = 1.0

Overflow = Callable[[Update], Awaitable[None]]


@dataclass
class _Slot:
    """One update's hold on a shared slot. A reply that waits out a 429 gives it back for the
    wait (bot.delivery.limiter), so a person tapping too fast never blocks others; a task the
    handler left behind, after its update is done, has no slot to give."""

    semaphore: asyncio.Semaphore
    held: bool = True

    @contextlib.asynccontextmanager
    async def yielded(self) -> AsyncIterator[None]:
        if not self.held:
            yield
            return
        self.semaphore.release()
        try:
            yield
        finally:
            await self.semaphore.acquire()


@dataclass
class _Line:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0
    dropped: int = 0


class SeenUpdates:
    """Update ids handled recently. Kept in memory for speed and written to the database about
    once a second, so a restart remembers all but the last second's."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self._ids: set[int] = set()
        self._by_age: deque[tuple[datetime, int]] = deque()
        """The same ids, oldest first, so those past REMEMBER leave memory too."""
        self._unwritten: list[int] = []

    async def load(self) -> None:
        since = utcnow_iso(self.clock.now() - REMEMBER)
        rows = await self.db.fetchall(
            "SELECT update_id, seen_at FROM seen_updates WHERE seen_at >= ? ORDER BY seen_at",
            (since,),
        )
        self._by_age = deque((datetime.fromisoformat(r[1]), r[0]) for r in rows)
        self._ids = {update_id for _, update_id in self._by_age}

    def first_time(self, update_id: int) -> bool:
        if update_id in self._ids:
            return False
        self._ids.add(update_id)
        self._by_age.append((self.clock.now(), update_id))
        self._unwritten.append(update_id)
        return True

    def _forget_old(self) -> None:
        oldest = self.clock.now() - REMEMBER
        while self._by_age and self._by_age[0][0] < oldest:
            self._ids.discard(self._by_age.popleft()[1])

    async def flush(self) -> None:
        self._forget_old()
        ids, self._unwritten = self._unwritten, []
        if ids:
            now = utcnow_iso(self.clock.now())
            try:
                await self.db.executemany(
                    "INSERT OR IGNORE INTO seen_updates (update_id, seen_at) VALUES (?, ?)",
                    [(i, now) for i in ids],
                )
            except Exception:
                self._unwritten = ids + self._unwritten  # written with the next flush
                raise

    async def keep_flushing(self) -> None:
        while True:
            await asyncio.sleep(FLUSH_EVERY_S)
            try:
                await self.flush()
            except DatabaseUnavailable as exc:
                log.info("seen update ids not written yet, the database does not answer: %s", exc)
            except Exception:
                log.exception("seen update ids not written; trying again shortly")


class FairUpdateProcessor(BaseUpdateProcessor):
    """PTB takes its own concurrency slot before handing an update over, which would let one
    person's backlog hold every slot; so PTB's limit is set out of reach and ours is taken here,
    after the person's line."""

    def __init__(self, max_concurrent_updates: int = 256, per_user: int = PER_USER) -> None:
        super().__init__(UNBOUNDED)
        self._slots = asyncio.Semaphore(max_concurrent_updates)
        self.per_user = per_user
        self.seen: SeenUpdates | None = None
        """Set once the database is open (bot.app); until then nothing is deduplicated."""
        self.on_overflow: Overflow | None = None
        """Tells a person whose line is full to slow down (set by bot.app)."""
        self._lines: dict[int, _Line] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if isinstance(update, Update) and self.seen and not self.seen.first_time(update.update_id):
            _discard(coroutine)
            log.info("update %s arrived again and was ignored", update.update_id)
            return
        who = _who(update)
        if who is None:
            await self._in_slot(update, coroutine)
            return
        line = self._lines.setdefault(who, _Line())
        if line.waiting >= self.per_user:
            _discard(coroutine)
            self._overflowed(update, who, line)
            return
        line.waiting += 1
        try:
            async with line.lock:
                await self._in_slot(update, coroutine)
        finally:
            line.waiting -= 1
            if line.waiting == 0:
                del self._lines[who]
                if line.dropped:
                    log.warning("user %s sent too fast: %s updates dropped", who, line.dropped)

    async def _in_slot(self, update: object, coroutine: Awaitable[Any]) -> None:
        async with self._slots:
            slot = _Slot(self._slots)
            try:
                with slot_released.bind(slot.yielded):
                    users.remember_during_this_update()
                    await coroutine
            finally:
                slot.held = False

    def _overflowed(self, update: object, who: int, line: _Line) -> None:
        """Told once per backlog; the count of what was dropped is logged when it clears."""
        line.dropped += 1
        if line.dropped == 1 and self.on_overflow is not None and isinstance(update, Update):
            asyncio.ensure_future(self.on_overflow(update))

    async def initialize(self) -> None:
        """Nothing to set up: lines are made on demand and vanish when empty."""

    async def shutdown(self) -> None:
        if self.seen is not None:
            await self.seen.flush()


def _who(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    who = update.effective_user or update.effective_chat
    return who.id if who is not None else None


def _discard(coroutine: Awaitable[Any]) -> None:
    """A handler's coroutine that will never run: closed, so Python does not warn about it."""
    close = getattr(coroutine, "close", None)
    if close is not None:
        close()
