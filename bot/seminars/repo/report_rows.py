"""Every invitation of some seminars with its person and place: the rows a report counts.

Members without a municipality, and erased members, still come back: they were invited, so they
count, under "unknown".

A period's report may hold tens of thousands of rows, so they are read, and turned into
`Participant`s, in a worker thread (`Database.read_off_loop`): other users' replies don't wait.
They are kept light, too: a participant has slots instead of a dict (one object fewer for each
pass of the garbage collector, which holds every thread, the event loop's included), and
shares its place dicts with everyone from the same place (they are read, never changed).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TypedDict

from bot.db import Database, Row


class Place(TypedDict, total=False):
    """A member's municipality, district or region: all four keys, or none when not known."""

    id: int
    name_ky: str
    name_ru: str
    name_en: str


def place_name(place: Place, lang: str) -> str | None:
    """The place's name in `lang` (ky, ru or en); None for an unknown place or language."""
    names = {"ky": place.get("name_ky"), "ru": place.get("name_ru"), "en": place.get("name_en")}
    return names.get(lang)


@dataclass(frozen=True, slots=True)
class Participant:
    """One invitation, with the member's places (empty when not known)."""

    seminar_id: int
    user_id: int
    seminar_title_ky: str | None
    seminar_title_ru: str | None
    starts_at: datetime
    full_name: str | None
    gender: str | None
    position: str | None
    position_detail: str | None
    phone: str | None
    municipality: Place
    district: Place
    region: Place
    status: str
    attended: bool
    attended_via: str | None
    rating: int | None
    comment: str | None
    quoted: bool = False
    """Its author allowed quoting it and staff marked it for the press."""


_PLACES = ("m", "d", "r")
_SQL = (
    "SELECT s.id AS seminar_id, s.title_ky, s.title_ru, s.starts_at,"
    " u.id AS user_id, u.full_name, u.gender, u.position, u.position_detail, u.phone,"
    " i.status, i.attended_at, i.attended_via, i.rating, i.comment,"
    " (i.quote_consent = 1 AND i.quote_marked = 1) AS quoted,"
    + ", ".join(
        f"{t}.id AS {t}_id, {t}.name_ky AS {t}_ky, {t}.name_ru AS {t}_ru, {t}.name_en AS {t}_en"
        for t in _PLACES
    )
    + " FROM seminar_invitations i JOIN seminars s ON s.id = i.seminar_id"
    " JOIN users u ON u.id = i.user_id"
    " LEFT JOIN municipalities m ON m.id = u.municipality_id"
    " LEFT JOIN districts d ON d.id = m.district_id"
    " LEFT JOIN regions r ON r.id = d.region_id"
    " WHERE i.seminar_id IN ({marks})"
    " ORDER BY s.starts_at, s.id, u.full_name IS NULL, u.full_name, u.id"
)


Places = dict[tuple[str, int], Place]
"""The place dicts made so far, by kind and id: one dict per place, however many live there."""


def _place(row: Row, t: str, made: Places) -> Place:
    place_id = row[f"{t}_id"]
    if place_id is None:
        return {}
    found = made.get((t, place_id))
    if found is None:
        found = made[(t, place_id)] = {
            "id": place_id,
            "name_ky": row[f"{t}_ky"],
            "name_ru": row[f"{t}_ru"],
            "name_en": row[f"{t}_en"],
        }
    return found


def _participant(row: Row, made: Places) -> Participant:
    return Participant(
        seminar_id=row["seminar_id"],
        user_id=row["user_id"],
        seminar_title_ky=row["title_ky"],
        seminar_title_ru=row["title_ru"],
        starts_at=datetime.fromisoformat(row["starts_at"]),
        full_name=row["full_name"],
        gender=row["gender"],
        position=row["position"],
        position_detail=row["position_detail"],
        phone=row["phone"],
        municipality=_place(row, "m", made),
        district=_place(row, "d", made),
        region=_place(row, "r", made),
        status=row["status"],
        attended=row["attended_at"] is not None,
        attended_via=row["attended_via"],
        rating=row["rating"],
        comment=row["comment"],
        quoted=bool(row["quoted"]),
    )


async def participants(db: Database, seminar_ids: list[int]) -> list[Participant]:
    """By seminar start, then by name; erased members (no name) last."""
    if not seminar_ids:
        return []
    return await db.read_off_loop(partial(_read_participants, seminar_ids))


def _read_participants(seminar_ids: list[int], conn: sqlite3.Connection) -> list[Participant]:
    """Blocking: runs in the worker thread, on its own connection."""
    sql = _SQL.format(marks=",".join("?" * len(seminar_ids)))
    made: Places = {}
    return [_participant(r, made) for r in conn.execute(sql, seminar_ids)]
