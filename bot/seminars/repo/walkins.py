"""Registered members a walk-in may be, found by name."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import Database


@dataclass(frozen=True)
class Candidate:
    user_id: int
    full_name: str
    municipality: str | None


async def approved_members(
    db: Database, seminar_id: int, region_ids: tuple[int, ...]
) -> list[Candidate]:
    """Approved members (in those regions, when given) not yet on the seminar's roster: not
    invited, or invited without a yes and not marked. Names are matched by the caller, which
    folds Cyrillic case as SQLite can't."""
    sql = (
        "SELECT u.id, u.full_name, m.name_ru FROM users u"
        " LEFT JOIN municipalities m ON m.id = u.municipality_id"
        " LEFT JOIN districts d ON d.id = m.district_id"
        " WHERE u.status = 'approved' AND u.full_name IS NOT NULL AND u.id NOT IN"
        " (SELECT user_id FROM seminar_invitations WHERE seminar_id = ? AND"
        " (status IN ('going', 'waitlist') OR attended_at IS NOT NULL))"
    )
    params: list[int] = [seminar_id]
    if region_ids:
        sql += " AND d.region_id IN ({})".format(",".join("?" * len(region_ids)))
        params += region_ids
    rows = await db.fetchall(sql + " ORDER BY u.full_name, u.id", params)
    return [Candidate(r[0], r[1], r[2]) for r in rows]
