"""The timed wake-up that asks entrants for their reports.

The schedule lives only in the database: each project's `next_request_at`. A wake-up finds the
projects whose time has come and, in one transaction per project, queues the request to each
member speaking for the entrant and moves `next_request_at` to the following period. A key per
project, period and member means a wake-up repeated after a crash queues nothing twice; moving
the time in the same transaction means a restart loses none.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.db import Database
from bot.delivery.outbox import Outbox, Push
from bot.grants.repo import projects as repo
from bot.grants.repo import reports as reports_repo
from bot.grants.repo.projects import Project
from bot.grants.service.schedule import GRACE, Schedule, following

log = logging.getLogger(__name__)
KIND = "grant"


def request_prefix(project_id: int) -> str:
    return f"grant-req:{project_id}:"


def request_push(project: Project, due: datetime, user_id: int, chat_id: int) -> Push:
    """The request of one period to one member; it is no use once the next one is due, so it
    lapses a little before (a member offline for weeks gets the newer one only)."""
    key = f"{request_prefix(project.id)}{due.strftime('%Y%m%d')}:{user_id}"
    params = {"project_id": project.id, "due": due.isoformat()}
    return Push(key, chat_id, "grant_request", params, due, KIND, due + GRACE * 3,
                project.programme_id)  # fmt: skip


class Requests:
    def __init__(self, db: Database, clock: Clock, outbox: Outbox, zone: ZoneInfo) -> None:
        self.db = db
        self.clock = clock
        self.outbox = outbox
        self.zone = zone

    async def wake(self) -> int:
        """Queues every request that has come; returns how many projects asked."""
        now = self.clock.now()
        asked = 0
        for project in await repo.due(self.db, now):
            asked += await self._ask(project.id, now)
        if asked:
            log.info("grant report requests queued for %s projects", asked)
        return asked

    async def _ask(self, project_id: int, now: datetime) -> int:
        """Re-read inside the transaction: a project closed or moved meanwhile asks nothing."""
        async with self.db.transaction():
            p = await repo.get(self.db, project_id)
            due = p.next_request_at if p is not None else None
            if p is None or due is None or due > now or p.closed:
                return 0
            then = following(Schedule(p.schedule, p.every_days), due, now, self.zone)
            if not p.asking:
                await repo.update(self.db, p.id, now, next_request_at=None)
                return 0
            staff = await reports_repo.entrant_staff(self.db, p.entrant_kind, p.entrant_id)
            await self.outbox.enqueue_many([request_push(p, due, u, c) for u, c in staff])
            await repo.update(self.db, p.id, now, next_request_at=then, last_request_at=now)
        return 1
