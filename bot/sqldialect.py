"""SQLite's SQL, as the repositories write it, turned into PostgreSQL's (issue 17).

The repositories keep one hand-written SQL text for both engines. Most of it is standard; the
few SQLite-isms they use are rewritten here, at run time, on the text outside string literals:
placeholders, INSERT OR IGNORE, scalar MAX/MIN, json_each over a JSON list of ids, `IS ?`,
LIKE's case-blindness. What cannot be rewritten mechanically (bare columns beside an aggregate,
an integer used as a truth value) is written portably in the repository instead.

The migrations go through `migration_to_pg`: the same numbered files, with SQLite's loose
types made PostgreSQL's (INTEGER is BIGINT because Telegram ids exceed 32 bits).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*")
_MARK = "\x00{}\x00"
_MARKED = re.compile("\x00(\\d+)\x00")

_OR_IGNORE = re.compile(r"\bINSERT\s+OR\s+IGNORE\s+INTO\b", re.I)
_RETURNING = re.compile(r"\bRETURNING\b", re.I)
_JSON_IDS = re.compile(r"\bSELECT\s+value\s+FROM\s+json_each\(\s*\?\s*\)", re.I)
_SCALAR_MAX = re.compile(r"\b(MAX|MIN)\(([^(),]+(?:\([^()]*\))?[^(),]*),([^()]+)\)", re.I)
_IS_PARAM = re.compile(r"\bIS\s+(NOT\s+)?\?", re.I)
_LIKE = re.compile(r"\bLIKE\b", re.I)
_EMPTY_IN = re.compile(r"\b(NOT\s+)?IN\s*\(\s*\)", re.I)
_WHERE_1 = re.compile(r"\b(WHERE)\s+([01])\b(?!\s*(?:[-+*/%=<>!|]|IS\b|IN\b|NOT\b))", re.I)
"""`WHERE 1` (a filter built from no conditions); an `AND 1` may be BETWEEN's."""
_PRAGMA_FKS = re.compile(r"^\s*PRAGMA\s+foreign_key_list\(\s*\"?(\w+)\"?\s*\)\s*;?\s*$", re.I)
_PRAGMA_COLUMNS = re.compile(r"^\s*PRAGMA\s+table_info\(\s*\"?(\w+)\"?\s*\)\s*;?\s*$", re.I)
_SQLITE_MASTER = re.compile(r"\bsqlite_master\b", re.I)
_MASTER = (
    "(SELECT 'table' AS type, table_name AS name, table_name AS tbl_name"
    " FROM information_schema.tables WHERE table_schema = current_schema()"
    " AND table_type = 'BASE TABLE' UNION ALL SELECT 'index', indexname, tablename"
    " FROM pg_indexes WHERE schemaname = current_schema()) AS sqlite_master"
)
_FKS = (
    'SELECT c.confrelid::regclass::text AS "table", a.attname AS "from"'
    " FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid"
    " AND a.attnum = ANY (c.conkey) WHERE c.contype = 'f' AND c.conrelid = '{}'::regclass"
)
_COLUMNS = (
    "SELECT ordinal_position - 1 AS cid, column_name AS name, data_type AS type,"
    " (is_nullable = 'NO')::int AS notnull, column_default AS dflt_value, 0 AS pk"
    " FROM information_schema.columns WHERE table_schema = current_schema()"
    " AND table_name = '{}' ORDER BY ordinal_position"
)
_CASTS = (
    (re.compile(r"\bAS\s+INTEGER\b", re.I), "AS BIGINT"),
    (re.compile(r"\bAS\s+REAL\b", re.I), "AS DOUBLE PRECISION"),
    (re.compile(r"\bIFNULL\(", re.I), "COALESCE("),
)


def _hide_literals(sql: str) -> tuple[str, list[str]]:
    """The SQL with its string literals, quoted names and comments swapped for markers."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return _MARK.format(len(kept) - 1)

    return _QUOTED.sub(keep, sql), kept


def _show_literals(code: str, kept: list[str]) -> str:
    return _MARKED.sub(lambda m: kept[int(m.group(1))], code)


def _or_ignore(code: str) -> str:
    if not _OR_IGNORE.search(code):
        return code
    code = _OR_IGNORE.sub("INSERT INTO", code).rstrip().rstrip(";")
    returning = _RETURNING.search(code)
    if returning:
        at = returning.start()
        return f"{code[:at]}ON CONFLICT DO NOTHING {code[at:]}"
    return f"{code} ON CONFLICT DO NOTHING"


def _scalar_max(match: re.Match[str]) -> str:
    name = "GREATEST" if match.group(1).upper() == "MAX" else "LEAST"
    return f"{name}({match.group(2)},{match.group(3)})"


def _is_param(match: re.Match[str]) -> str:
    return "IS DISTINCT FROM ?" if match.group(1) else "IS NOT DISTINCT FROM ?"


def _empty_in(match: re.Match[str]) -> str:
    return "<> ALL ('{}')" if match.group(1) else "= ANY ('{}')"


def _truth(match: re.Match[str]) -> str:
    return f"{match.group(1)} {'TRUE' if match.group(2) == '1' else 'FALSE'}"


_REWRITES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (_SQLITE_MASTER, _MASTER),
    (_JSON_IDS, "SELECT value::bigint FROM json_array_elements_text(?::json) AS value"),
    (_SCALAR_MAX, _scalar_max),
    (_IS_PARAM, _is_param),
    (_LIKE, "ILIKE"),
    (_EMPTY_IN, _empty_in),
    (_WHERE_1, _truth),
    *_CASTS,
)


@lru_cache(maxsize=4096)
def to_pg(sql: str) -> str:
    """One statement in SQLite's dialect, for psycopg (`%s` placeholders, `%` doubled)."""
    pragma = _PRAGMA_FKS.match(sql) or _PRAGMA_COLUMNS.match(sql)
    if pragma:
        return (_FKS if "foreign" in pragma.group(0).lower() else _COLUMNS).format(pragma[1])
    code, kept = _hide_literals(sql)
    code = _or_ignore(code)
    for pattern, replacement in _REWRITES:
        code = pattern.sub(replacement, code)
    code = code.replace("%", "%%").replace("?", "%s")
    return _show_literals(code, [k.replace("%", "%%") for k in kept])


def returning_id(sql: str) -> str:
    """An INSERT made to give its new row's id, as SQLite's lastrowid does."""
    if _RETURNING.search(sql):
        return sql
    return sql.rstrip().rstrip(";") + " RETURNING id"


_ID_KEY = re.compile(r"^(\s*)id(\s+)INTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?", re.I | re.M)
_DDL = (
    (re.compile(r"^\s*PRAGMA\b[^;]*;", re.I | re.M), ""),
    (re.compile(r"\bAUTOINCREMENT\b", re.I), ""),
    (re.compile(r"\bINTEGER\b", re.I), "BIGINT"),
    (re.compile(r"\bREAL\b", re.I), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b", re.I), "BYTEA"),
)


def migration_to_pg(script: str) -> str:
    """A migration file made PostgreSQL's; its statements stay as they are otherwise."""
    code, kept = _hide_literals(script)
    code = _ID_KEY.sub(r"\1id\2BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", code)
    for pattern, replacement in _DDL:
        code = pattern.sub(replacement, code)
    return _show_literals(code, kept)
