"""Staff keeping a grant project up to date: its status, percent complete, milestones and
reporting schedule, and closing it. Each change is checked (the project is one this person may
manage, and not closed), applied in one transaction with its audit row, and the card is read
back. Requests stop when a project is done, its schedule is off, or it is closed: their unsent
rows go with the change.
"""

from __future__ import annotations

import logging

from bot.core import audit
from bot.core.errors import Refusal
from bot.core.fields import whole_number
from bot.core.people import Actor
from bot.db import utcnow_iso
from bot.grants.repo import projects as repo
from bot.grants.repo.projects import STATUSES, Project
from bot.grants.service import milestones as typed
from bot.grants.service.projects import Grants
from bot.grants.service.records import Record
from bot.grants.service.requests import request_prefix
from bot.grants.service.schedule import Schedule, check_schedule, next_request

log = logging.getLogger(__name__)


def check_percent(raw: str) -> int:
    value = whole_number((raw or "").replace("%", ""))
    if value is None or value > 100:
        raise Refusal("grant_percent")
    return value


class Changes:
    def __init__(self, grants: Grants) -> None:
        self.grants = grants
        self.db = grants.db
        self.clock = grants.clock
        self.outbox = grants.outbox
        self.zone = grants.zone

    async def _open(self, telegram_id: int, project_id: int) -> tuple[Actor, Project]:
        """A project staff may still change: not closed."""
        actor, project = await self.grants.manage(telegram_id, project_id)
        if project.closed:
            raise Refusal("grant_closed_staff")
        return actor, project

    async def set_status(self, telegram_id: int, project_id: int, status: str) -> Record:
        """Done stops the requests (and says 100%); any other status after done asks again."""
        if status not in STATUSES:
            raise Refusal("stale")
        actor, p = await self._open(telegram_id, project_id)
        if status == p.status:
            return await self.grants.card(telegram_id, project_id)
        now = self.clock.now()
        changes: dict[str, object] = {"status": status}
        if status == "done":
            changes |= {"percent": 100, "next_request_at": None}
        elif p.status == "done":
            changes["next_request_at"] = next_request(_schedule(p), now, self.zone)
        async with self.db.transaction():
            await repo.update(self.db, p.id, now, **changes)
            if status == "done":
                await self.outbox.cancel_keyed(request_prefix(p.id))
            await self._log(actor, p.id, "grant_updated", f"status:{status}")
        return await self.grants.card(telegram_id, project_id)

    async def set_percent(self, telegram_id: int, project_id: int, raw: str) -> Record:
        percent = check_percent(raw)
        actor, p = await self._open(telegram_id, project_id)
        async with self.db.transaction():
            await repo.update(self.db, p.id, self.clock.now(), percent=percent)
            await self._log(actor, p.id, "grant_updated", f"percent:{percent}")
        return await self.grants.card(telegram_id, project_id)

    async def add_milestones(self, telegram_id: int, project_id: int, raw: str) -> Record:
        actor, p = await self._open(telegram_id, project_id)
        found = typed.read_lines(raw, self.clock.now().astimezone(self.zone).date())
        async with self.db.transaction():
            await repo.add_milestones(self.db, p.id, found, self.clock.now())
            await self._log(actor, p.id, "grant_updated", f"milestones:+{len(found)}")
        return await self.grants.card(telegram_id, project_id)

    async def mark_milestone(
        self, telegram_id: int, project_id: int, milestone_id: int, done: bool
    ) -> Record:
        actor, p = await self._open(telegram_id, project_id)
        when = self.clock.now() if done else None
        async with self.db.transaction():
            if not await repo.mark_milestone(self.db, p.id, milestone_id, when):
                raise Refusal("stale")
            await self._log(actor, p.id, "grant_updated", f"milestone:{milestone_id}:{int(done)}")
        return await self.grants.card(telegram_id, project_id)

    async def set_schedule(
        self, telegram_id: int, project_id: int, kind: str, days: int = 0
    ) -> Record:
        """The next request counts from now; a project that is done asks nothing either way."""
        schedule = check_schedule(kind, days)
        actor, p = await self._open(telegram_id, project_id)
        now = self.clock.now()
        following = next_request(schedule, now, self.zone) if p.status != "done" else None
        async with self.db.transaction():
            await repo.update(
                self.db, p.id, now, schedule=schedule.kind, every_days=schedule.every_days,
                next_request_at=following,
            )  # fmt: skip
            if following is None:
                await self.outbox.cancel_keyed(request_prefix(p.id))
            await self._log(actor, p.id, "grant_updated", f"schedule:{kind}:{days}")
        return await self.grants.card(telegram_id, project_id)

    async def close(self, telegram_id: int, project_id: int) -> Record:
        """Final: requests stop, reports are no longer taken; closing twice changes nothing."""
        actor, p = await self.grants.manage(telegram_id, project_id)
        if not p.closed:
            now = self.clock.now()
            async with self.db.transaction():
                await repo.update(self.db, p.id, now, closed_at=now, next_request_at=None)
                await self.outbox.cancel_keyed(request_prefix(p.id))
                await self._log(actor, p.id, "grant_closed", "")
        return await self.grants.card(telegram_id, project_id)

    async def _log(self, actor: Actor, project_id: int, action: str, detail: str) -> None:
        who = await self.grants.actor_id(actor)
        await audit.record(self.db, who, action, "grant_project", project_id, detail,
                           at=utcnow_iso(self.clock.now()))  # fmt: skip
        log.info("grant project %s: %s by user %s", project_id, action, who)


def _schedule(p: Project) -> Schedule:
    return Schedule(p.schedule, p.every_days)
