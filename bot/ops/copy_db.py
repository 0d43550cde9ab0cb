"""`python -m bot copy-db --from FILE --to URL`: an installation moved from SQLite to PostgreSQL.

Everything that can be checked is checked before anything is written: FILE is a munibot
database from this version or an older one, no bot runs on it (its lock is then held for the
whole copy), and the target holds no munibot data. The rows then go in ONE PostgreSQL
transaction with the row counts compared inside it, so a failure or a count that differs leaves
the target as it was.

A FILE behind this code's migrations is brought up to date in place first, as `migrate` or the
bot's next start would do to it, and the output says so. Refusing instead would only send the
operator to run `migrate` and come back; copying the old layout as it is would skip what the
missing migrations do to existing rows. The README's steps take a backup before the copy.

The target's seeded rows (the regions, districts and programme 1 its migrations wrote) are
deleted inside the same transaction and the file's rows put in with their ids: the file's
copies may have been edited since (a renamed programme), and its other rows point at those ids.
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bot.db import Database, migrate, migration_files, open_database
from bot.db_pg import PgDatabase, sync_identities
from bot.dburl import first_line, hide_password
from bot.ops import copy_tables
from bot.ops.files import Refused, open_existing, summary
from bot.ops.leader import SESSIONS_SQL
from bot.ops.lock import DatabaseHeld, DatabaseLock


@dataclass(frozen=True)
class Copied:
    counts: list[tuple[str, int, int]]
    """Per table: rows in the file, rows on PostgreSQL."""
    migrated: list[str]
    kept: bool
    """False: the counts differed and the transaction was rolled back."""

    def lines(self, source: Path, url: str) -> list[str]:
        said = []
        if self.migrated:
            said.append(f"brought {source} up to date first: {', '.join(self.migrated)}")
        verb = "copied" if self.kept else "NOT copied (row counts differ; nothing was kept)"
        said.append(f"{verb} {source} to {hide_password(url)}")
        said.append(f"  {'table':<28}{'sqlite':>9}{'postgresql':>12}")
        for table, before, after in sorted(self.counts):
            if before or after:
                mark = "" if before == after else "  <- differs"
                said.append(f"  {table:<28}{before:>9}{after:>12}{mark}")
        empty = sum(1 for _, before, after in self.counts if not before and not after)
        if empty:
            said.append(f"  ({empty} empty tables on both sides)")
        return said


def run(source: Path, url: str) -> int:
    """For the command line: prints the counts; 1 when they differ (Refused goes up)."""
    copied = asyncio.run(copy(source, url))
    print(*copied.lines(source, url), sep="\n")
    return 0 if copied.kept else 1


async def copy(source: Path, url: str) -> Copied:
    if not url.startswith(("postgresql://", "postgres://")):
        raise Refused("--to must be a PostgreSQL URL: postgresql://user:password@host:5432/db")
    with closing(open_existing(source)) as conn:
        versions = _munibot_versions(conn, source)
    try:
        lock = DatabaseLock.take(str(source), "copy-db", move="--from")
    except DatabaseHeld as exc:
        raise Refused(f"{exc}\nNothing was copied.") from None
    with lock:
        await _refuse_data_in(url)
        migrated = await _up_to_date(source, versions)
        with closing(open_existing(source)) as conn:
            return await _copy(conn, url, migrated)


def _munibot_versions(conn: sqlite3.Connection, source: Path) -> frozenset[int]:
    try:
        versions = summary(conn).versions
    except sqlite3.DatabaseError as exc:
        raise Refused(f"{source} is not a readable SQLite database ({exc})") from None
    if not versions:
        raise Refused(f"{source} is a SQLite database, but not a munibot one (no migrations)")
    known = {v for v, _, _ in migration_files()}
    if versions - known:
        raise Refused(
            f"{source} comes from a newer munibot (schema {max(versions)}; this one knows up"
            f" to {max(known)}). Upgrade munibot first, then copy."
        )
    return versions


async def _refuse_data_in(url: str) -> None:
    """Before the target is touched: more rows in a munibot table than migrations alone put
    there (its seeded regions, districts, programme 1) mean someone's data. A munibot process
    on it, even a standby with nothing written yet, would migrate or send beside the copy."""
    seeded = await _seeded_counts()
    held = []
    try:
        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
            bots = [str(r[0]) for r in await (await conn.execute(SESSIONS_SQL)).fetchall()]
            for table in sorted(set(seeded) - set(copy_tables.SKIPPED)):
                found = await conn.execute("SELECT to_regclass(%s) IS NOT NULL", (table,))
                if (row := await found.fetchone()) is None or not row[0]:
                    continue
                rows = await (await conn.execute(f'SELECT COUNT(*) FROM "{table}"')).fetchone()
                if rows is not None and rows[0] > seeded[table]:
                    held.append(f"{table}: {rows[0]} rows")
    except psycopg.Error as exc:
        raise Refused(f"could not read {hide_password(url)}: {first_line(exc, url)}") from None
    if bots:
        raise Refused(
            f"a munibot is running on {hide_password(url)} ({'; '.join(bots[:4])}). Stop every"
            " munibot process on it (the active one and its standby) before copying into it."
            " Nothing was changed."
        )
    if held:
        raise Refused(
            f"{hide_password(url)} already holds munibot data ({'; '.join(held[:4])}). Copy"
            " into an empty database (CREATE DATABASE munibot, or DROP and create it again)."
            " Nothing was changed."
        )


async def _seeded_counts() -> dict[str, int]:
    """Rows per table in a database that only its migrations wrote to."""
    with tempfile.TemporaryDirectory(prefix="munibot-copy-") as folder:
        path = Path(folder) / "fresh.sqlite3"
        await (await open_database(path)).close()
        with closing(sqlite3.connect(path)) as conn:
            return summary(conn).counts


async def _up_to_date(source: Path, versions: frozenset[int]) -> list[str]:
    if {v for v, _, _ in migration_files()} <= versions:
        return []
    db = await Database.open(source)
    try:
        return await migrate(db)
    finally:
        await db.close()


async def _copy(conn: sqlite3.Connection, url: str, migrated: list[str]) -> Copied:
    plan = copy_tables.tables(conn)
    if lost := copy_tables.orphans(conn):
        raise Refused("the SQLite file has rows PostgreSQL would refuse: " + "; ".join(lost))
    try:
        db = await open_database(url)
    except psycopg.Error as exc:
        raise Refused(f"could not set up {hide_password(url)}: {first_line(exc, url)}") from None
    assert isinstance(db, PgDatabase)
    conn.execute("BEGIN")  # one moment of the file for its rows and its counts
    try:
        counts = [(t.name, _count(conn, t.name)) for t in plan]
        types = await _pg_types(db)
        return Copied(await _write(db, conn, plan, types, counts), migrated, True)
    except _Differ as exc:
        return Copied(exc.counts, migrated, False)
    finally:
        conn.execute("COMMIT")
        await db.close()


class _Differ(Exception):
    def __init__(self, counts: list[tuple[str, int, int]]) -> None:
        self.counts = counts


async def _write(
    db: PgDatabase, conn: sqlite3.Connection, plan: list[copy_tables.Table],
    types: dict[str, dict[str, str]], counts: list[tuple[str, int]],
) -> list[tuple[str, int, int]]:  # fmt: skip
    """COPY per table, fed from SQLite a batch at a time: about 30,000 rows a second, where
    an INSERT per row (even executemany, pipelined) managed 4,000 to 13,000."""
    fits = {t.name: copy_tables.fits(t, types.get(t.name, {})) for t in plan}
    async with db.transaction():
        for table in reversed(plan):  # the target's seeded rows, children first
            await db.pg.execute(f'DELETE FROM "{table.name}"'.encode())
        cur = db.pg.cursor()
        for table in plan:
            names = ", ".join(f'"{c}"' for c in table.columns)
            with _refused(table.name):
                async with cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN'.encode()) as into:
                    for rows in copy_tables.batches(conn, table, fits[table.name]):
                        for row in rows:
                            await into.write_row(row)
        for table in plan:  # the keys held back, once every row they may point at is in
            for update, keyed in copy_tables.later_values(conn, table):
                with _refused(table.name):
                    await cur.executemany(update.encode(), keyed)
        await sync_identities(db)
        found = [(t, n, await db.count(f'SELECT COUNT(*) FROM "{t}"')) for t, n in counts]
        if any(before != after for _, before, after in found):
            raise _Differ(found)
    return found


@contextmanager
def _refused(table: str) -> Iterator[None]:
    """PostgreSQL's own refusal (a constraint), said with its table and the row's line."""
    try:
        yield
    except psycopg.Error as exc:
        said = (exc.diag.message_primary, exc.diag.message_detail, exc.diag.context)
        raise Refused(
            f"PostgreSQL refused a row of {table}: {' '.join(filter(None, said))}."
            " Nothing was copied."
        ) from None


async def _pg_types(db: PgDatabase) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for row in await db.fetchall(
        "SELECT table_name, column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = current_schema()"
    ):
        found.setdefault(row[0], {})[row[1]] = row[2]
    return found


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])
