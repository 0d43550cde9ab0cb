"""What an export of a competition needs beyond the submissions themselves: every version with
its files, where each entrant is, and the whole audit log (entries about the competition, not
only about one submission).

The versions and the log grow with every submission and review, so they are read in a worker
thread (`Database.read_off_loop`), in one query each rather than one per submission.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import partial

from bot.competitions.repo.submissions import StoredFile, Version
from bot.core.audience.repo import Names
from bot.db import Database, Row

_NAMES = ("ky", "ru", "en")


@dataclass(frozen=True)
class LogRow:
    at: str
    actor_name: str | None
    action: str
    from_status: str | None
    to_status: str | None
    comment: str | None
    entrant_id: int | None
    receipt: str | None


def _names(row: Row, prefix: str) -> Names:
    return {
        "name_ky": row[f"{prefix}_ky"],
        "name_ru": row[f"{prefix}_ru"],
        "name_en": row[f"{prefix}_en"],
    }


async def municipality_places(db: Database, ids: list[int]) -> dict[int, tuple[Names, Names]]:
    """(district, region) of each municipality, as name dicts."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    cols = ", ".join(f"{t}.name_{x} AS {t}_{x}" for t in ("d", "r") for x in _NAMES)
    rows = await db.fetchall(
        f"SELECT m.id, {cols} FROM municipalities m JOIN districts d ON d.id = m.district_id"
        f" JOIN regions r ON r.id = d.region_id WHERE m.id IN ({marks})",
        ids,
    )
    return {r["id"]: (_names(r, "d"), _names(r, "r")) for r in rows}


async def cluster_municipalities(db: Database, ids: list[int]) -> dict[int, list[Names]]:
    """The member municipalities of each cluster, in English alphabetical order."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = await db.fetchall(
        "SELECT cm.cluster_id, m.name_ky AS m_ky, m.name_ru AS m_ru, m.name_en AS m_en"
        " FROM cluster_members cm JOIN municipalities m ON m.id = cm.municipality_id"
        f" WHERE cm.cluster_id IN ({marks}) ORDER BY cm.cluster_id, m.name_en",
        ids,
    )
    found: dict[int, list[Names]] = {}
    for r in rows:
        found.setdefault(r["cluster_id"], []).append(_names(r, "m"))
    return found


async def competition_log(db: Database, competition_id: int) -> list[LogRow]:
    return await db.read_off_loop(partial(_read_log, competition_id))


def _read_log(competition_id: int, conn: sqlite3.Connection) -> list[LogRow]:
    """Blocking: runs in the worker thread."""
    rows = conn.execute(
        "SELECT l.at, COALESCE(u.full_name, u.tg_name, CAST(l.actor_telegram_id AS TEXT)),"
        " l.action, l.from_status, l.to_status, l.comment,"
        " COALESCE(l.entrant_id, s.entrant_id), s.receipt"
        " FROM competition_log l LEFT JOIN users u ON u.id = l.actor_id"
        " LEFT JOIN submissions s ON s.id = l.submission_id"
        " WHERE l.competition_id = ? ORDER BY l.at, l.id",
        (competition_id,),
    )
    return [LogRow(*tuple(r)) for r in rows]


_VERSIONS = (
    "SELECT v.id, v.submission_id, v.version, v.description, v.residents, v.submitted_by,"
    " v.submitted_at, u.full_name FROM submission_versions v"
    " JOIN submissions s ON s.id = v.submission_id LEFT JOIN users u ON u.id = v.submitted_by"
    " WHERE s.competition_id = ? ORDER BY v.submission_id, v.version"
)
_FILES = (
    "SELECT f.version_id, f.id, f.position, f.kind, f.file_id, f.file_unique_id, f.file_name,"
    " f.mime_type, f.file_size, f.local_path, f.archive_status, f.archive_error"
    " FROM submission_files f JOIN submission_versions v ON v.id = f.version_id"
    " JOIN submissions s ON s.id = v.submission_id"
    " WHERE s.competition_id = ? ORDER BY f.version_id, f.position"
)


async def versions(db: Database, competition_id: int) -> dict[int, tuple[Version, ...]]:
    """Every version of every submission to a competition, oldest first, with its files, by
    submission id: what `submissions.version` gives one at a time."""
    return await db.read_off_loop(partial(_read_versions, competition_id))


def _read_versions(competition_id: int, conn: sqlite3.Connection) -> dict[int, tuple[Version, ...]]:
    """Blocking: runs in the worker thread."""
    files: dict[int, list[StoredFile]] = {}
    for f in conn.execute(_FILES, (competition_id,)):
        data = dict(f)
        files.setdefault(data.pop("version_id"), []).append(StoredFile(**data))
    found: dict[int, list[Version]] = {}
    for r in conn.execute(_VERSIONS, (competition_id,)):
        version = Version(r["id"], r["submission_id"], r["version"], r["description"],
                          r["residents"], r["submitted_by"], r["submitted_at"], r["full_name"],
                          tuple(files.get(r["id"], ())))  # fmt: skip
        found.setdefault(version.submission_id, []).append(version)
    return {sid: tuple(vs) for sid, vs in found.items()}
