"""Retention (MUNIBOT_RETENTION_DAYS, 730 by default): once a day, what only logged a delivery
or waited for an answer long ago goes, and what it added up to stays.

- outbox rows that ended (sent, cancelled, failed) longer ago than that; a broadcast's counts
  move to the broadcast first (`on_prune`), so its history reads the same afterwards;
- flows (registration, wizards, drafts) nobody touched for that long;
- update ids older than a day (a repeat is only looked for within a day);
- attempts older than a day, the longest window any limit counts over.

Rows go in small batches, each its own transaction, so other writers wait only moments.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.accounts.repo import retention as repo
from bot.clock import Clock
from bot.db import Database, utcnow_iso

log = logging.getLogger(__name__)
BATCH = 500
SEEN_KEPT = timedelta(days=1)
ATTEMPTS_KEPT = timedelta(days=1)
Counts = dict[int, dict[str, int]]
"""Rows pruned per broadcast id, by status."""
KeepCounts = Callable[[Counts], Awaitable[None]]


@dataclass(frozen=True)
class Pruned:
    outbox: int
    flows: int
    seen_updates: int
    attempts: int


def tally(rows: list[tuple[int | None, str]]) -> Counts:
    found: Counts = {}
    for broadcast_id, status in rows:
        if broadcast_id is not None:
            by_status = found.setdefault(broadcast_id, {})
            by_status[status] = by_status.get(status, 0) + 1
    return found


class Retention:
    def __init__(self, db: Database, clock: Clock, days: int) -> None:
        self.db = db
        self.clock = clock
        self.days = days
        self.on_prune: list[KeepCounts] = []
        """Told, in the same transaction, what each batch removes of each broadcast."""

    async def prune(self) -> Pruned:
        now = self.clock.now()
        cutoff = utcnow_iso(now - timedelta(days=self.days))
        pruned = Pruned(
            outbox=await self._outbox(cutoff),
            flows=await repo.delete_flows(self.db, cutoff),
            seen_updates=await repo.delete_seen_updates(self.db, utcnow_iso(now - SEEN_KEPT)),
            attempts=await repo.delete_attempts(self.db, utcnow_iso(now - ATTEMPTS_KEPT)),
        )
        log.info(
            "retention: %s outbox rows, %s flows, %s update ids, %s attempts pruned",
            pruned.outbox, pruned.flows, pruned.seen_updates, pruned.attempts,
        )  # fmt: skip
        return pruned

    async def _outbox(self, cutoff: str) -> int:
        total = 0
        while True:
            async with self.db.transaction():
                gone = await repo.delete_finished(self.db, cutoff, BATCH)
                counts = tally(gone)
                if counts:
                    for keep in self.on_prune:
                        await keep(counts)
            total += len(gone)
            if len(gone) < BATCH:
                return total
            await asyncio.sleep(0)
