"""Files kept with a seminar, by Telegram file_id: the agenda, handouts, photos and the signed
list of participants."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from bot.db import Database

Purpose = Literal["agenda", "handout", "photo", "signed_list"]
PURPOSES: tuple[Purpose, ...] = ("agenda", "handout", "photo", "signed_list")


@dataclass(frozen=True)
class SeminarFile:
    id: int
    seminar_id: int
    purpose: str
    kind: str
    file_id: str
    file_unique_id: str | None
    file_name: str | None
    mime_type: str | None
    file_size: int | None
    batch: int | None
    added_by: int | None
    added_at: str


@dataclass(frozen=True)
class NewFile:
    """A file as it arrived in the chat."""

    kind: str
    file_id: str
    file_unique_id: str | None
    file_name: str | None
    mime_type: str | None
    file_size: int | None


async def add(
    db: Database, seminar_id: int, purpose: str, new: NewFile, by: int | None, now: str
) -> int:
    return await db.insert(
        "INSERT INTO seminar_files (seminar_id, purpose, kind, file_id, file_unique_id,"
        " file_name, mime_type, file_size, added_by, added_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seminar_id, purpose, new.kind, new.file_id, new.file_unique_id, new.file_name,
         new.mime_type, new.file_size, by, now),
    )  # fmt: skip


async def drop_purpose(db: Database, seminar_id: int, purpose: str) -> None:
    await db.execute(
        "DELETE FROM seminar_files WHERE seminar_id = ? AND purpose = ?", (seminar_id, purpose)
    )


async def of_seminar(
    db: Database, seminar_id: int, purpose: str | None = None
) -> list[SeminarFile]:
    sql = "SELECT * FROM seminar_files WHERE seminar_id = ?"
    params: list[int | str] = [seminar_id]
    if purpose is not None:
        sql += " AND purpose = ?"
        params.append(purpose)
    rows = await db.fetchall(sql + " ORDER BY id", params)
    return [SeminarFile(**dict(r)) for r in rows]


async def photos(db: Database, seminar_ids: list[int], limit: int) -> list[SeminarFile]:
    """The first `limit` photos kept with any of these seminars, in the order they came."""
    rows = await db.fetchall(
        "SELECT * FROM seminar_files WHERE purpose = 'photo'"
        " AND seminar_id IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT ?",
        (json.dumps(seminar_ids), limit),
    )
    return [SeminarFile(**dict(r)) for r in rows]


async def get(db: Database, seminar_id: int, file_id: int) -> SeminarFile | None:
    row = await db.fetchone(
        "SELECT * FROM seminar_files WHERE seminar_id = ? AND id = ?", (seminar_id, file_id)
    )
    return SeminarFile(**dict(row)) if row else None


async def agenda(db: Database, seminar_id: int) -> SeminarFile | None:
    found = await of_seminar(db, seminar_id, "agenda")
    return found[-1] if found else None


async def batch(db: Database, seminar_id: int, number: int) -> list[SeminarFile]:
    rows = await db.fetchall(
        "SELECT * FROM seminar_files WHERE seminar_id = ? AND purpose = 'handout' AND batch = ?"
        " ORDER BY id",
        (seminar_id, number),
    )
    return [SeminarFile(**dict(r)) for r in rows]


async def seal_batch(db: Database, seminar_id: int) -> tuple[int, int]:
    """The handouts not sent yet become the next batch: its number and how many files."""
    row = await db.fetchone(
        "SELECT COALESCE(MAX(batch), 0) + 1 FROM seminar_files WHERE seminar_id = ?",
        (seminar_id,),
    )
    number = int(row[0]) if row else 1
    cur = await db.execute(
        "UPDATE seminar_files SET batch = ? WHERE seminar_id = ? AND purpose = 'handout'"
        " AND batch IS NULL",
        (number, seminar_id),
    )
    return number, cur.rowcount


async def counts(db: Database, seminar_id: int) -> dict[str, int]:
    rows = await db.fetchall(
        "SELECT purpose, COUNT(*) FROM seminar_files WHERE seminar_id = ? GROUP BY purpose",
        (seminar_id,),
    )
    return {r[0]: r[1] for r in rows}
