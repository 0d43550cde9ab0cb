"""Guests: people at a seminar who are not registered in the bot, by name and gender."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import Database


@dataclass(frozen=True)
class Guest:
    id: int
    seminar_id: int
    full_name: str
    gender: str


async def add(
    db: Database, seminar_id: int, name: str, gender: str, by: int | None, now: str
) -> int:
    return await db.insert(
        "INSERT INTO seminar_guests (seminar_id, full_name, gender, added_by, added_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (seminar_id, name, gender, by, now),
    )


async def of_seminars(db: Database, seminar_ids: list[int]) -> list[Guest]:
    if not seminar_ids:
        return []
    rows = await db.fetchall(
        "SELECT id, seminar_id, full_name, gender FROM seminar_guests"
        " WHERE seminar_id IN ({}) ORDER BY seminar_id, id".format(
            ",".join("?" * len(seminar_ids))
        ),
        seminar_ids,
    )
    return [Guest(*r) for r in rows]
