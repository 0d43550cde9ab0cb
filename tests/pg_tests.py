"""The tests on PostgreSQL: each test's database is its own database on MUNIBOT_TEST_PG's server.

`scripts/with-postgres CMD` starts a throwaway server and sets MUNIBOT_TEST_PG. A seeded
database (the migrations and the pilot municipalities, as `seed` makes on SQLite) is copied from
a template that each test worker builds once, so a test starts as fast as on SQLite. Databases
are dropped after each test. Unset, nothing here runs.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SERVER = os.environ.get("MUNIBOT_TEST_PG", "").strip()
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
_TEMPLATE = f"munibot_seed_{_WORKER}"
_made: dict[str, str] = {}
"""A test's database file path -> the name of the database standing for it."""
_template_ready = False


def _url(name: str) -> str:
    parts = urlsplit(SERVER)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(sql.encode())


def _create(path: Path, template: str) -> str:
    name = f"munibot_{_WORKER}_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    _made[str(path)] = name
    return name


def url_for(path: Path) -> str:
    """The database for this path: the one `seeded` made, else a new empty one (a first run)."""
    name = _made.get(str(path)) or _create(path, "template0")
    return _url(name)


async def seeded(path: Path, seed: Callable[[str], Awaitable[None]]) -> None:
    """A seeded database for this path, copied from this worker's template."""
    global _template_ready
    if str(path) in _made:
        await seed(_url(_made[str(path)]))
        return
    if not _template_ready:
        _admin(f'DROP DATABASE IF EXISTS "{_TEMPLATE}" WITH (FORCE)')
        _admin(f'CREATE DATABASE "{_TEMPLATE}" TEMPLATE template0')
        await seed(_url(_TEMPLATE))
        _template_ready = True
    _create(path, _TEMPLATE)


def drop_all() -> None:
    while _made:
        _, name = _made.popitem()
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
