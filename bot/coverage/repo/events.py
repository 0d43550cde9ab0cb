"""A seminar's or a competition's figures by municipality, for coverage.

Coverage is a feature of its own and imports neither seminars nor competitions (the import
contracts), so these few counts are read here straight from their tables. Nothing here writes
to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.db import Database

EventKind = Literal["seminar", "competition"]


@dataclass(frozen=True)
class Event:
    """The seminar or competition coverage is counted for."""

    kind: EventKind
    id: int
    title_ky: str | None
    title_ru: str | None
    when: datetime
    """A seminar's start; a competition's deadline."""
    programme_id: int | None
    clusters: bool = False
    """A competition between clusters: a municipality counts through its clusters."""
    cancelled: bool = False


@dataclass(frozen=True)
class Figures:
    """One municipality's, or the sum over several: a seminar's invitations (people), or a
    competition's entrant municipalities (each 0 or 1 for one municipality)."""

    invited: int = 0
    answered: int = 0
    attended: int = 0
    entrants: int = 0
    submitted: int = 0

    @property
    def no_answer(self) -> int:
        return self.invited - self.answered

    @property
    def not_yet(self) -> int:
        return self.entrants - self.submitted

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.invited + other.invited,
            self.answered + other.answered,
            self.attended + other.attended,
            self.entrants + other.entrants,
            self.submitted + other.submitted,
        )


_EVENTS = {
    "seminar": "SELECT id, title_ky, title_ru, starts_at AS at, programme_id, status,"
    " 'municipality' AS entrant_kind FROM seminars WHERE id = ?",
    "competition": "SELECT id, title_ky, title_ru, deadline AS at, programme_id, status,"
    " entrant_kind FROM competitions WHERE id = ?",
}


async def event(db: Database, kind: EventKind, event_id: int) -> Event | None:
    row = await db.fetchone(_EVENTS[kind], (event_id,))
    if row is None:
        return None
    return Event(
        kind, row["id"], row["title_ky"], row["title_ru"], datetime.fromisoformat(row["at"]),
        row["programme_id"], row["entrant_kind"] == "cluster", row["status"] == "cancelled",
    )  # fmt: skip


async def seminar_figures(db: Database, seminar_id: int) -> dict[int, Figures]:
    """By the invitee's municipality: invited, answered (yes, waitlist or no), attended. An
    erased member's invitation still counts: their municipality stays."""
    rows = await db.fetchall(
        "SELECT u.municipality_id, COUNT(*), SUM(i.status != 'invited'),"
        " SUM(i.attended_at IS NOT NULL) FROM seminar_invitations i"
        " JOIN users u ON u.id = i.user_id"
        " WHERE i.seminar_id = ? AND u.municipality_id IS NOT NULL GROUP BY u.municipality_id",
        (seminar_id,),
    )
    return {r[0]: Figures(invited=r[1], answered=r[2], attended=r[3]) for r in rows}


_SENT = (
    "EXISTS (SELECT 1 FROM submissions s WHERE s.competition_id = ce.competition_id"
    " AND s.entrant_id = ce.entrant_id)"
)


async def competition_figures(db: Database, event: Event) -> dict[int, Figures]:
    """Each eligible municipality, and whether it has submitted; between clusters, every
    municipality of an eligible cluster, submitted when one of its clusters did."""
    if event.clusters:
        sql = (
            f"SELECT cm.municipality_id, MAX({_SENT}) FROM competition_entrants ce"
            " JOIN cluster_members cm ON cm.cluster_id = ce.entrant_id"
            " WHERE ce.competition_id = ? GROUP BY cm.municipality_id"
        )
    else:
        sql = (
            f"SELECT ce.entrant_id, {_SENT} FROM competition_entrants ce"
            " WHERE ce.competition_id = ?"
        )
    rows = await db.fetchall(sql, (event.id,))
    return {r[0]: Figures(entrants=1, submitted=int(bool(r[1]))) for r in rows}


async def figures(db: Database, event: Event) -> dict[int, Figures]:
    if event.kind == "seminar":
        return await seminar_figures(db, event.id)
    return await competition_figures(db, event)
