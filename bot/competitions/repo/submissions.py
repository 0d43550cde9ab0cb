"""Submissions, their versions and files, the audit log, and recorded results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, TypedDict, Unpack

from bot.db import Database, Row

STATUSES = ("received", "under_review", "accepted", "needs_revision", "rejected")
FINAL = ("accepted", "rejected")


@dataclass(frozen=True)
class Submission:
    id: int
    competition_id: int
    entrant_id: int
    seq: int
    receipt: str
    status: str
    version: int
    review_comment: str | None
    revision_deadline: datetime | None
    score: int | None
    created_at: str
    updated_at: str

    @property
    def final(self) -> bool:
        return self.status in FINAL

    def plain(self) -> SubmissionData:
        """Plain values for push templates (the revision deadline as ISO text)."""
        until = self.revision_deadline
        return {
            "id": self.id,
            "competition_id": self.competition_id,
            "entrant_id": self.entrant_id,
            "seq": self.seq,
            "receipt": self.receipt,
            "status": self.status,
            "version": self.version,
            "review_comment": self.review_comment,
            "revision_deadline": until.isoformat() if until is not None else None,
            "score": self.score,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


class SubmissionData(TypedDict):
    """`Submission.plain()`, as push templates read a submission."""

    id: int
    competition_id: int
    entrant_id: int
    seq: int
    receipt: str
    status: str
    version: int
    review_comment: str | None
    revision_deadline: str | None
    score: int | None
    created_at: str
    updated_at: str


class ReviewFields(TypedDict, total=False):
    """What a review changes on a submission (`set_review`)."""

    status: str
    review_comment: str | None
    revision_deadline: datetime | None
    score: int


@dataclass(frozen=True)
class StoredFile:
    """One file of a version. `position` orders the files as the entrant sent them."""

    position: int
    kind: str
    file_id: str
    file_unique_id: str
    file_name: str | None = None
    mime_type: str | None = None
    file_size: int | None = None
    local_path: str | None = None
    archive_status: str = "pending"
    id: int | None = None
    archive_error: str | None = None


@dataclass(frozen=True)
class Version:
    id: int
    submission_id: int
    version: int
    description: str
    residents: int | None
    submitted_by: int | None
    submitted_at: str
    submitted_by_name: str | None
    files: tuple[StoredFile, ...]


@dataclass(frozen=True)
class LogEntry:
    action: str
    from_status: str | None
    to_status: str | None
    comment: str | None
    actor_name: str | None
    at: str


@dataclass(frozen=True)
class Result:
    entrant_id: int
    award: str
    place: int | None
    grant_kgs: int | None
    condition: str | None
    condition_deadline: datetime | None = None
    """A conditional win's: until when the entrant may meet the condition."""
    condition_state: str | None = None
    """A conditional win's: 'pending', 'met' or 'not_met'."""


def _submission(row: Row) -> Submission:
    data = dict(row)
    if data["revision_deadline"]:
        data["revision_deadline"] = datetime.fromisoformat(data["revision_deadline"])
    return Submission(**data)


async def get(db: Database, submission_id: int) -> Submission | None:
    row = await db.fetchone("SELECT * FROM submissions WHERE id = ?", (submission_id,))
    return _submission(row) if row else None


async def of_entrant(db: Database, competition_id: int, entrant_id: int) -> Submission | None:
    row = await db.fetchone(
        "SELECT * FROM submissions WHERE competition_id = ? AND entrant_id = ?",
        (competition_id, entrant_id),
    )
    return _submission(row) if row else None


async def of_competition(
    db: Database, competition_id: int, status: str | None = None
) -> list[Submission]:
    sql = "SELECT * FROM submissions WHERE competition_id = ?"
    params: list[int | str] = [competition_id]
    if status:
        sql += " AND status = ?"
        params.append(status)
    rows = await db.fetchall(sql + " ORDER BY seq", params)
    return [_submission(r) for r in rows]


async def counts(db: Database, competition_id: int) -> dict[str, int]:
    rows = await db.fetchall(
        "SELECT status, COUNT(*) FROM submissions WHERE competition_id = ? GROUP BY status",
        (competition_id,),
    )
    return {r[0]: r[1] for r in rows}


async def submitted_entrants(db: Database, competition_id: int) -> set[int]:
    rows = await db.fetchall(
        "SELECT entrant_id FROM submissions WHERE competition_id = ?", (competition_id,)
    )
    return {r[0] for r in rows}


async def create(
    db: Database, competition_id: int, entrant_id: int, seq: int, receipt: str, now: str
) -> int:
    new_id = await db.insert(
        "INSERT INTO submissions (competition_id, entrant_id, seq, receipt, version, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
        (competition_id, entrant_id, seq, receipt, now, now),
    )
    return new_id


async def last_receipt_number(db: Database, prefix: str) -> int:
    return await db.count(
        "SELECT MAX(CAST(substr(receipt, ?) AS INTEGER)) FROM submissions"
        " WHERE receipt >= ? AND receipt < ?",
        (len(prefix) + 1, prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)),
    )


async def add_version(
    db: Database,
    submission_id: int,
    description: str,
    residents: int | None,
    files: list[StoredFile],
    user_id: int | None,
    now: str,
) -> int:
    """The next version with its files; the submission then points at it. Returns its number."""
    number = await db.count(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM submission_versions WHERE submission_id = ?",
        (submission_id,),
    )
    version_id = await db.insert(
        "INSERT INTO submission_versions (submission_id, version, description, residents,"
        " submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?)",
        (submission_id, number, description, residents, user_id, now),
    )
    await db.executemany(
        "INSERT INTO submission_files (version_id, position, kind, file_id, file_unique_id,"
        " file_name, mime_type, file_size, local_path, archive_status)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(version_id, n, f.kind, f.file_id, f.file_unique_id, f.file_name, f.mime_type,
          f.file_size, f.local_path, f.archive_status) for n, f in enumerate(files, 1)],
    )  # fmt: skip
    await db.execute(
        "UPDATE submissions SET version = ?, updated_at = ? WHERE id = ?",
        (number, now, submission_id),
    )
    return number


async def version(db: Database, submission_id: int, number: int | None = None) -> Version | None:
    """One version with its files; the latest when no number is given."""
    row = await db.fetchone(
        "SELECT v.*, u.full_name FROM submission_versions v LEFT JOIN users u"
        " ON u.id = v.submitted_by WHERE v.submission_id = ?"
        + (" AND v.version = ?" if number else " ORDER BY v.version DESC LIMIT 1"),
        (submission_id, number) if number else (submission_id,),
    )
    if row is None:
        return None
    files = await db.fetchall(
        "SELECT id, position, kind, file_id, file_unique_id, file_name, mime_type, file_size,"
        " local_path, archive_status, archive_error FROM submission_files WHERE version_id = ?"
        " ORDER BY position",
        (row["id"],),
    )
    return Version(row["id"], row["submission_id"], row["version"], row["description"],
                   row["residents"], row["submitted_by"], row["submitted_at"], row["full_name"],
                   tuple(StoredFile(**dict(f)) for f in files))  # fmt: skip


async def set_review(
    db: Database, submission_id: int, now: str, **fields: Unpack[ReviewFields]
) -> None:
    allowed = {"status", "review_comment", "revision_deadline", "score"}
    if not fields or set(fields) - allowed:
        raise ValueError(sorted(set(fields) - allowed))
    values = [v.isoformat() if isinstance(v, datetime) else v for v in fields.values()]
    sets = ", ".join(f"{name} = ?" for name in fields)
    await db.execute(
        f"UPDATE submissions SET {sets}, updated_at = ? WHERE id = ?",
        [*values, now, submission_id],
    )


async def log(
    db: Database,
    competition_id: int,
    action: str,
    now: str,
    *,
    entrant_id: int | None = None,
    submission_id: int | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    comment: str | None = None,
    actor_id: int | None = None,
    actor_telegram_id: int | None = None,
) -> int:
    """Returns the row's id, which keys the notice of a status change."""
    return await db.insert(
        "INSERT INTO competition_log (competition_id, entrant_id, submission_id, action,"
        " from_status, to_status, comment, actor_id, actor_telegram_id, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (competition_id, entrant_id, submission_id, action, from_status, to_status, comment,
         actor_id, actor_telegram_id, now),
    )  # fmt: skip


async def history(db: Database, submission_id: int) -> list[LogEntry]:
    rows = await db.fetchall(
        "SELECT l.action, l.from_status, l.to_status, l.comment,"
        " COALESCE(u.full_name, u.tg_name, CAST(l.actor_telegram_id AS TEXT)), l.at"
        " FROM competition_log l LEFT JOIN users u ON u.id = l.actor_id"
        " WHERE l.submission_id = ? ORDER BY l.id",
        (submission_id,),
    )
    return [LogEntry(*tuple(r)) for r in rows]


class ToArchive(NamedTuple):
    file: StoredFile
    receipt: str
    version: int
    competition_id: int


async def files_to_archive(db: Database, limit: int = 20) -> list[ToArchive]:
    """Files not yet downloaded, with where they belong (receipt and version for the folder)."""
    rows = await db.fetchall(
        "SELECT f.id, f.position, f.kind, f.file_id, f.file_unique_id, f.file_name, f.mime_type,"
        " f.file_size, f.local_path, f.archive_status, f.archive_error, s.receipt, v.version,"
        " s.competition_id FROM submission_files f"
        " JOIN submission_versions v ON v.id = f.version_id"
        " JOIN submissions s ON s.id = v.submission_id WHERE f.archive_status = 'pending'"
        " ORDER BY f.id LIMIT ?",
        (limit,),
    )
    found = []
    for r in rows:
        data = dict(r)
        where = (data.pop("receipt"), data.pop("version"), data.pop("competition_id"))
        found.append(ToArchive(StoredFile(**data), *where))
    return found


async def retry_failed(db: Database) -> int:
    """Files whose download failed (a network error, say) are tried again."""
    cur = await db.execute(
        "UPDATE submission_files SET archive_status = 'pending' WHERE archive_status = 'failed'"
    )
    return cur.rowcount


async def archived_path(db: Database, file_unique_id: str) -> str | None:
    """A file already downloaded for an earlier version is not downloaded again."""
    row = await db.fetchone(
        "SELECT local_path FROM submission_files WHERE file_unique_id = ?"
        " AND archive_status = 'archived' LIMIT 1",
        (file_unique_id,),
    )
    return row[0] if row else None


async def current_name(db: Database, file_row_id: int) -> tuple[int, str | None] | None:
    """A file's position and name as they are now (an erasure may rename it); None if gone."""
    row = await db.fetchone(
        "SELECT position, file_name FROM submission_files WHERE id = ?", (file_row_id,)
    )
    return (row[0], row[1]) if row else None


async def archive_status(db: Database, file_row_id: int) -> str | None:
    """Where a file's copy stands ('archived', 'failed', ...); None for no such file."""
    row = await db.fetchone(
        "SELECT archive_status FROM submission_files WHERE id = ?", (file_row_id,)
    )
    return row[0] if row else None


async def set_archived(
    db: Database, file_row_id: int, status: str, path: str | None, error: str | None
) -> None:
    await db.execute(
        "UPDATE submission_files SET archive_status = ?, local_path = ?, archive_error = ?"
        " WHERE id = ?",
        (status, path, error, file_row_id),
    )


async def record_result(
    db: Database, competition_id: int, result: Result, user_id: int | None, now: str
) -> None:
    until = result.condition_deadline
    state = "pending" if result.award == "conditional" else None
    await db.execute(
        "INSERT INTO competition_results (competition_id, entrant_id, award, place, grant_kgs,"
        " condition, condition_deadline, condition_state, recorded_by, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (competition_id, entrant_id) DO UPDATE SET award = excluded.award,"
        " place = excluded.place, grant_kgs = excluded.grant_kgs,"
        " condition = excluded.condition, condition_deadline = excluded.condition_deadline,"
        " condition_state = excluded.condition_state, recorded_by = excluded.recorded_by,"
        " recorded_at = excluded.recorded_at",
        (competition_id, result.entrant_id, result.award, result.place, result.grant_kgs,
         result.condition, until.isoformat() if until else None, state, user_id, now),
    )  # fmt: skip


async def clear_result(db: Database, competition_id: int, entrant_id: int) -> None:
    await db.execute(
        "DELETE FROM competition_results WHERE competition_id = ? AND entrant_id = ?",
        (competition_id, entrant_id),
    )


async def results(db: Database, competition_id: int) -> list[Result]:
    """Places first (1st, 2nd, 3rd), then incentive prizes, then conditional winners."""
    rows = await db.fetchall(
        "SELECT entrant_id, award, place, grant_kgs, condition, condition_deadline,"
        " condition_state FROM competition_results"
        " WHERE competition_id = ? ORDER BY CASE award WHEN 'place' THEN place"
        " WHEN 'incentive' THEN 4 ELSE 5 END, entrant_id",
        (competition_id,),
    )
    return [_result(r) for r in rows]


def _result(row: Row) -> Result:
    values = list(tuple(row))
    values[5] = datetime.fromisoformat(values[5]) if values[5] else None
    return Result(*values)


async def result_of(db: Database, competition_id: int, entrant_id: int) -> Result | None:
    row = await db.fetchone(
        "SELECT entrant_id, award, place, grant_kgs, condition, condition_deadline,"
        " condition_state FROM competition_results WHERE competition_id = ? AND entrant_id = ?",
        (competition_id, entrant_id),
    )
    return _result(row) if row else None


async def settle_condition(
    db: Database, competition_id: int, entrant_id: int, state: str, by: int | None, now: str
) -> bool:
    """A pending condition becomes met or not met; False when it was no longer pending."""
    cur = await db.execute(
        "UPDATE competition_results SET condition_state = ?, condition_decided_at = ?,"
        " condition_decided_by = ? WHERE competition_id = ? AND entrant_id = ?"
        " AND condition_state = 'pending'",
        (state, now, by, competition_id, entrant_id),
    )
    return cur.rowcount > 0
