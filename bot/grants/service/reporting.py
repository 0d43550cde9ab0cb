"""A report on a grant project from the entrant's side: a text, then photos or documents, then
Done. The answers wait in the flows table (a restart keeps them); the report is stored only at
Done, with its files, in the same transaction as the notices to staff.

Only an approved member speaking for the entrant may report, on a project that is not closed;
a project closed while the report was being written is said so, and nothing is kept.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import TypedDict, cast

from bot.core import flows
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.flows import Flow
from bot.core.users import User
from bot.core.wizard import Wizard
from bot.delivery.outbox import FOREVER, Push
from bot.grants.repo import projects as repo
from bot.grants.repo import reports as reports_repo
from bot.grants.repo.projects import Project
from bot.grants.repo.reports import ReportFile
from bot.grants.service.projects import Grants
from bot.grants.service.requests import KIND

__all__ = ["FLOW", "GrantReports", "ReportFile", "Sent"]

log = logging.getLogger(__name__)
FLOW = "grant_report"
MAX_TEXT = 3000
MAX_FILES = 10
KINDS = ("photo", "document", "video")


class FileData(TypedDict):
    kind: str
    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    file_size: int | None


class ReportData(TypedDict):
    project_id: int
    text: str | None
    files: list[FileData]


def report_data(flow: Flow) -> ReportData:
    """The flows table keeps JSON; `GrantReports` wrote it in this shape."""
    return cast(ReportData, flow.data)


@dataclass(frozen=True)
class Sent:
    project: Project
    report_id: int
    files: int
    staff_told: int


def check_text(raw: str | None) -> str:
    text = (raw or "").strip()
    if not text:
        raise Refusal("grant_report_empty")
    if len(text) > MAX_TEXT:
        raise Refusal("field_too_long", limit=MAX_TEXT, length=len(text))
    return text


class GrantReports(Wizard):
    flow_name = FLOW

    def __init__(self, grants: Grants) -> None:
        self.grants = grants
        self.db = grants.db
        self.clock = grants.clock
        self.outbox = grants.outbox
        self.people = grants.people

    @classmethod
    def answers(cls, flow: Flow) -> int:
        data = report_data(flow)
        return int(bool(data.get("text"))) + len(data.get("files") or [])

    async def _reporter(self, telegram_id: int, project_id: int) -> tuple[User, Project]:
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None or user.status != "approved":
            raise NotAllowed
        project = await repo.get(self.db, project_id)
        if project is None:
            raise NotFound(str(project_id))
        staff = await reports_repo.entrant_staff(self.db, project.entrant_kind, project.entrant_id)
        if user.id not in {uid for uid, _ in staff}:
            raise Refusal("grant_not_yours")
        if project.closed:
            raise Refusal("grant_closed")
        return user, project

    async def begin(self, telegram_id: int, project_id: int) -> Project:
        _, project = await self._reporter(telegram_id, project_id)
        data: ReportData = {"project_id": project_id, "text": None, "files": []}
        await self._save(Flow(telegram_id, FLOW, "text", {**data}))
        return project

    async def text(self, telegram_id: int, raw: str) -> Flow:
        flow = await self._at(telegram_id)
        await self._still_open(flow)
        if flow.step != "text":
            raise Refusal("grant_files_or_done")
        report_data(flow)["text"] = check_text(raw)
        flow.step = "files"
        return await self._save(flow)

    async def add_file(self, telegram_id: int, found: ReportFile | None, caption: str) -> Flow:
        """A photo with a caption at the first step gives the text and the first file."""
        flow = await self._at(telegram_id)
        await self._still_open(flow)
        data = report_data(flow)
        if flow.step == "text":
            if not caption.strip():
                raise Refusal("grant_text_first")
            data["text"] = check_text(caption)
            flow.step = "files"
        if found is None or found.kind not in KINDS:
            await self._save(flow)
            raise Refusal("grant_file_type")
        if len(data["files"]) >= MAX_FILES:
            raise Refusal("grant_files_many", limit=MAX_FILES)
        data["files"].append(cast(FileData, asdict(found)))
        return await self._save(flow)

    async def _still_open(self, flow: Flow) -> Project:
        """Each step checks again: a project closed meanwhile ends the report, unsaved."""
        try:
            return (await self._reporter(flow.telegram_id, report_data(flow)["project_id"]))[1]
        except (Refusal, NotAllowed, NotFound):
            await flows.clear(self.db, flow.telegram_id)
            raise

    async def draft(self, telegram_id: int) -> ReportData | None:
        flow = await self.current(telegram_id)
        return report_data(flow) if flow is not None else None

    async def done(self, telegram_id: int, project_id: int) -> Sent:
        flow = await self._at(telegram_id, "files")
        data = report_data(flow)
        if int(data["project_id"]) != project_id:
            raise Refusal("stale")
        project = await self._still_open(flow)
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        files = [ReportFile(**f) for f in data["files"]]
        staff = await self._staff(project)
        async with self.db.transaction():
            now = self.clock.now()
            report_id = await reports_repo.add(
                self.db, project.id, user.id if user else 0, data["text"] or "", files, now
            )
            await self.outbox.enqueue_many(
                [_told(project, report_id, tid) for tid in staff], programme_id=project.programme_id
            )
            await flows.clear(self.db, telegram_id)
        log.info("grant project %s: report %s with %s files", project.id, report_id, len(files))
        return Sent(project, report_id, len(files), len(staff))

    async def _staff(self, project: Project) -> list[int]:
        """Who opened the tracking and the competition's author, while they are staff."""
        author = await reports_repo.telegram_id_of(self.db, project.competition_by)
        found = []
        for tid in dict.fromkeys(t for t in (project.opened_by, author) if t is not None):
            if (await self.people.actor(tid)).is_staff:
                found.append(tid)
        return found


def _told(project: Project, report_id: int, chat_id: int) -> Push:
    params = {"project_id": project.id, "report_id": report_id}
    return Push(f"grant-report:{report_id}:{chat_id}", chat_id, "grant_report", params,
                kind=KIND, expires_at=FOREVER)  # fmt: skip
