"""A seminar's co-organisers: staff who manage it besides its author."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import Database


@dataclass(frozen=True)
class Organiser:
    user_id: int
    telegram_id: int | None
    full_name: str | None
    author: bool


async def add(db: Database, seminar_id: int, user_id: int, by: int | None, now: str) -> bool:
    """False when they already were one."""
    cur = await db.execute(
        "INSERT INTO seminar_organisers (seminar_id, user_id, added_by, added_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (seminar_id, user_id, by, now),
    )
    return cur.rowcount == 1


async def remove(db: Database, seminar_id: int, user_id: int) -> bool:
    cur = await db.execute(
        "DELETE FROM seminar_organisers WHERE seminar_id = ? AND user_id = ?",
        (seminar_id, user_id),
    )
    return cur.rowcount == 1


async def is_one(db: Database, seminar_id: int, user_id: int) -> bool:
    row = await db.fetchone(
        "SELECT 1 FROM seminar_organisers WHERE seminar_id = ? AND user_id = ?",
        (seminar_id, user_id),
    )
    return row is not None


async def of_seminar(db: Database, seminar_id: int) -> list[Organiser]:
    """The author first, then the co-organisers in the order they were added."""
    rows = await db.fetchall(
        "SELECT u.id, u.telegram_id, COALESCE(u.full_name, u.tg_name), 1 FROM seminars s"
        " JOIN users u ON u.id = s.created_by WHERE s.id = ?"
        " UNION ALL SELECT u.id, u.telegram_id, COALESCE(u.full_name, u.tg_name), 0"
        " FROM seminar_organisers o JOIN users u ON u.id = o.user_id WHERE o.seminar_id = ?",
        (seminar_id, seminar_id),
    )
    return [Organiser(r[0], r[1], r[2], bool(r[3])) for r in rows]


async def seminar_ids(db: Database, user_id: int) -> set[int]:
    rows = await db.fetchall(
        "SELECT seminar_id FROM seminar_organisers WHERE user_id = ?", (user_id,)
    )
    return {r[0] for r in rows}


async def programme_staff(db: Database, programme_id: int | None) -> list[Organiser]:
    """Coordinators of the programme and admins who have a chat: who may be a co-organiser."""
    rows = await db.fetchall(
        "SELECT id, telegram_id, COALESCE(full_name, tg_name) FROM users"
        " WHERE telegram_id IS NOT NULL AND (role = 'admin' OR (role = 'coordinator' AND id IN"
        " (SELECT user_id FROM programme_staff WHERE programme_id = ?)))"
        " ORDER BY COALESCE(full_name, tg_name), id",
        (programme_id,),
    )
    return [Organiser(r[0], r[1], r[2], False) for r in rows]
