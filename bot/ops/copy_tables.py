"""copy-db's reading of the SQLite file: its tables in an order PostgreSQL's foreign keys
accept, and the rows of each, checked against the PostgreSQL column types, written in batches.

PostgreSQL checks a foreign key at every insert (its constraints here are not deferrable),
so a parent table is written before its children. A column that points into its own table
(users.reviewed_by: a reviewer may have joined after the person reviewed) or into a cycle of
tables is written NULL first and set once every row is in; the current schema has the
self-reference only, no cycle.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from bot.ops.files import Refused

BATCH = 1000
SKIPPED = ("schema_migrations",)
"""The target's own record of its migrations stays; SQLite's internal tables are skipped too."""
_FITS: dict[str, tuple[type, ...]] = {
    "bigint": (int,),
    "double precision": (int, float),
    "text": (str,),
    "bytea": (bytes,),
}
_KINDS = {int: "a whole number", float: "a number with decimals", str: "text", bytes: "bytes"}


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    """The primary key, to set `later` columns by."""
    later: frozenset[str]
    """Foreign keys into its own table (or a cycle): NULL at first, set after every insert."""


def tables(conn: sqlite3.Connection) -> list[Table]:
    """The file's tables, each after every table it points at."""
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    ) if row[0] not in SKIPPED]  # fmt: skip
    refs = {t: _references(conn, t) for t in names}
    later = {t: set(refs[t].get(t, ())) for t in names}
    waiting = {t: {p for p in refs[t] if p != t and p in refs} for t in names}
    order: list[str] = []
    while waiting:
        ready = sorted(t for t, parents in waiting.items() if not parents)
        if not ready:  # a cycle: a table others wait for waits for no one, its keys later
            stuck = min(p for parents in waiting.values() for p in parents)
            later[stuck] |= {c for p in waiting[stuck] for c in refs[stuck][p]}
            ready = [stuck]
        for t in ready:
            order.append(t)
            del waiting[t]
        for parents in waiting.values():
            parents.difference_update(ready)
    return [_table(conn, t, frozenset(later[t])) for t in order]


def _references(conn: sqlite3.Connection, table: str) -> dict[str, set[str]]:
    """Parent table -> this table's columns that point at it."""
    found: dict[str, set[str]] = {}
    for row in conn.execute(f'PRAGMA foreign_key_list("{table}")'):
        found.setdefault(row[2], set()).add(row[3])
    return found


def _table(conn: sqlite3.Connection, name: str, later: frozenset[str]) -> Table:
    info = list(conn.execute(f'PRAGMA table_info("{name}")'))
    key = tuple(row[1] for row in sorted(info, key=lambda r: r[5]) if row[5])
    if later and not key:
        raise Refused(f"{name} points at itself but has no primary key to set it by")
    return Table(name, tuple(row[1] for row in info), key, later)


def orphans(conn: sqlite3.Connection) -> list[str]:
    """Rows whose foreign key points at nothing: SQLite kept them, PostgreSQL would not."""
    found = conn.execute("PRAGMA foreign_key_check").fetchmany(5)
    return [f"{row[0]} row {row[1]} points at a missing {row[2]} row" for row in found]


def fits(table: Table, pg_types: dict[str, str]) -> list[tuple[type, ...]]:
    """What each column takes on PostgreSQL; refuses a column the target lacks."""
    if not pg_types:
        raise Refused(f"the PostgreSQL database has no table {table.name}. Nothing was copied.")
    missing = [c for c in table.columns if c not in pg_types]
    if missing:
        raise Refused(
            f"the PostgreSQL database has no column {', '.join(missing)} in {table.name}:"
            " is the SQLite file from another munibot version? Nothing was copied."
        )
    return [_FITS.get(pg_types[c], (object,)) for c in table.columns]


def batches(
    conn: sqlite3.Connection, table: Table, types: Sequence[tuple[type, ...]]
) -> Iterator[list[list[Any]]]:
    """The rows, BATCH at a time, `later` columns NULL; a value PostgreSQL's column would
    refuse (SQLite's loose typing lets text into an INTEGER column) stops the copy by name."""
    names = ", ".join(f'"{c}"' for c in table.columns)
    cursor = conn.execute(f'SELECT rowid, {names} FROM "{table.name}" ORDER BY rowid')
    held = [i for i, c in enumerate(table.columns) if c in table.later]
    while rows := cursor.fetchmany(BATCH):
        out = []
        for rowid, *values in rows:
            for value, column, allowed in zip(values, table.columns, types, strict=True):
                if value is not None and not _fits(value, allowed):
                    raise _bad(table.name, column, rowid, value, allowed)
            for i in held:
                values[i] = None
            out.append(values)
        yield out


def later_values(conn: sqlite3.Connection, table: Table) -> list[tuple[str, list[Any]]]:
    """(UPDATE, its parameter rows) for each `later` column, for rows where it is set."""
    where = " AND ".join(f'"{k}" = %s' for k in table.key)
    keys = ", ".join(f'"{k}"' for k in table.key)
    found = []
    for column in sorted(table.later):
        rows = conn.execute(
            f'SELECT "{column}", {keys} FROM "{table.name}" WHERE "{column}" IS NOT NULL'
        ).fetchall()
        sql = f'UPDATE "{table.name}" SET "{column}" = %s WHERE {where}'
        found.append((sql, [tuple(r) for r in rows]))
    return found


def _fits(value: Any, allowed: tuple[type, ...]) -> bool:
    if isinstance(value, str):
        return str in allowed and "\x00" not in value
    return isinstance(value, allowed)


def _bad(table: str, column: str, rowid: int, value: Any, allowed: tuple[type, ...]) -> Refused:
    """Names the place, never the value (it may be a name or a phone number)."""
    wanted = " or ".join(_KINDS.get(t, t.__name__) for t in allowed)
    held = _KINDS.get(type(value), type(value).__name__)
    if isinstance(value, str) and str in allowed:
        held = "text with a NUL character"
    return Refused(
        f"{table}.{column} of row {rowid} (SQLite's rowid) holds {held}, where PostgreSQL"
        f" takes {wanted}. Correct that row in the SQLite file, then copy again."
        " Nothing was copied."
    )
