"""Seminar comments their authors let the project quote, and the ones staff marked for the
press. A comment without its author's leave can never be marked: the UPDATEs say so."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import Database


@dataclass(frozen=True)
class Quote:
    user_id: int
    text: str
    marked: bool
    full_name: str | None
    position: str | None
    municipality: dict[str, str]
    """name_ky, name_ru, name_en; empty when the member gave none."""


async def set_consent(db: Database, seminar_id: int, user_id: int, allowed: bool) -> bool:
    """Withdrawing leave also takes the quote out of the press; False when there is no
    comment to quote."""
    cur = await db.execute(
        "UPDATE seminar_invitations SET quote_consent = ?,"
        " quote_marked = CASE WHEN ? = 1 THEN quote_marked ELSE 0 END"
        " WHERE seminar_id = ? AND user_id = ? AND comment IS NOT NULL",
        (int(allowed), int(allowed), seminar_id, user_id),
    )
    return bool(cur.rowcount)


async def set_marked(db: Database, seminar_id: int, user_id: int, marked: bool) -> bool:
    """False when the author has not allowed quoting (or there is no comment)."""
    cur = await db.execute(
        "UPDATE seminar_invitations SET quote_marked = ?"
        " WHERE seminar_id = ? AND user_id = ? AND quote_consent = 1 AND comment IS NOT NULL",
        (int(marked), seminar_id, user_id),
    )
    return bool(cur.rowcount)


async def allowed(db: Database, seminar_id: int) -> list[Quote]:
    """The comments that may be quoted, in the order they were invited."""
    rows = await db.fetchall(
        "SELECT i.user_id, i.comment, i.quote_marked, u.full_name, u.position,"
        " m.name_ky, m.name_ru, m.name_en FROM seminar_invitations i"
        " JOIN users u ON u.id = i.user_id"
        " LEFT JOIN municipalities m ON m.id = u.municipality_id"
        " WHERE i.seminar_id = ? AND i.quote_consent = 1 AND i.comment IS NOT NULL"
        " ORDER BY i.invited_at, i.user_id",
        (seminar_id,),
    )
    return [
        Quote(
            user_id=r[0], text=r[1], marked=bool(r[2]), full_name=r[3], position=r[4],
            municipality={"name_ky": r[5], "name_ru": r[6], "name_en": r[7]} if r[6] else {},
        )
        for r in rows
    ]  # fmt: skip
