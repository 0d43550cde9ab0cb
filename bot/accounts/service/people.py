"""The people directory for operators and staff: plain rows, read off the event loop."""

from __future__ import annotations

from bot.accounts.repo import people as repo
from bot.accounts.repo.people import PersonRow
from bot.core.people import People
from bot.db import Database


async def directory(db: Database) -> list[PersonRow]:
    """Approved members and coordinators, by region, district, municipality and name."""
    return await db.read_off_loop(repo.directory)


async def directory_for(db: Database, people: People, telegram_id: int) -> list[PersonRow]:
    """For a coordinator: the people of the regions they cover (all, for an admin)."""
    actor = await people.require_staff(telegram_id)
    rows = await directory(db)
    return [row for row in rows if actor.covers_region(row.region_id)]
