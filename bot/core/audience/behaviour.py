"""Audiences by what members did: answered a seminar's invitation or not, came or not, sent a
submission to a competition or not, got "needs revision", won.

The audience selector lives in core and imports no feature, so the few facts it needs are read
here straight from the seminars' and competitions' tables, as coverage does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db import Database, Row

BEHAVIOURS: dict[str, tuple[str, ...]] = {
    "seminar": ("no_answer", "no_show", "attended"),
    "competition": ("not_submitted", "needs_revision", "winners"),
}
"""Each kind of event, with the behaviours a staff member can choose for it."""

EVENT_OF = {kind: event for event, kinds in BEHAVIOURS.items() for kind in kinds}

_INVITED = {
    "no_answer": "i.status = 'invited'",
    "no_show": "i.status IN ('going', 'waitlist') AND i.attended_at IS NULL AND s.ends_at <= ?",
    "attended": "i.attended_at IS NOT NULL",
}
_SUBMISSION = (
    "SELECT 1 FROM submissions s WHERE s.competition_id = e.competition_id"
    " AND s.entrant_id = e.entrant_id"
)
_ENTRANT = {
    "not_submitted": f"NOT EXISTS ({_SUBMISSION})",
    "needs_revision": f"EXISTS ({_SUBMISSION} AND s.status = 'needs_revision')",
    "winners": "c.results_published_at IS NOT NULL AND EXISTS (SELECT 1 FROM competition_results"
    " r WHERE r.competition_id = e.competition_id AND r.entrant_id = e.entrant_id)",
}
_ENTRANTS = (
    "SELECT e.entrant_id FROM competition_entrants e JOIN competitions c ON c.id = e.competition_id"
    " WHERE e.competition_id = ? AND c.entrant_kind = 'municipality' AND {cond}"
    " UNION SELECT cm.municipality_id FROM competition_entrants e"
    " JOIN competitions c ON c.id = e.competition_id"
    " JOIN cluster_members cm ON cm.cluster_id = e.entrant_id"
    " WHERE e.competition_id = ? AND c.entrant_kind = 'cluster' AND {cond}"
)


@dataclass(frozen=True)
class Event:
    """A seminar or a competition, as the behaviour step lists it."""

    kind: str
    id: int
    title_ky: str | None
    title_ru: str | None
    starts_at: datetime
    """A seminar's start; a competition's opening."""
    ends_at: datetime
    """A seminar's end; a competition's deadline."""
    programme_id: int | None
    created_by: int | None
    published: bool = False
    """A competition's results are out."""


def where(kind: str, event_id: int, now: str) -> tuple[str, list[str | int]]:
    """The members a behaviour keeps, as a filter on `users u`: by their own invitation for a
    seminar, by their municipality's entrant (itself or a cluster it is in) for a competition.
    "Said yes but did not come" waits for the seminar's end."""
    if kind in _INVITED:
        sql = (
            " AND u.id IN (SELECT i.user_id FROM seminar_invitations i"
            " JOIN seminars s ON s.id = i.seminar_id WHERE i.seminar_id = ? AND "
            + _INVITED[kind]
            + ")"
        )
        return sql, [event_id, now] if kind == "no_show" else [event_id]
    if kind in _ENTRANT:
        return (
            " AND u.municipality_id IN (" + _ENTRANTS.format(cond=_ENTRANT[kind]) + ")",
            [event_id, event_id],
        )
    raise ValueError(kind)


async def group(db: Database, kind: str, event_id: int, now: str) -> int:
    """How many approved members the behaviour holds before any other narrowing: says whether
    an empty audience is empty because of the behaviour itself."""
    sql, params = where(kind, event_id, now)
    return await db.count("SELECT COUNT(*) FROM users u WHERE u.status = 'approved'" + sql, params)


_COLUMNS = {
    "seminar": "id, title_ky, title_ru, starts_at, ends_at, programme_id, created_by,"
    " 0 AS published FROM seminars",
    "competition": "id, title_ky, title_ru, opens_at AS starts_at, deadline AS ends_at,"
    " programme_id, created_by, results_published_at IS NOT NULL AS published FROM competitions",
}


async def events(db: Database, kind: str, programme_id: int | None) -> list[Event]:
    """The programme's seminars or competitions that were not cancelled, the latest first."""
    rows = await db.fetchall(
        "SELECT " + _COLUMNS[kind] + " WHERE status != 'cancelled' AND programme_id IS ?"
        " ORDER BY starts_at DESC, id DESC",
        (programme_id,),
    )
    return [_event(kind, r) for r in rows]


async def event(db: Database, kind: str, event_id: int) -> Event | None:
    row = await db.fetchone(
        "SELECT " + _COLUMNS[kind] + " WHERE id = ? AND status != 'cancelled'", (event_id,)
    )
    return _event(kind, row) if row is not None else None


def _event(kind: str, row: Row) -> Event:
    return Event(
        kind=kind,
        id=row["id"],
        title_ky=row["title_ky"],
        title_ru=row["title_ru"],
        starts_at=datetime.fromisoformat(row["starts_at"]),
        ends_at=datetime.fromisoformat(row["ends_at"]),
        programme_id=row["programme_id"],
        created_by=row["created_by"],
        published=bool(row["published"]),
    )
