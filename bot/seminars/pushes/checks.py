"""Whether a queued seminar message still applies at the moment it goes out.

Rows can wait a long time: parked while a member had blocked the bot, or queued just before
the seminar was cancelled or moved. Sending them late would say the wrong thing, so each is
checked against the seminar as it is now.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.db import Database
from bot.seminars.repo import seminars as repo


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value)


async def still_applies(
    db: Database, template: str, params: dict[str, Any], seminar: dict[str, Any], now: datetime
) -> bool:
    if template == "seminar_cancelled":
        return True
    if seminar["status"] == "cancelled":
        return False
    if template == "seminar_invite":
        return now <= _at(seminar["rsvp_deadline"])
    if template == "seminar_reminder":
        if params.get("version", seminar["version"]) != seminar["version"]:
            return False
        if now >= _at(seminar["starts_at"]):
            return False
        if "user_id" in params:
            found = await repo.invitation(db, seminar["id"], params["user_id"])
            return found is not None and found.status == "going"
        return True
    if template in ("seminar_promoted", "seminar_changed"):
        return now < _at(seminar["ends_at"])
    return True
