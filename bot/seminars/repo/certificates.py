"""Certificates of attendance: one code per attendee and seminar (migration 0018)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import Database

_ATTENDEE = (
    "SELECT i.user_id, u.telegram_id, u.full_name, u.lang, c.code, c.issued_at"
    " FROM seminar_invitations i JOIN users u ON u.id = i.user_id"
    " LEFT JOIN seminar_certificates c ON c.seminar_id = i.seminar_id AND c.user_id = i.user_id"
    " WHERE i.seminar_id = ? AND i.attended_at IS NOT NULL"
)


@dataclass(frozen=True)
class Attendee:
    """Someone who attended, with their certificate's code once one was issued."""

    user_id: int
    telegram_id: int | None
    full_name: str
    lang: str | None
    code: str | None
    issued_at: str | None


@dataclass(frozen=True)
class Issued:
    """A certificate found by its code: whose, for which seminar."""

    seminar_id: int
    user_id: int
    code: str


async def attendees(db: Database, seminar_id: int) -> list[Attendee]:
    """Everyone marked as attended, by name."""
    rows = await db.fetchall(_ATTENDEE + " ORDER BY u.full_name, i.user_id", (seminar_id,))
    return [Attendee(r[0], r[1], r[2] or "", r[3], r[4], r[5]) for r in rows]


async def attendee(db: Database, seminar_id: int, user_id: int) -> Attendee | None:
    row = await db.fetchone(_ATTENDEE + " AND i.user_id = ?", (seminar_id, user_id))
    return Attendee(row[0], row[1], row[2] or "", row[3], row[4], row[5]) if row else None


async def issue(db: Database, seminar_id: int, user_id: int, code: str, now: str) -> bool:
    """False when the attendee already had one (theirs stays)."""
    cur = await db.execute(
        "INSERT INTO seminar_certificates (seminar_id, user_id, code, issued_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (seminar_id, user_id) DO NOTHING",
        (seminar_id, user_id, code, now),
    )
    return cur.rowcount == 1


async def code_taken(db: Database, code: str) -> bool:
    found = await db.fetchone("SELECT 1 FROM seminar_certificates WHERE code = ?", (code,))
    return found is not None


async def by_code(db: Database, code: str) -> Issued | None:
    """Only while its person still counts as having attended."""
    row = await db.fetchone(
        "SELECT c.seminar_id, c.user_id, c.code FROM seminar_certificates c"
        " JOIN seminar_invitations i ON i.seminar_id = c.seminar_id AND i.user_id = c.user_id"
        " WHERE c.code = ? AND i.attended_at IS NOT NULL",
        (code,),
    )
    return Issued(row[0], row[1], row[2]) if row else None


async def organisation_of(db: Database, user_id: int | None) -> str | None:
    """A staff member's organisation from their profile (migration 0014)."""
    if user_id is None:
        return None
    row = await db.fetchone("SELECT organisation FROM users WHERE id = ?", (user_id,))
    return row[0] if row and row[0] else None


async def forget(db: Database, user_id: int) -> int:
    cur = await db.execute("DELETE FROM seminar_certificates WHERE user_id = ?", (user_id,))
    return cur.rowcount
