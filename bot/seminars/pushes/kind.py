"""Seminar rows at send time: read the seminar as it is now, and drop what no longer applies.

Rows can wait a long time: parked while a member had blocked the bot, or queued just before
the seminar was cancelled or moved. Sending them late would say the wrong thing, so each is
checked against the seminar as it is now.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any, cast

from bot.core.reminders import repo as reminder_settings
from bot.db import Database
from bot.delivery.kinds import Drop, Rendered
from bot.delivery.outbox import OutboxRow
from bot.i18n import Translator
from bot.seminars.pushes.cycle_templates import CYCLE_TEMPLATES
from bot.seminars.pushes.templates import TEMPLATES, SeminarPush
from bot.seminars.repo import files as files_repo
from bot.seminars.repo import seminars as repo
from bot.seminars.repo.files import SeminarFile
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.notices import Params
from bot.seminars.views.calendar import deep_link

KINDS = ("seminar",)
RENDER = {**TEMPLATES, **CYCLE_TEMPLATES}
WITH_AGENDA = ("seminar_invite", "seminar_reminder", "seminar_changed")
UPLOADS = ("photo", "signed_list")


def _params(raw: Mapping[str, Any]) -> Params:
    """The row's parameters: JSON that service/notices.py wrote from a `Params`."""
    return cast(Params, raw)


async def still_applies(
    db: Database, template: str, params: Params, seminar: Seminar, now: datetime
) -> bool:
    if template == "seminar_cancelled":
        return True
    if seminar.cancelled:
        return False
    if template == "seminar_invite":
        return now <= seminar.rsvp_deadline
    if template == "seminar_reminder":
        if params.get("version", seminar.version) != seminar.version:
            return False
        if now >= seminar.starts_at:
            return False
        if "user_id" in params:
            found = await repo.invitation(db, seminar.id, int(params["user_id"]))
            return found is not None and found.status == "going"
        return True
    if template in ("seminar_promoted", "seminar_changed"):
        return now < seminar.ends_at
    if template == "seminar_followup_late":
        uploaded = await files_repo.counts(db, seminar.id)
        return not any(uploaded.get(p) for p in UPLOADS)
    return True


class SeminarPushes:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.bot_username: str | None = None
        """Set once the bot knows its own @username (bot.app), for the calendar's link."""

    async def prepare(self, row: OutboxRow, now: datetime) -> SeminarPush | Drop:
        """Read for every row: an edit made during a long send shows in the very next one."""
        params = _params(row.params)
        seminar = await repo.get(self.db, int(params["seminar_id"]))
        if seminar is None:
            return Drop("seminar not found")
        if not await still_applies(self.db, row.template, params, seminar, now):
            return Drop()
        push = await self._with_files(row.template, params, seminar)
        if isinstance(push, Drop):
            return push
        return await self._own_text(row.template, push)

    async def _own_text(self, template: str, push: SeminarPush) -> SeminarPush:
        """A reminder reads staff's own text as it is when it goes out."""
        if template != "seminar_reminder":
            return push
        found = await reminder_settings.get(self.db, "seminar", push.seminar.id)
        return replace(push, own_text=(found.text_ky, found.text_ru))

    async def _with_files(
        self, template: str, params: Params, seminar: Seminar
    ) -> SeminarPush | Drop:
        """With what a push may carry: the seminar's deep link (for a calendar file), the
        agenda, a batch of handouts."""
        link = deep_link(self.bot_username, seminar.id)
        agenda = await files_repo.agenda(self.db, seminar.id) if template in WITH_AGENDA else None
        files: tuple[SeminarFile, ...] = ()
        if template == "seminar_handout":
            files = tuple(await files_repo.batch(self.db, seminar.id, int(params.get("batch", 0))))
            if not files:
                return Drop("handouts no longer kept")
        return SeminarPush(seminar, params, link, agenda, files)

    def render(self, row: OutboxRow, tr: Translator, prepared: SeminarPush) -> Rendered:
        return RENDER[row.template](tr, prepared)
