"""A project as its screens show it: the milestones, the last report and what is late, read
at one moment so the member's /status, the staff list and the donor report agree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.db import Database
from bot.grants.repo import projects as repo
from bot.grants.repo import reports as reports_repo
from bot.grants.repo.projects import Milestone, Project
from bot.grants.service.schedule import report_overdue


@dataclass(frozen=True)
class Record:
    project: Project
    milestones: list[Milestone]
    last_report_at: datetime | None
    late_milestones: list[Milestone]
    """Past their day and not done."""
    report_overdue: bool

    @property
    def late(self) -> bool:
        return not self.project.closed and (bool(self.late_milestones) or self.report_overdue)


async def records(
    db: Database, projects: list[Project], now: datetime, zone: ZoneInfo
) -> list[Record]:
    today = now.astimezone(zone).date()
    last = await reports_repo.last_at(db, [p.id for p in projects])
    found = []
    for p in projects:
        stones = await repo.milestones(db, p.id)
        late = [m for m in stones if m.due_on < today and not m.done]
        overdue = p.asking and report_overdue(p.last_request_at, last.get(p.id), now)
        found.append(Record(p, stones, last.get(p.id), late, overdue))
    return found


async def record(db: Database, project: Project, now: datetime, zone: ZoneInfo) -> Record:
    return (await records(db, [project], now, zone))[0]
