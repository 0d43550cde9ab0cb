"""The outbox rows this process has claimed and not yet settled.

With two processes on one PostgreSQL, a claimed row is this process's only while its lease
lasts. The leases are renewed while the rows are sent, so only a dead process's rows ever
expire; a row whose lease ran out (a long outage) is dropped unsent, for the process that
claimed it since. Outcomes are written in small groups and handed back whole when a write
fails, so an outage never forgets one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from bot.delivery.outbox import RENEW_EVERY, Outbox, OutboxRow, Outcome

log = logging.getLogger(__name__)
HAND_BACK_S = 5.0


class Leases:
    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox
        self._held: set[int] = set()
        self._done: list[Outcome] = []

    def take(self, rows: Iterable[OutboxRow]) -> None:
        self._held.update(row.id for row in rows)

    def holds(self, row_id: int) -> bool:
        return row_id in self._held

    def settle(self, outcome: Outcome) -> int:
        """Kept until the next `flush`; returns how many wait to be written."""
        self._done.append(outcome)
        return len(self._done)

    async def flush(self) -> None:
        done, self._done = self._done, []
        if not done:
            return
        try:
            await self.outbox.finish_many(done)
        except BaseException:  # a stop's cancel included: the outcomes are handed back too
            self._done = done + self._done  # written with the next group; nothing is forgotten
            raise
        self._held.difference_update(o.row_id for o in done)

    async def keep(self) -> None:
        """Renews the leases of the rows held, for the life of the dispatcher."""
        while True:
            await asyncio.sleep(RENEW_EVERY.total_seconds())
            asked = set(self._held)
            try:
                renewed = await self.outbox.renew(asked)
            except Exception as exc:  # the next round tries again; an outage is logged elsewhere
                log.info("outbox leases not renewed: %s", exc)
                continue
            self._held -= asked - renewed  # written meanwhile, or another process's now

    async def hand_back(self) -> None:
        """On a stop, what this process held goes back to pending at once, for whoever runs
        next, instead of waiting out its lease. Written outcomes first: those are settled."""
        try:
            async with asyncio.timeout(HAND_BACK_S):  # a database that hangs can't hold a stop
                await self.flush()
                await self.outbox.release(self._held)
            self._held.clear()
        except Exception as exc:  # the leases run out by themselves
            log.warning("held outbox rows not handed back: %r", exc)
