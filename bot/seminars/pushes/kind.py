"""Seminar rows at send time: read the seminar as it is now, and drop what no longer applies.

Rows can wait a long time: parked while a member had blocked the bot, or queued just before
the seminar was cancelled or moved. Sending them late would say the wrong thing, so each is
checked against the seminar as it is now.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, cast

from bot.db import Database
from bot.delivery.kinds import Drop, Rendered
from bot.delivery.outbox import OutboxRow
from bot.i18n import Translator
from bot.seminars.pushes.templates import TEMPLATES, SeminarPush
from bot.seminars.repo import seminars as repo
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.notices import Params

KINDS = ("seminar",)


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
    return True


class SeminarPushes:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def prepare(self, row: OutboxRow, now: datetime) -> SeminarPush | Drop:
        """Read for every row: an edit made during a long send shows in the very next one."""
        params = _params(row.params)
        seminar = await repo.get(self.db, int(params["seminar_id"]))
        if seminar is None:
            return Drop("seminar not found")
        if not await still_applies(self.db, row.template, params, seminar, now):
            return Drop()
        return SeminarPush(seminar, params)

    def render(self, row: OutboxRow, tr: Translator, prepared: SeminarPush) -> Rendered:
        return TEMPLATES[row.template](tr, prepared)
