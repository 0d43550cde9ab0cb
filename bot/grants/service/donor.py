"""The grants section of the donor report: every project under way in the period (opened by its
end, not closed before its start), within the report's programmes and regions, as it stands
today. The donor report (bot.reports) composes it from above, as it does the seminars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.people import Actor
from bot.db import Database
from bot.grants.repo import projects as repo
from bot.grants.repo import reports as reports_repo
from bot.grants.service.records import Record, records


@dataclass(frozen=True)
class GrantFigures:
    records: list[Record]

    @property
    def amount(self) -> int:
        return sum(r.project.grant_kgs for r in self.records)

    @property
    def late(self) -> int:
        return sum(r.late for r in self.records)

    @property
    def done(self) -> int:
        return sum(r.project.status == "done" for r in self.records)

    @property
    def progress(self) -> int | None:
        """The average percent complete, weighted by the grant (None: no project)."""
        if not self.records:
            return None
        if not self.amount:
            return round(sum(r.project.percent for r in self.records) / len(self.records))
        return round(sum(r.project.percent * r.project.grant_kgs for r in self.records)
                     / self.amount)  # fmt: skip


async def for_period(
    db: Database,
    zone: ZoneInfo,
    now: datetime,
    start: datetime,
    end: datetime,
    scope: list[int] | None,
    regions: list[int],
    actor: Actor | None,
) -> GrantFigures:
    """`actor` None: the operator's, every project."""
    found = []
    for p in await repo.every(db, scope):
        if p.created_at >= end or (p.closed_at and datetime.fromisoformat(p.closed_at) < start):
            continue
        if actor is not None and not actor.manages(p.programme_id, p.competition_by):
            continue
        if regions and not await reports_repo.in_regions(db, p.entrant_kind, p.entrant_id, regions):
            continue
        found.append(p)
    return GrantFigures(await records(db, found, now, zone))
