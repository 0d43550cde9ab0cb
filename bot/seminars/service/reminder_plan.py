"""When a seminar's reminders go for a member who is coming: its settings, start, quiet hours."""

from __future__ import annotations

from datetime import datetime

from bot.config import Config
from bot.core.reminders import repo as settings_repo
from bot.core.reminders.plan import Planned, planned
from bot.db import Database
from bot.seminars.repo.seminars import Seminar


async def planned_for(
    db: Database, config: Config, seminar: Seminar, now: datetime
) -> list[Planned]:
    settings = await settings_repo.get(db, "seminar", seminar.id)
    return planned(settings, seminar.starts_at, now, config)
