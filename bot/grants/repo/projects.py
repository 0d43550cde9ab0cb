"""Grant projects and their milestones, read with their competition and entrant.

Grants is a feature of its own and imports no competition code (the import contracts): the
few facts it needs of a competition and its entrant are joined here, read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.db import Database, Row, utcnow_iso

STATUSES = ("not_started", "in_progress", "done", "delayed")


@dataclass(frozen=True)
class Project:
    id: int
    competition_id: int
    entrant_id: int
    grant_kgs: int
    status: str
    percent: int
    schedule: str
    """'monthly', 'days' (every `every_days` days) or 'off'."""
    every_days: int | None
    next_request_at: datetime | None
    last_request_at: datetime | None
    opened_by: int
    """The Telegram id of the staff member who opened the tracking."""
    closed_at: str | None
    created_at: datetime
    entrant_kind: str
    programme_id: int | None
    competition_by: int | None
    """The competition's author (users.id): with `opened_by`, who hears of reports."""
    title_ky: str | None
    title_ru: str | None
    name_ky: str
    name_ru: str
    name_en: str

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def asking(self) -> bool:
        """The bot asks for reports: not closed, not done, a schedule on."""
        return not self.closed and self.status != "done" and self.schedule != "off"


@dataclass(frozen=True)
class Milestone:
    id: int
    project_id: int
    title: str
    due_on: date
    done_at: str | None

    @property
    def done(self) -> bool:
        return self.done_at is not None


_SELECT = (
    "SELECT p.*, c.entrant_kind, c.programme_id, c.created_by AS competition_by, c.title_ky,"
    " c.title_ru, COALESCE(m.name_ky, cl.name_ky, '') AS name_ky,"
    " COALESCE(m.name_ru, cl.name_ru, '') AS name_ru,"
    " COALESCE(m.name_en, cl.name_en, '') AS name_en"
    " FROM grant_projects p JOIN competitions c ON c.id = p.competition_id"
    " LEFT JOIN municipalities m ON c.entrant_kind = 'municipality' AND m.id = p.entrant_id"
    " LEFT JOIN clusters cl ON c.entrant_kind = 'cluster' AND cl.id = p.entrant_id"
)
_ORDER = " ORDER BY p.closed_at IS NOT NULL, c.id DESC, name_en"


def _time(raw: str | None) -> datetime | None:
    return datetime.fromisoformat(raw) if raw else None


def _project(row: Row) -> Project:
    data: dict[str, Any] = dict(row)
    for name in ("next_request_at", "last_request_at", "created_at"):
        data[name] = _time(data[name])
    data.pop("updated_at")
    return Project(**data)


async def get(db: Database, project_id: int) -> Project | None:
    row = await db.fetchone(_SELECT + " WHERE p.id = ?", (project_id,))
    return _project(row) if row else None


async def of_competition(db: Database, competition_id: int) -> list[Project]:
    rows = await db.fetchall(_SELECT + " WHERE p.competition_id = ?" + _ORDER, (competition_id,))
    return [_project(r) for r in rows]


async def every(db: Database, programme_ids: list[int] | None = None) -> list[Project]:
    """All projects (of these programmes, when given), open ones first."""
    sql, params = _SELECT, []
    if programme_ids is not None:
        sql += f" WHERE c.programme_id IN ({','.join('?' * len(programme_ids))})"
        params = list(programme_ids)
    return [_project(r) for r in await db.fetchall(sql + _ORDER, params)]


async def of_member(db: Database, user_id: int) -> list[Project]:
    """Projects of the entrants an approved member speaks for: their municipality, or a
    cluster it belongs to."""
    rows = await db.fetchall(
        _SELECT + " JOIN users u ON u.id = ? AND u.status = 'approved'"
        " WHERE (c.entrant_kind = 'municipality' AND p.entrant_id = u.municipality_id)"
        " OR (c.entrant_kind = 'cluster' AND p.entrant_id IN"
        " (SELECT cluster_id FROM cluster_members WHERE municipality_id = u.municipality_id))"
        + _ORDER,
        (user_id,),
    )
    return [_project(r) for r in rows]


async def due(db: Database, now: datetime) -> list[Project]:
    """Projects whose next request has come (the index on next_request_at finds them)."""
    rows = await db.fetchall(
        _SELECT + " WHERE p.next_request_at IS NOT NULL AND p.next_request_at <= ?"
        " AND p.closed_at IS NULL ORDER BY p.next_request_at, p.id",
        (utcnow_iso(now),),
    )
    return [_project(r) for r in rows]


async def open_missing(
    db: Database,
    competition_id: int,
    winners: list[tuple[int, int]],
    opened_by: int,
    now: datetime,
    first_request: datetime,
) -> int:
    """A project for each (entrant, grant) that has none yet; returns how many were new."""
    stamp, first = utcnow_iso(now), utcnow_iso(first_request)
    added = 0
    for entrant_id, grant in winners:
        cur = await db.execute(
            "INSERT INTO grant_projects (competition_id, entrant_id, grant_kgs, next_request_at,"
            " opened_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (competition_id, entrant_id) DO NOTHING",
            (competition_id, entrant_id, grant, first, opened_by, stamp, stamp),
        )
        added += cur.rowcount
    return added


async def update(db: Database, project_id: int, now: datetime, **changes: object) -> None:
    """`changes` are column names of this module's own choosing, never typed by a person."""
    columns = ", ".join(f"{name} = ?" for name in changes)
    values = [utcnow_iso(v) if isinstance(v, datetime) else v for v in changes.values()]
    await db.execute(
        f"UPDATE grant_projects SET {columns}, updated_at = ? WHERE id = ?",
        (*values, utcnow_iso(now), project_id),
    )


async def milestones(db: Database, project_id: int) -> list[Milestone]:
    rows = await db.fetchall(
        "SELECT id, project_id, title, due_on, done_at FROM grant_milestones"
        " WHERE project_id = ? ORDER BY due_on, id",
        (project_id,),
    )
    return [Milestone(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4]) for r in rows]


async def add_milestones(
    db: Database, project_id: int, found: list[tuple[str, date]], now: datetime
) -> None:
    await db.executemany(
        "INSERT INTO grant_milestones (project_id, title, due_on, created_at) VALUES (?, ?, ?, ?)",
        [(project_id, title, due.isoformat(), utcnow_iso(now)) for title, due in found],
    )


async def mark_milestone(
    db: Database, project_id: int, milestone_id: int, done_at: datetime | None
) -> bool:
    """False when the milestone is not this project's."""
    cur = await db.execute(
        "UPDATE grant_milestones SET done_at = ? WHERE id = ? AND project_id = ?",
        (utcnow_iso(done_at) if done_at else None, milestone_id, project_id),
    )
    return cur.rowcount == 1
