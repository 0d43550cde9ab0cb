"""The database: one aiosqlite connection for writes, one plain reader, and the migrations.

The writer runs in autocommit mode; multi-statement writes go through `transaction()`, which
holds a lock so that two handlers never end up sharing one SQLite transaction by accident.

Reads outside a transaction go to a second, read-only connection on the event loop's own
thread. Each aiosqlite call is a trip to its thread and back, and under load that trip cost more
than the indexed lookups the bot makes (bench/updates.py: about a third of the time of an
update). WAL mode lets the reader see every committed write at once; a read inside a
transaction stays on the writer, so it sees that transaction's own changes.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import re
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager, closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.dburl import is_pg

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
_MIGRATION_RE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_in_transaction: contextvars.ContextVar[bool] = contextvars.ContextVar("in_tx", default=False)


Row = sqlite3.Row
"""A result row: read by column name (`row["id"]`) or position."""
T = TypeVar("T")
LOCKED_FOR_S = 60.0
"""How long a write waits out another process holding the database (a backup, a tool) before
the person is told to try again: a minute, past which waiting helps nobody."""
WRITE_WAIT_MS = 1000
"""SQLite's own wait for a lock, per attempt; _patient tries again until LOCKED_FOR_S."""
READ_WAIT_MS = 100
"""The reader on the event loop's thread waits at most this for a lock, then reads off it."""


class DatabaseBusy(Exception):
    """Another process kept the database locked for LOCKED_FOR_S; nothing was written."""


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer munibot: this older code must not run on it."""


def refuse_newer(done: set[int], known: list[tuple[int, str, Path]]) -> None:
    newest = max((v for v, _, _ in known), default=0)
    if done and max(done) > newest:
        raise SchemaTooNew(
            f"the database has migrations up to {max(done)}, this munibot knows only up to"
            f" {newest}: a newer munibot has run on it. Upgrade this one."
        )


class DatabaseUnavailable(Exception):
    """The database server can't be reached (PostgreSQL restarting, the network down). What
    was asked was not done; the next call tries to connect again."""


def _locked(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


async def _patient(op: Callable[[], Awaitable[T]], patience: float = LOCKED_FOR_S) -> T:
    """Runs `op` again, with a growing wait, while the database is locked by someone else."""
    began, wait = time.monotonic(), 0.05
    while True:
        try:
            return await op()
        except sqlite3.OperationalError as exc:
            if not _locked(exc):
                raise
            if time.monotonic() - began > patience:
                raise DatabaseBusy from exc
            log.warning("the database is locked by someone else; trying again in %.1f s", wait)
            await asyncio.sleep(wait)
            wait = min(wait * 2, 2.0)


class Database:
    """Thin async wrapper: rows come back as sqlite3.Row, writes are serialised."""

    shared = False
    """Whether other bot processes may send from this database at the same time. A SQLite file
    is held by one running bot (bot.ops.lock), so at its start every row left in flight is
    its own dead predecessor's; on a server they may be a live standby's (bot.ops.leader)."""
    skip_locked = ""
    """Appended to a claiming SELECT so that two senders never wait on, or take, the same
    rows. SQLite's one writer makes it needless (and it has no such syntax)."""

    def __init__(self, conn: aiosqlite.Connection, reader: sqlite3.Connection) -> None:
        self.conn = conn
        self.reader = reader
        self._lock = asyncio.Lock()
        self.patience = LOCKED_FOR_S
        """How long a write waits for another process's lock (see LOCKED_FOR_S)."""

    @classmethod
    async def open(cls, path: str | Path) -> Database:
        conn = await aiosqlite.connect(str(path), isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute(f"PRAGMA busy_timeout={WRITE_WAIT_MS}")
        await conn.execute("PRAGMA synchronous=NORMAL")
        reader = sqlite3.connect(str(path), isolation_level=None)
        reader.row_factory = sqlite3.Row
        reader.execute("PRAGMA query_only=ON")
        reader.execute("PRAGMA foreign_keys=ON")
        reader.execute(f"PRAGMA busy_timeout={READ_WAIT_MS}")
        return cls(conn, reader)

    async def close(self) -> None:
        self.reader.close()
        await self.conn.close()

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    @property
    def in_transaction(self) -> bool:
        return _in_transaction.get()

    async def count(self, sql: str, params: Sequence[Any] = ()) -> int:
        """The first column of the first row as a number (COUNT, MAX, ...), 0 when empty."""
        row = await self.fetchone(sql, params)
        return int(row[0]) if row is not None and row[0] is not None else 0

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        if _in_transaction.get():
            return list(await self.conn.execute_fetchall(sql, params))
        try:
            return self.reader.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if not _locked(exc):
                raise
        async with self._lock:  # locked by another process: wait for it off the loop's thread
            return list(
                await _patient(lambda: self.conn.execute_fetchall(sql, params), self.patience)
            )

    async def fetchall_off_loop(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """`fetchall` in a worker thread: for reads big enough to hold up every other user
        (a report, an export). See `read_off_loop`."""
        return await self.read_off_loop(lambda conn: conn.execute(sql, params).fetchall())

    async def read_off_loop(self, read: Callable[[sqlite3.Connection], T]) -> T:
        """Runs `read` in a worker thread, on a read-only connection opened there for it.

        The reader connection lives on the event loop's thread, and a read there holds the loop
        for as long as it runs (or waits on a lock); sqlite3 connections are bound to the thread
        that opened them, so the worker opens its own. `read` may also turn the rows into
        values, so that work leaves the loop too. Outside transactions only: a worker can't see
        a transaction's writes before they are committed."""
        if _in_transaction.get():
            raise RuntimeError("read_off_loop inside a transaction would miss its writes")
        path = self._file()
        if path is None:
            return read(self.reader)
        return await asyncio.to_thread(_read_in_thread, path, read)

    def _file(self) -> str | None:
        """The database file the reader has open; None for an in-memory database."""
        for row in self.reader.execute("PRAGMA database_list"):
            if row["name"] == "main":
                return str(row["file"]) or None
        return None

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Cursor:
        """A single write; waits while another task holds a transaction."""
        if _in_transaction.get():
            return await self.conn.execute(sql, params)
        async with self._lock:
            return await _patient(lambda: self.conn.execute(sql, params), self.patience)

    async def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """An INSERT of one row; its new id."""
        cur = await self.execute(sql, params)
        if cur.lastrowid is None:
            raise RuntimeError("INSERT gave no row id")
        return cur.lastrowid

    async def write_returning(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        """UPDATE ... RETURNING under the write lock, so it never lands inside another's BEGIN."""
        if _in_transaction.get():
            return list(await self.conn.execute_fetchall(sql, params))
        async with self._lock:
            return list(
                await _patient(lambda: self.conn.execute_fetchall(sql, params), self.patience)
            )

    async def _read_patiently(self, sql: str, params: Sequence[Any]) -> list[sqlite3.Row]:
        found = await _patient(lambda: self.conn.execute_fetchall(sql, params), self.patience)
        return list(found)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self.transaction():
            await self.conn.executemany(sql, rows)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Database]:
        if _in_transaction.get():
            yield self
            return
        async with self._lock:
            await self._begin()
            token = _in_transaction.set(True)
            try:
                yield self
            except BaseException:
                await self._end("ROLLBACK")
                raise
            else:
                await self._end("COMMIT")
            finally:
                _in_transaction.reset(token)

    async def _begin(self) -> None:
        """The engine's own BEGIN: SQLite takes the write lock at once, waiting out another
        process that holds it."""
        await _patient(lambda: self.conn.execute("BEGIN IMMEDIATE"), self.patience)

    async def _end(self, how: str) -> None:
        await self.conn.execute(how)


def _read_in_thread(path: str, read: Callable[[sqlite3.Connection], T]) -> T:
    """Blocking: a connection set up as the reader is, used once and closed in this thread."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        return read(conn)


def utcnow_iso(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


def migration_files(directory: Path = MIGRATIONS_DIR) -> list[tuple[int, str, Path]]:
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = _MIGRATION_RE.match(path.name)
        if not match:
            raise RuntimeError(f"migration file name not understood: {path.name}")
        found.append((int(match.group(1)), match.group(2), path))
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError("two migration files share a number")
    return found


async def migrate(db: Database, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply every migration not yet recorded, each atomically with its record row."""
    await db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in await db.fetchall("SELECT version FROM schema_migrations")}
    files = migration_files(directory)
    refuse_newer(done, files)
    applied = []
    for version, name, path in files:
        if version in done:
            continue
        script = (
            "BEGIN IMMEDIATE;\n"
            + path.read_text(encoding="utf-8")
            + f"\n;INSERT INTO schema_migrations VALUES ({version}, '{name}', '{utcnow_iso()}');"
            + "\nCOMMIT;"
        )
        async with db._lock:
            try:
                await db.conn.executescript(script)
            except Exception:
                if db.conn.in_transaction:
                    await db.conn.execute("ROLLBACK")
                raise
        applied.append(path.name)
    return applied


def _make_parent(path: Path) -> None:
    path.expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)


async def open_database(path: str | Path) -> Database:
    """Open and bring the schema up to date: the bot never runs on an old schema."""
    if is_pg(str(path)):
        from bot.db_pg import open_pg  # only a PostgreSQL deployment needs psycopg

        return await open_pg(str(path))
    await asyncio.to_thread(_make_parent, Path(path))
    db = await Database.open(path)
    try:
        await migrate(db)
    except BaseException:
        await db.close()  # aiosqlite's thread would otherwise keep the process alive
        raise
    return db
