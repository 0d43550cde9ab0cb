"""The entrant's reports on a grant project, their files, and who speaks for the entrant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db import Database, utcnow_iso


@dataclass(frozen=True)
class ReportFile:
    kind: str
    file_id: str
    file_unique_id: str
    file_name: str | None = None
    mime_type: str | None = None
    file_size: int | None = None


@dataclass(frozen=True)
class Report:
    id: int
    project_id: int
    user_id: int | None
    text: str
    created_at: datetime
    files: int
    author: str | None
    """The sender's name as registered (None once they erased their data)."""


async def add(
    db: Database, project_id: int, user_id: int, text: str, files: list[ReportFile], now: datetime
) -> int:
    """One report with its files; call inside a transaction."""
    report_id = await db.insert(
        "INSERT INTO grant_reports (project_id, user_id, text, created_at) VALUES (?, ?, ?, ?)",
        (project_id, user_id, text, utcnow_iso(now)),
    )
    await db.executemany(
        "INSERT INTO grant_report_files (report_id, position, kind, file_id, file_unique_id,"
        " file_name, mime_type, file_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(report_id, n, f.kind, f.file_id, f.file_unique_id, f.file_name, f.mime_type,
          f.file_size) for n, f in enumerate(files, 1)],
    )  # fmt: skip
    return report_id


_SELECT = (
    "SELECT r.id, r.project_id, r.user_id, r.text, r.created_at,"
    " (SELECT COUNT(*) FROM grant_report_files f WHERE f.report_id = r.id),"
    " COALESCE(u.full_name, u.tg_name) FROM grant_reports r LEFT JOIN users u ON u.id = r.user_id"
)


def _report(r: tuple[object, ...]) -> Report:
    return Report(int(str(r[0])), int(str(r[1])), int(str(r[2])) if r[2] is not None else None,
                  str(r[3]), datetime.fromisoformat(str(r[4])), int(str(r[5])),
                  str(r[6]) if r[6] is not None else None)  # fmt: skip


async def get(db: Database, report_id: int) -> Report | None:
    row = await db.fetchone(_SELECT + " WHERE r.id = ?", (report_id,))
    return _report(tuple(row)) if row else None


async def latest(db: Database, project_id: int, limit: int = 5) -> list[Report]:
    rows = await db.fetchall(
        _SELECT + " WHERE r.project_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?",
        (project_id, limit),
    )
    return [_report(tuple(r)) for r in rows]


async def last_at(db: Database, project_ids: list[int]) -> dict[int, datetime]:
    """When each project's latest report came."""
    if not project_ids:
        return {}
    rows = await db.fetchall(
        "SELECT project_id, MAX(created_at) FROM grant_reports"
        f" WHERE project_id IN ({','.join('?' * len(project_ids))}) GROUP BY project_id",
        project_ids,
    )
    return {r[0]: datetime.fromisoformat(r[1]) for r in rows}


async def files(db: Database, report_id: int) -> list[ReportFile]:
    rows = await db.fetchall(
        "SELECT kind, file_id, file_unique_id, file_name, mime_type, file_size"
        " FROM grant_report_files WHERE report_id = ? ORDER BY position",
        (report_id,),
    )
    return [ReportFile(*r) for r in rows]


async def entrant_staff(db: Database, kind: str, entrant_id: int) -> list[tuple[int, int]]:
    """(user id, Telegram id) of every approved member speaking for the entrant: of the
    municipality, or of a municipality in the cluster."""
    if kind == "cluster":
        where = (
            "u.municipality_id IN (SELECT municipality_id FROM cluster_members"
            " WHERE cluster_id = ?)"
        )
    else:
        where = "u.municipality_id = ?"
    rows = await db.fetchall(
        f"SELECT u.id, u.telegram_id FROM users u WHERE {where} AND u.status = 'approved'"
        " AND u.telegram_id IS NOT NULL ORDER BY u.id",
        (entrant_id,),
    )
    return [(r[0], r[1]) for r in rows]


async def telegram_id_of(db: Database, user_id: int | None) -> int | None:
    if user_id is None:
        return None
    row = await db.fetchone("SELECT telegram_id FROM users WHERE id = ?", (user_id,))
    return int(row[0]) if row and row[0] is not None else None


async def in_regions(db: Database, kind: str, entrant_id: int, regions: list[int]) -> bool:
    """The entrant lies in one of the regions (a cluster: any of its municipalities)."""
    marks = ",".join("?" * len(regions))
    munis = (
        "SELECT m.id FROM municipalities m JOIN districts d ON d.id = m.district_id"
        f" WHERE d.region_id IN ({marks})"
    )
    if kind == "cluster":
        sql = f"SELECT 1 FROM cluster_members WHERE cluster_id = ? AND municipality_id IN ({munis})"
    else:
        sql = f"SELECT 1 FROM municipalities WHERE id = ? AND id IN ({munis})"
    return await db.fetchone(sql, (entrant_id, *regions)) is not None
