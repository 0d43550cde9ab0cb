"""One member's seminar rows, for erasing their words and for the copy of their data."""

from __future__ import annotations

from typing import TypedDict

from bot.db import Database


class SeminarRecord(TypedDict):
    """An invitation as the member's own data: the seminar, the answer, attendance, feedback."""

    seminar_id: int
    title_ky: str | None
    title_ru: str | None
    starts_at: str
    ends_at: str
    city: str
    address: str
    seminar_status: str
    answer: str
    invited_at: str
    answered_at: str | None
    waitlist_since: str | None
    attended_at: str | None
    attended_via: str | None
    rating: int | None
    comment: str | None
    may_quote: bool
    """Whether they let the project quote the comment with their name."""
    certificate_code: str | None
    """The code of their certificate of attendance, once issued."""


async def records(db: Database, user_id: int) -> list[SeminarRecord]:
    rows = await db.fetchall(
        "SELECT s.id, s.title_ky, s.title_ru, s.starts_at, s.ends_at, s.city, s.address,"
        " s.status, i.status, i.invited_at, i.answered_at, i.waitlist_since, i.attended_at,"
        " i.attended_via, i.rating, i.comment, i.quote_consent, c.code"
        " FROM seminar_invitations i JOIN seminars s ON s.id = i.seminar_id"
        " LEFT JOIN seminar_certificates c ON c.seminar_id = i.seminar_id"
        " AND c.user_id = i.user_id WHERE i.user_id = ? ORDER BY s.starts_at, s.id",
        (user_id,),
    )
    return [
        SeminarRecord(
            seminar_id=r[0],
            title_ky=r[1],
            title_ru=r[2],
            starts_at=r[3],
            ends_at=r[4],
            city=r[5],
            address=r[6],
            seminar_status=r[7],
            answer=r[8],
            invited_at=r[9],
            answered_at=r[10],
            waitlist_since=r[11],
            attended_at=r[12],
            attended_via=r[13],
            rating=r[14],
            comment=r[15],
            may_quote=bool(r[16]),
            certificate_code=r[17],
        )  # fmt: skip
        for r in rows
    ]


async def clear_comments(db: Database, user_id: int) -> int:
    """Their words go, and with them any leave to quote them; the answer, attendance and
    rating stay as anonymous counts."""
    cur = await db.execute(
        "UPDATE seminar_invitations SET comment = NULL, quote_consent = 0, quote_marked = 0"
        " WHERE user_id = ? AND comment IS NOT NULL",
        (user_id,),
    )
    return cur.rowcount
