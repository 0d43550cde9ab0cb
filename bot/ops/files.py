"""What backup and restore share: opening a SQLite file without creating one, its row counts
and schema, and a copy made with SQLite's online backup API into a temporary file that takes
the target's name only once it is whole."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
WAIT_MS = 5000
"""A backup or a check waits this long for a writer's lock; in WAL mode it seldom has to."""


class Refused(Exception):
    """Said to the operator as it is; nothing was changed."""


@dataclass(frozen=True)
class Summary:
    """What a copy holds: row counts per table and the migrations recorded in it."""

    counts: dict[str, int]
    versions: frozenset[int]

    @property
    def schema(self) -> int:
        return max(self.versions, default=0)

    def lines(self) -> list[str]:
        rows = sum(self.counts.values())
        empty = sum(1 for n in self.counts.values() if n == 0)
        found = [f"  schema {self.schema}, {len(self.counts)} tables, {rows} rows"]
        found += [f"  {table}: {n}" for table, n in sorted(self.counts.items()) if n]
        if empty:
            found.append(f"  ({empty} empty tables)")
        return found


def open_existing(path: Path) -> sqlite3.Connection:
    """A read-only use of a file that must already be a SQLite database (never creates one)."""
    if not path.is_file():
        raise Refused(f"there is no file at {path}")
    with path.open("rb") as head:
        magic = head.read(len(SQLITE_MAGIC))
    if magic != SQLITE_MAGIC:
        raise Refused(f"{path} is not a SQLite database")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA query_only=ON")
    conn.execute(f"PRAGMA busy_timeout={WAIT_MS}")
    return conn


def summary(conn: sqlite3.Connection) -> Summary:
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )]  # fmt: skip
    counts = {t: int(conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]) for t in tables}
    versions: frozenset[int] = frozenset()
    if "schema_migrations" in counts:
        found = conn.execute("SELECT version FROM schema_migrations")
        versions = frozenset(int(row[0]) for row in found)
    return Summary(counts, versions)


def copy_into(source: sqlite3.Connection, target: Path) -> Summary:
    """The whole of `source`, as of one moment, at `target`: written beside it under another
    name, checked, synced, then renamed over it, so `target` is never half a database."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(tmp, isolation_level=None)) as dest:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
            check = dest.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise Refused(f"the copy failed SQLite's check ({check}); nothing was replaced")
            copied = summary(dest)
        with tmp.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return copied
