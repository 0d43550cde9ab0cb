"""Grant projects for staff: opened from a competition's published results, one per winner with
a grant, then kept up to date (status, percent, milestones, the reporting schedule) until closed.

Who may manage a project is who may manage its competition (`Actor.manages`, the one rule). The
results are read through the competitions' own service (`ResultsDesk`), handed in by
`bot.wiring`: this feature imports none of theirs. Every change leaves an audit row.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Protocol

from bot.clock import Clock
from bot.core import audit
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.people import Actor, People
from bot.db import Database, utcnow_iso
from bot.delivery.outbox import Outbox
from bot.grants.repo import projects as repo
from bot.grants.repo import reports as reports_repo
from bot.grants.repo.projects import Project
from bot.grants.repo.reports import Report, ReportFile
from bot.grants.service.records import Record, record, records
from bot.grants.service.schedule import MONTHLY, next_request

log = logging.getLogger(__name__)


class BoardLike(Protocol):
    @property
    def published(self) -> bool: ...
    @property
    def results(self) -> Sequence[Mapping[str, object]]: ...


class ResultsDesk(Protocol):
    """What grants asks of the competitions' results service."""

    async def board(self, telegram_id: int, competition_id: int, /) -> BoardLike: ...


def winners(board: BoardLike) -> list[tuple[int, int]]:
    """(entrant, grant) of each published result with a grant; a conditional winner only once
    its condition is met."""
    found = []
    for r in board.results:
        grant, entrant = r.get("grant_kgs"), r.get("entrant_id")
        pending = r.get("award") == "conditional" and r.get("condition_state") != "met"
        if isinstance(grant, int) and grant > 0 and isinstance(entrant, int) and not pending:
            found.append((entrant, grant))
    return found


class Grants:
    def __init__(
        self, db: Database, clock: Clock, outbox: Outbox, people: People, results: ResultsDesk
    ) -> None:
        self.db = db
        self.clock = clock
        self.outbox = outbox
        self.people = people
        self.results = results
        self.zone = people.config.zone

    async def track(self, telegram_id: int, competition_id: int) -> list[Record]:
        """Opens a project for each winner with a grant that has none yet; the same tap again
        opens nothing twice. The first request comes a month later."""
        board = await self.results.board(telegram_id, competition_id)
        if not board.published:
            raise Refusal("grant_not_published")
        found = winners(board)
        if not found:
            raise Refusal("grant_none")
        actor = await self.people.actor(telegram_id)
        now = self.clock.now()
        first = next_request(MONTHLY, now, self.zone) or now
        async with self.db.transaction():
            added = await repo.open_missing(self.db, competition_id, found, telegram_id, now, first)
            if added:
                who = await self.actor_id(actor)
                await audit.record(self.db, who, "grant_tracked", "competition", competition_id,
                                   str(added), at=self._now())  # fmt: skip
        log.info("grants of competition %s tracked by %s: %s new", competition_id, telegram_id,
                 added)  # fmt: skip
        projects = await repo.of_competition(self.db, competition_id)
        return await records(self.db, projects, now, self.zone)

    async def listing(self, telegram_id: int) -> list[Record]:
        """Every project this person may manage, open ones first."""
        actor = await self.people.require_staff(telegram_id)
        projects = await repo.every(self.db, actor.programme_ids())
        mine = [p for p in projects if actor.manages(p.programme_id, p.competition_by)]
        return await records(self.db, mine, self.clock.now(), self.zone)

    async def manage(self, telegram_id: int, project_id: int) -> tuple[Actor, Project]:
        actor = await self.people.require_staff(telegram_id)
        project = await repo.get(self.db, project_id)
        if project is None:
            raise NotFound(str(project_id))
        if not actor.manages(project.programme_id, project.competition_by):
            raise NotAllowed
        return actor, project

    async def card(self, telegram_id: int, project_id: int) -> Record:
        _, project = await self.manage(telegram_id, project_id)
        return await record(self.db, project, self.clock.now(), self.zone)

    async def reports(self, telegram_id: int, project_id: int) -> tuple[Project, list[Report]]:
        _, project = await self.manage(telegram_id, project_id)
        return project, await reports_repo.latest(self.db, project.id)

    async def report_files(
        self, telegram_id: int, project_id: int, report_id: int
    ) -> list[ReportFile]:
        """A forged button naming another project's report gets nothing."""
        _, project = await self.manage(telegram_id, project_id)
        found = await reports_repo.get(self.db, report_id)
        if found is None or found.project_id != project.id:
            raise Refusal("stale")
        return await reports_repo.files(self.db, report_id)

    async def mine(self, telegram_id: int) -> list[Record]:
        """The projects of the entrants this approved member speaks for."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None or user.status != "approved":
            raise NotAllowed
        projects = await repo.of_member(self.db, user.id)
        return await records(self.db, projects, self.clock.now(), self.zone)

    async def actor_id(self, actor: Actor) -> int:
        """An admin known only from the configuration gets a row, as the competitions do."""
        user = actor.user or await users_repo.ensure(
            self.db, actor.telegram_id, str(actor.telegram_id), self._now()
        )
        return user.id

    def _now(self) -> str:
        return utcnow_iso(self.clock.now())
