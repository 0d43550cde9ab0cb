"""`python -m bot restore FILE`: put a backup in place of the database, only when that is safe.

Every check comes before any change: FILE must be a munibot database this code can run (its
migrations all known here), and no bot may be running on the database. The lock is then held
for the whole replacement, so a bot started meanwhile is refused instead of opening a file
that is being swapped under it.
"""

from __future__ import annotations

import shlex
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bot.db import migration_files
from bot.dburl import hide_password
from bot.ops.files import Refused, Summary, copy_into, open_existing, summary
from bot.ops.lock import DatabaseHeld, DatabaseLock, is_file_database

JOURNALS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Restored:
    summary: Summary
    pending: list[int]
    """Migrations the restored file lacks: the bot applies them at its next start."""
    removed: list[str]


def restore(db: str, source: Path) -> Restored:
    if not is_file_database(db):
        raise Refused(pg_restore_hint(db, source))
    target = Path(db).expanduser()
    if source.expanduser().resolve() == target.resolve():
        raise Refused("FILE is the database itself")
    with closing(open_existing(source)) as conn:
        found = _checked(conn, source)
        try:
            lock = DatabaseLock.take(db, "restore")
        except DatabaseHeld as exc:
            raise Refused(f"{exc}\nNothing was restored.") from None
        with lock:
            removed = _drop_journals(target)
            copied = copy_into(conn, target)
    known = [v for v, _, _ in migration_files()]
    return Restored(copied, [v for v in known if v not in found.versions], removed)


def _checked(conn: sqlite3.Connection, source: Path) -> Summary:
    try:
        found = summary(conn)
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise Refused(f"{source} is not a readable SQLite database ({exc})") from None
    if check != "ok":
        raise Refused(f"{source} is damaged (SQLite's check says: {check})")
    if "schema_migrations" not in found.counts or not found.versions:
        raise Refused(f"{source} is a SQLite database, but not a munibot one (no migrations)")
    known = {v for v, _, _ in migration_files()}
    newer = sorted(found.versions - known)
    if newer:
        raise Refused(
            f"{source} comes from a newer munibot (schema {max(newer)}; this one knows up to"
            f" {max(known)}). Upgrade munibot first, then restore."
        )
    return found


def _drop_journals(target: Path) -> list[str]:
    """A -wal left from the old database would be replayed into the restored one: gone first
    (no bot runs on it: the lock is held)."""
    removed = []
    for suffix in JOURNALS:
        stale = target.with_name(target.name + suffix)
        if stale.exists():
            stale.unlink()
            removed.append(stale.name)
    return removed


def pg_restore_hint(db: str, source: Path) -> str:
    if not db.startswith(("postgresql://", "postgres://")):
        return f"MUNIBOT_DB={db!r} is not a file this command can restore into"
    command = shlex.join(
        ["pg_restore", "--clean", "--if-exists", f"--dbname={hide_password(db)}", str(source)]
    )
    return f"MUNIBOT_DB is a PostgreSQL server: restore it with pg_restore:\n  {command}"
