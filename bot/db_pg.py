"""The database on PostgreSQL (issue 17): the same interface as bot.db's SQLite `Database`.

`MUNIBOT_DB=postgresql://…` lands here. Two connections, as on SQLite: a writer, on which the
write lock and `transaction()` serialise writes, and a reader for reads outside a transaction,
which sees every committed write (PostgreSQL's READ COMMITTED, like SQLite's WAL). The SQL is
the repositories' own, translated by bot.sqldialect; rows behave as sqlite3.Row does, and
numbers come back as SQLite gives them (no Decimal, no bool).

Parameters are bound on the client side (psycopg's ClientCursor): a string parameter becomes
an untyped literal, so it compares with a column of any type, as SQLite lets it.

A server can go away (a restart, the network). A call on a lost connection raises
`DatabaseUnavailable`, and the next call outside a transaction connects again, at most once a
second, so a bot rides out an outage instead of dying or hammering the server.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

import psycopg
from psycopg.adapt import Dumper
from psycopg.rows import RowMaker

from bot import sqldialect
from bot.db import (
    LOCKED_FOR_S,
    MIGRATIONS_DIR,
    Database,
    DatabaseUnavailable,
    _in_transaction,
    migration_files,
    refuse_newer,
    utcnow_iso,
)
from bot.dburl import BadDatabaseUrl, first_line

T = TypeVar("T")
log = logging.getLogger(__name__)
RECONNECT_EVERY_S = 1.0
CONNECTION: dict[str, Any] = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 10000,
}
"""libpq settings: a server that vanished without closing the socket (a pulled cable, a
failed-over VM) is noticed in about 10 s instead of the kernel's two hours, when idle
(keepalives) and while a statement waits for its answer (tcp_user_timeout, in ms)."""
LOST = (psycopg.OperationalError, psycopg.InterfaceError)
PG_MIGRATIONS_DIR = MIGRATIONS_DIR / "pg"
"""Engine-specific variants: `pg/NNNN_name.sql` replaces `NNNN_name.sql` on PostgreSQL. A
subfolder, so that SQLite's reading of the migrations folder never sees them."""


class PgRow(tuple[Any, ...]):
    """A row read by position or by column name, case-blind, like sqlite3.Row."""

    _index: dict[str, int] = {}
    _names: tuple[str, ...] = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._index[key.lower()])
            except KeyError:
                raise IndexError(f"No item with that key: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


@lru_cache(maxsize=1024)
def _row_class(names: tuple[str, ...]) -> type[PgRow]:
    index = {name.lower(): i for i, name in reversed(list(enumerate(names)))}
    return type("Row", (PgRow,), {"_index": index, "_names": names})


def _plain(value: Any) -> Any:
    """A value as SQLite would have given it: SUM's numeric an int, AVG's a float, no bools."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return int(value) if isinstance(exponent, int) and exponent >= 0 else float(value)
    if isinstance(value, bool):
        return int(value)
    return value


def sqlite_rows(cursor: Any) -> RowMaker[PgRow]:
    """psycopg row factory: PgRow objects, values made SQLite's."""
    names = tuple(c.name for c in cursor.description or ())
    cls = _row_class(names)

    def make(values: Sequence[Any]) -> PgRow:
        return cls(_plain(v) for v in values)

    return make


class _BoolAsInt(Dumper):
    """True and False stored as 1 and 0: the schema's flags are integers, as on SQLite."""

    oid = psycopg.adapters.types["int8"].oid

    def dump(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"


def _configure(conn: psycopg.Connection[Any] | psycopg.AsyncConnection[Any]) -> None:
    conn.adapters.register_dumper(bool, _BoolAsInt)


def gone(conn: psycopg.AsyncConnection[Any] | psycopg.Connection[Any]) -> bool:
    return bool(conn.closed or conn.broken)


@contextmanager
def unavailable_if_lost(
    conn: psycopg.AsyncConnection[Any] | psycopg.Connection[Any], url: str
) -> Iterator[None]:
    """A statement's error that lost the connection is the database being away; any other
    error (a constraint, a syntax) stays what it is."""
    try:
        yield
    except LOST as exc:
        if gone(conn):
            raise DatabaseUnavailable(first_line(exc, url)) from None
        raise


@contextmanager
def connecting(url: str) -> Iterator[None]:
    """libpq's first line names the host and the user; a URL psycopg can't parse is repeated
    in its error, so that is scrubbed and never chained into a traceback."""
    try:
        yield
    except psycopg.OperationalError as exc:
        raise DatabaseUnavailable(first_line(exc, url)) from None
    except psycopg.ProgrammingError as exc:
        raise BadDatabaseUrl(f"MUNIBOT_DB is not a usable URL: {first_line(exc, url)}") from None


async def _connect(url: str) -> psycopg.AsyncConnection[PgRow]:
    with connecting(url):
        conn = await psycopg.AsyncConnection.connect(
            url,
            autocommit=True,
            row_factory=sqlite_rows,
            cursor_factory=psycopg.AsyncClientCursor,
            **CONNECTION,
        )
    _configure(conn)
    return conn


class SyncReader:
    """What `read_off_loop`'s callback gets on PostgreSQL: `execute(sql, params)` whose
    result iterates and fetches rows, as a sqlite3.Connection's does."""

    def __init__(self, conn: psycopg.Connection[PgRow]) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[PgRow]:
        return self._conn.execute(sqldialect.to_pg(sql), tuple(params))


def _read_in_thread(url: str, read: Callable[[Any], T]) -> T:
    with connecting(url):
        conn = psycopg.Connection.connect(
            url,
            autocommit=True,
            row_factory=sqlite_rows,
            cursor_factory=psycopg.ClientCursor,
            **CONNECTION,
        )
    with conn, unavailable_if_lost(conn, url):
        _configure(conn)
        return read(SyncReader(conn))


class PgDatabase(Database):
    """bot.db.Database on PostgreSQL; every method of it is overridden here."""

    shared = True
    skip_locked = " FOR UPDATE SKIP LOCKED"

    def __init__(self, url: str, writer: psycopg.AsyncConnection[PgRow], reader: Any) -> None:
        # Not Database.__init__: that one holds SQLite connections.
        self.url = url
        self.pg = writer
        self.pg_reader: psycopg.AsyncConnection[PgRow] = reader
        self._lock = asyncio.Lock()
        self.patience = LOCKED_FOR_S
        self._retry_at = 0.0
        self._why = ""
        self._connecting = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path) -> PgDatabase:
        url = str(path)
        return cls(url, await _connect(url), await _connect(url))

    async def close(self) -> None:
        await self.pg_reader.close()
        await self.pg.close()

    async def _live(self, reader: bool) -> psycopg.AsyncConnection[PgRow]:
        """The connection, connected again if it was lost; never inside a transaction, whose
        earlier statements went with the old connection."""
        conn = self.pg_reader if reader else self.pg
        if not gone(conn):
            return conn
        if _in_transaction.get():
            raise DatabaseUnavailable("the connection was lost during a transaction")
        async with self._connecting:  # one new connection, not one per waiting handler
            conn = self.pg_reader if reader else self.pg
            if not gone(conn):
                return conn
            if time.monotonic() < self._retry_at:
                raise DatabaseUnavailable(self._why)
            try:
                fresh = await _connect(self.url)
            except DatabaseUnavailable as exc:
                self._retry_at, self._why = time.monotonic() + RECONNECT_EVERY_S, str(exc)
                raise
        if reader:
            self.pg_reader = fresh
        else:
            self.pg = fresh
        log.warning("connected to the database again")
        return fresh

    async def _run(
        self, reader: bool, sql: str, params: Sequence[Any]
    ) -> psycopg.AsyncCursor[PgRow]:
        conn = await self._live(reader)
        with unavailable_if_lost(conn, self.url):
            return await conn.execute(sqldialect.to_pg(sql), tuple(params))

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        cur = await self._run(not _in_transaction.get(), sql, params)
        return cast(list[sqlite3.Row], await cur.fetchall())

    async def fetchall_off_loop(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return await self.fetchall(sql, params)

    async def read_off_loop(self, read: Callable[[sqlite3.Connection], T]) -> T:
        if _in_transaction.get():
            raise RuntimeError("read_off_loop inside a transaction would miss its writes")
        return await asyncio.to_thread(_read_in_thread, self.url, read)

    def _file(self) -> str | None:
        return None

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if _in_transaction.get():
            return await self._run(False, sql, params)
        async with self._lock:
            return await self._run(False, sql, params)

    async def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        rows = await self.write_returning(sqldialect.returning_id(sql), params)
        if not rows:
            raise RuntimeError("INSERT gave no row id")
        return int(rows[0][0])

    async def write_returning(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        if _in_transaction.get():
            return await (await self._run(False, sql, params)).fetchall()
        async with self._lock:
            return await (await self._run(False, sql, params)).fetchall()

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self.transaction():
            cur = self.pg.cursor()
            with unavailable_if_lost(self.pg, self.url):
                await cur.executemany(sqldialect.to_pg(sql), [tuple(r) for r in rows])

    async def _begin(self) -> None:
        await self._run(False, "BEGIN", ())

    async def _end(self, how: str) -> None:
        if how == "ROLLBACK" and gone(self.pg):
            return  # the server dropped the transaction with the connection
        await self._run(False, how, ())


_COMPAT = """
CREATE FUNCTION munibot_add_bool(bigint, boolean) RETURNS bigint LANGUAGE sql IMMUTABLE
    AS 'SELECT CASE WHEN $2 IS NULL THEN $1 ELSE COALESCE($1, 0) + $2::int END';
CREATE AGGREGATE sum(boolean) (SFUNC = munibot_add_bool, STYPE = bigint);
CREATE AGGREGATE max(boolean) (SFUNC = boolor_statefunc, STYPE = boolean);
CREATE AGGREGATE min(boolean) (SFUNC = booland_statefunc, STYPE = boolean);
"""
"""SQLite's aggregates of a comparison, which PostgreSQL has none of: SUM(status != 'invited')
counts the rows that match (NULL on no rows, as SQLite's), MAX and MIN say whether any or
every row does."""


async def _add_compat(db: PgDatabase) -> None:
    if await db.count("SELECT COUNT(*) FROM pg_proc WHERE proname = 'munibot_add_bool'"):
        return
    async with db.transaction():
        await db.pg.execute(_COMPAT)


def migration_sql(version: int, path: Path) -> str:
    """The file's PostgreSQL text: its variant under pg/ when there is one, else translated."""
    for variant in PG_MIGRATIONS_DIR.glob(f"{version:04d}_*.sql"):
        return variant.read_text(encoding="utf-8")
    return sqldialect.migration_to_pg(path.read_text(encoding="utf-8"))


async def migrate_pg(db: PgDatabase, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """bot.db.migrate on PostgreSQL: each file and its schema_migrations row in one
    transaction (PostgreSQL's DDL is transactional), then the id sequences moved past any id
    a migration wrote itself (programme 1)."""
    await db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    await _add_compat(db)
    done = {row[0] for row in await db.fetchall("SELECT version FROM schema_migrations")}
    files = migration_files(directory)
    refuse_newer(done, files)
    applied = []
    for version, name, path in files:
        if version in done:
            continue
        script = migration_sql(version, path)
        async with db.transaction():
            await db.pg.execute(cast(Any, script))
            await db.pg.execute(
                "INSERT INTO schema_migrations VALUES (%s, %s, %s)",
                (version, name, utcnow_iso()),
            )
            await sync_identities(db)
        applied.append(path.name)
    return applied


async def sync_identities(db: PgDatabase) -> None:
    found = await db.pg.execute(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND column_name = 'id' AND is_identity = 'YES'"
    )
    for (table,) in await found.fetchall():
        await db.pg.execute(
            cast(
                Any,
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f' COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)',
            )
        )


async def open_pg(url: str) -> PgDatabase:
    db = await PgDatabase.open(url)
    try:
        await migrate_pg(db)
    except BaseException:
        await db.close()
        raise
    return db
