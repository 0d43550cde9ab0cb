"""One member's competition rows: the files they sent (for erasing them) and everything they
did (for the copy of their data)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from bot.db import Database


@dataclass(frozen=True)
class SentFile:
    """A file row, with the entrant it was sent for."""

    id: int
    position: int
    kind: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    local_path: str | None
    submission_id: int
    entrant_id: int
    entrant_kind: str


_FILES = (
    "SELECT f.id, f.position, f.kind, f.file_unique_id, f.file_name, f.mime_type, f.local_path,"
    " s.id, s.entrant_id, c.entrant_kind FROM submission_files f"
    " JOIN submission_versions v ON v.id = f.version_id"
    " JOIN submissions s ON s.id = v.submission_id"
    " JOIN competitions c ON c.id = s.competition_id"
)


async def files_sent_by(db: Database, user_id: int) -> list[SentFile]:
    rows = await db.fetchall(_FILES + " WHERE v.submitted_by = ? ORDER BY f.id", (user_id,))
    return [SentFile(*tuple(r)) for r in rows]


async def files_like(db: Database, unique_ids: set[str]) -> list[SentFile]:
    """Every row of these files: a later version keeps an earlier one's file (and its name)."""
    if not unique_ids:
        return []
    marks = ",".join("?" * len(unique_ids))
    rows = await db.fetchall(
        _FILES + f" WHERE f.file_unique_id IN ({marks}) ORDER BY f.id", sorted(unique_ids)
    )
    return [SentFile(*tuple(r)) for r in rows]


async def delete_files(db: Database, file_ids: list[int]) -> None:
    await db.executemany("DELETE FROM submission_files WHERE id = ?", [(i,) for i in file_ids])


async def paths_in_use(db: Database, paths: set[str]) -> set[str]:
    if not paths:
        return set()
    marks = ",".join("?" * len(paths))
    rows = await db.fetchall(
        f"SELECT DISTINCT local_path FROM submission_files WHERE local_path IN ({marks})",
        sorted(paths),
    )
    return {r[0] for r in rows}


async def rename(db: Database, file_id: int, file_name: str) -> None:
    await db.execute("UPDATE submission_files SET file_name = ? WHERE id = ?", (file_name, file_id))


async def move(db: Database, old_path: str, new_path: str) -> None:
    await db.execute(
        "UPDATE submission_files SET local_path = ? WHERE local_path = ?", (new_path, old_path)
    )


async def forget_sender(db: Database, user_id: int, telegram_id: int) -> None:
    """Versions they sent belong to the entrant alone; the log keeps the anonymous user id."""
    await db.execute(
        "UPDATE submission_versions SET submitted_by = NULL WHERE submitted_by = ?", (user_id,)
    )
    await db.execute(
        "UPDATE competition_log SET actor_telegram_id = NULL WHERE actor_telegram_id = ?",
        (telegram_id,),
    )


class FileRecord(TypedDict):
    file_name: str | None
    kind: str
    mime_type: str | None
    file_size: int | None
    archived: bool


class VersionRecord(TypedDict):
    competition_id: int
    competition_code: str
    title_ky: str | None
    title_ru: str | None
    receipt: str
    submission_status: str
    version: int
    description: str
    residents: int | None
    submitted_at: str
    files: list[FileRecord]


class LogRecord(TypedDict):
    competition_id: int
    submission_id: int | None
    action: str
    from_status: str | None
    to_status: str | None
    comment: str | None
    at: str


async def versions_by(db: Database, user_id: int) -> list[VersionRecord]:
    rows = await db.fetchall(
        "SELECT v.id, c.id, c.code, c.title_ky, c.title_ru, s.receipt, s.status, v.version,"
        " v.description, v.residents, v.submitted_at FROM submission_versions v"
        " JOIN submissions s ON s.id = v.submission_id JOIN competitions c"
        " ON c.id = s.competition_id WHERE v.submitted_by = ? ORDER BY v.submitted_at, v.id",
        (user_id,),
    )
    found = []
    for r in rows:
        files = await db.fetchall(
            "SELECT file_name, kind, mime_type, file_size, archive_status FROM submission_files"
            " WHERE version_id = ? ORDER BY position",
            (r[0],),
        )
        found.append(
            VersionRecord(
                competition_id=r[1], competition_code=r[2], title_ky=r[3], title_ru=r[4],
                receipt=r[5], submission_status=r[6], version=r[7], description=r[8],
                residents=r[9], submitted_at=r[10],
                files=[FileRecord(file_name=f[0], kind=f[1], mime_type=f[2], file_size=f[3],
                                  archived=f[4] == "archived") for f in files],
            )
        )  # fmt: skip
    return found


async def log_by(db: Database, user_id: int) -> list[LogRecord]:
    rows = await db.fetchall(
        "SELECT competition_id, submission_id, action, from_status, to_status, comment, at"
        " FROM competition_log WHERE actor_id = ? ORDER BY id",
        (user_id,),
    )
    return [
        LogRecord(competition_id=r[0], submission_id=r[1], action=r[2], from_status=r[3],
                  to_status=r[4], comment=r[5], at=r[6])
        for r in rows
    ]  # fmt: skip
