"""The donor report's reads beyond the seminars: competitions whose deadline fell in the period,
their entrants, submissions and published results, and the registrations.

`regions` narrows everything to members, municipalities and clusters of those regions (a
cluster counts when any of its municipalities is in one); `programmes` to what those
programmes hold or reach.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.db import Database


@dataclass(frozen=True)
class EntrantRow:
    """An eligible entrant with its submission's status (None: none sent) and published
    result (award None: none)."""

    entrant_id: int
    name_ky: str
    name_ru: str
    name_en: str
    status: str | None
    award: str | None
    place: int | None
    grant_kgs: int | None
    condition_state: str | None = None
    """A conditional win's, as stored (the service reads it as `shown_award` does)."""


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def _entrants_in(kind: str, regions: list[int]) -> tuple[str, list[int]]:
    if not regions:
        return "", []
    munis = (
        "SELECT m.id FROM municipalities m JOIN districts d ON d.id = m.district_id"
        f" WHERE d.region_id IN ({_marks(regions)})"
    )
    if kind == "cluster":
        munis = f"SELECT cluster_id FROM cluster_members WHERE municipality_id IN ({munis})"
    return f" AND ce.entrant_id IN ({munis})", list(regions)


async def competition_ids(
    db: Database, start: str, end: str, programmes: list[int] | None
) -> list[int]:
    """Competitions (not cancelled) whose deadline is in [start, end), by deadline."""
    sql = (
        "SELECT id FROM competitions WHERE status != 'cancelled' AND deadline >= ? AND deadline < ?"
    )
    params: list[object] = [start, end]
    if programmes is not None:
        sql += f" AND programme_id IN ({_marks(programmes)})"
        params += programmes
    rows = await db.fetchall(sql + " ORDER BY deadline, id", params)
    return [r[0] for r in rows]


async def entrants(
    db: Database, competition_id: int, kind: str, published: bool, regions: list[int]
) -> list[EntrantRow]:
    """Every eligible entrant of one competition; results only when published."""
    table = "clusters" if kind == "cluster" else "municipalities"
    where, params = _entrants_in(kind, regions)
    result = (
        "r.award, r.place, r.grant_kgs, r.condition_state"
        if published
        else "NULL, NULL, NULL, NULL"
    )
    rows = await db.fetchall(
        f"SELECT ce.entrant_id, t.name_ky, t.name_ru, t.name_en, s.status, {result}"
        f" FROM competition_entrants ce JOIN {table} t ON t.id = ce.entrant_id"
        " LEFT JOIN submissions s ON s.competition_id = ce.competition_id"
        " AND s.entrant_id = ce.entrant_id"
        " LEFT JOIN competition_results r ON r.competition_id = ce.competition_id"
        " AND r.entrant_id = ce.entrant_id"
        f" WHERE ce.competition_id = ?{where} ORDER BY r.place IS NULL, r.place, t.name_en",
        [competition_id, *params],
    )
    return [EntrantRow(*r) for r in rows]


def _members(
    end: str, regions: list[int], programmes: list[int] | None
) -> tuple[str, list[object]]:
    """Approved members as of `end`: a member deactivated since then still counts for it."""
    sql = (
        " FROM users u JOIN municipalities m ON m.id = u.municipality_id"
        " JOIN districts d ON d.id = m.district_id WHERE (u.status = 'approved'"
        " OR (u.status = 'inactive' AND NOT EXISTS (SELECT 1 FROM audit_log a"
        " WHERE a.object_kind = 'user' AND a.object_id = u.id"
        " AND a.action = 'member_deactivated' AND a.at < ?)))"
    )
    params: list[object] = [end]
    if regions:
        sql += f" AND d.region_id IN ({_marks(regions)})"
        params += regions
    if programmes is not None:
        sql += (
            " AND m.id IN (SELECT municipality_id FROM programme_reach"
            f" WHERE programme_id IN ({_marks(programmes)}))"
        )
        params += programmes
    return sql, params


async def registrations(
    db: Database, start: str, end: str, regions: list[int], programmes: list[int] | None
) -> tuple[int, int]:
    """Approved members as of `end` and those approved in [start, end): counted from who is
        approved today, so someone approved then and erased since is not in it (a member approved
    before approvals were dated counts from when they wrote first)."""
    sql, params = _members(end, regions, programmes)
    row = await db.fetchone(
        "SELECT COALESCE(SUM(COALESCE(u.reviewed_at, u.created_at) < ?), 0),"
        " COALESCE(SUM(COALESCE(u.reviewed_at, u.created_at) >= ?"
        " AND COALESCE(u.reviewed_at, u.created_at) < ?), 0)" + sql,
        [end, start, end, *params],
    )
    return (int(row[0]), int(row[1])) if row else (0, 0)
