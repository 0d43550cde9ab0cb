"""What a queued grant message needs when it goes out, and whether it still applies.

Rows carry ids only. A request for a project that was closed, marked done or had its requests
turned off since it was queued is dropped; a report's notice reads the report as stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db import Database
from bot.delivery.kinds import Drop, Rendered
from bot.delivery.outbox import OutboxRow
from bot.grants.repo import projects as repo
from bot.grants.repo import reports as reports_repo
from bot.grants.repo.projects import Project
from bot.grants.repo.reports import Report
from bot.grants.service.requests import KIND
from bot.grants.views import member
from bot.grants.views import reports as report_views
from bot.i18n import Translator

KINDS = (KIND,)


@dataclass(frozen=True)
class GrantPush:
    project: Project
    report: Report | None = None


class GrantPushes:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def prepare(self, row: OutboxRow, now: datetime) -> GrantPush | Drop:
        project = await repo.get(self.db, int(row.params["project_id"]))
        if project is None:
            return Drop()
        if row.template == "grant_request":
            return GrantPush(project) if project.asking else Drop("project no longer asks")
        found = await reports_repo.get(self.db, int(row.params["report_id"]))
        return Drop() if found is None else GrantPush(project, found)

    def render(self, row: OutboxRow, tr: Translator, prepared: GrantPush) -> Rendered:
        if prepared.report is None:
            return Rendered(*member.request(tr, prepared.project))
        return Rendered(*report_views.received(tr, prepared.project, prepared.report))
