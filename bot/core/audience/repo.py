"""Who an audience selector reaches: approved members with a Telegram chat."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict

from bot.core.audience import behaviour
from bot.db import Database, Row


class Names(TypedDict):
    """A place's or cluster's name in each language, as the selector shows it."""

    name_ky: str
    name_ru: str
    name_en: str


Option = tuple[str, Names | None]
"""A value the selector offers, with the names to show (None for positions)."""

_BASE = (
    " FROM users u JOIN municipalities m ON m.id = u.municipality_id"
    " JOIN districts d ON d.id = m.district_id"
    " WHERE u.status = 'approved' AND u.telegram_id IS NOT NULL"
)
_FILTERS = {
    "all": "",
    "regions": " AND d.region_id IN ({marks})",
    "districts": " AND d.id IN ({marks})",
    "municipalities": " AND m.id IN ({marks})",
    "positions": " AND u.position IN ({marks})",
    "clusters": " AND m.id IN (SELECT municipality_id FROM cluster_members"
    " WHERE cluster_id IN ({marks}))",
}


@dataclass(frozen=True)
class Narrowing:
    """What narrows a place audience further: positions, and one behaviour (its kind and the
    seminar's or competition's id), read at `now`."""

    positions: tuple[str, ...] = ()
    behaviour: tuple[str, int] | None = None
    now: str = ""


WHOLE = Narrowing()

_REACH = " AND m.id IN (SELECT municipality_id FROM programme_reach WHERE programme_id = ?)"
_NOT_MUTED = " AND u.id NOT IN (SELECT user_id FROM programme_mutes WHERE programme_id = ?)"


def _where(
    kind: str,
    values: Sequence[str | int],
    region_ids: list[int],
    announcements: bool,
    programme_id: int | None = None,
    sent: bool = True,
    narrow: Narrowing = WHOLE,
) -> tuple[str, list[str | int]]:
    """`programme_id` keeps to the municipalities the programme reaches; for what is sent
    (`announcements` or not) it also leaves out the members who muted the programme."""
    if kind not in _FILTERS:
        raise ValueError(kind)
    sql = _FILTERS[kind].format(marks=",".join("?" * len(values)))
    params: list[str | int] = list(values) if kind != "all" else []
    if narrow.positions:
        sql += _FILTERS["positions"].format(marks=",".join("?" * len(narrow.positions)))
        params += narrow.positions
    if narrow.behaviour is not None:
        more, more_params = behaviour.where(*narrow.behaviour, narrow.now)
        sql += more
        params += more_params
    if region_ids:
        sql += " AND d.region_id IN ({})".format(",".join("?" * len(region_ids)))
        params += region_ids
    if announcements:
        sql += " AND u.muted = 0"
    if programme_id is not None:
        sql += _REACH
        params.append(programme_id)
        if sent:
            sql += _NOT_MUTED
            params.append(programme_id)
    return sql, params


async def chat_ids(
    db: Database,
    kind: str,
    values: Sequence[str | int],
    region_ids: list[int],
    announcements: bool = True,
    programme_id: int | None = None,
    narrow: Narrowing = WHOLE,
) -> list[int]:
    """`region_ids` narrows to a coordinator's regions; muted members skip announcements."""
    where, params = _where(kind, values, region_ids, announcements, programme_id, narrow=narrow)
    rows = await db.fetchall("SELECT u.telegram_id" + _BASE + where + " ORDER BY u.id", params)
    return [r[0] for r in rows]


async def members(
    db: Database,
    kind: str,
    values: Sequence[str | int],
    region_ids: list[int],
    announcements: bool = False,
    programme_id: int | None = None,
    narrow: Narrowing = WHOLE,
) -> list[tuple[int, int]]:
    """(user id, chat id) of each member reached: seminars keep who was invited."""
    where, params = _where(kind, values, region_ids, announcements, programme_id, narrow=narrow)
    rows = await db.fetchall(
        "SELECT u.id, u.telegram_id" + _BASE + where + " ORDER BY u.id", params
    )
    return [(r[0], r[1]) for r in rows]


async def reaches(
    db: Database,
    kind: str,
    values: Sequence[str | int],
    user_id: int,
    region_ids: list[int],
    programme_id: int | None = None,
    narrow: Narrowing = WHOLE,
) -> bool:
    """Whether one member falls inside an audience (a walk-in at a seminar's check-in)."""
    where, params = _where(kind, values, region_ids, False, programme_id, False, narrow)
    row = await db.fetchone("SELECT 1" + _BASE + where + " AND u.id = ?", [*params, user_id])
    return row is not None


async def options(
    db: Database, kind: str, region_ids: list[int], programme_id: int | None = None
) -> list[Option]:
    """The places or positions that have at least one approved member the programme reaches,
    for the selector."""
    scope, params = _where("all", [], region_ids, False, programme_id, sent=False)
    if kind == "positions":
        rows = await db.fetchall(
            "SELECT DISTINCT u.position AS value" + _BASE + scope + " ORDER BY u.position", params
        )
        return [(r["value"], None) for r in rows if r["value"]]
    if kind == "clusters":
        rows = await db.fetchall(
            "SELECT t.id, t.name_ky, t.name_ru, t.name_en FROM clusters t WHERE t.id IN"
            " (SELECT cm.cluster_id FROM cluster_members cm WHERE cm.municipality_id IN"
            " (SELECT m.id" + _BASE + scope + ")) ORDER BY t.name_en",
            params,
        )
        return [(str(r["id"]), _names(r)) for r in rows]
    table = {"regions": ("regions", "d.region_id"), "districts": ("districts", "d.id")}.get(
        kind, ("municipalities", "m.id")
    )
    rows = await db.fetchall(
        f"SELECT t.id, t.name_ky, t.name_ru, t.name_en FROM {table[0]} t WHERE t.id IN"
        f" (SELECT {table[1]}" + _BASE + scope + ") ORDER BY t.name_en",
        params,
    )
    return [(str(r["id"]), _names(r)) for r in rows]


def _names(row: Row) -> Names:
    return Names(name_ky=row["name_ky"], name_ru=row["name_ru"], name_en=row["name_en"])
