"""Is a bot running on this database, and is this process the active one? For systemd, a load
balancer or a person at a terminal.

With SQLite, the bot that holds the database's lock (bot.ops.lock) is the running one. With
PostgreSQL, the active process holds the advisory lock (bot.ops.leader), and the standbys are
the other munibot sessions waiting for it. Over HTTP, on the console's port, the active process
answers `GET /healthz` with 200 and "active", a standby with 503 and "standby", so a load
balancer sends the webhook and the console to the active one only.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.config import Config
from bot.dburl import first_line, hide_password, is_pg
from bot.ops.leader import ACTIVE, LOCK_KEY, SESSIONS_SQL, STANDBY
from bot.ops.lock import holder, is_file_database

HOLDER_SQL = (
    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
    " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objid = %s"
    " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
)


def probe(db: str) -> tuple[bool, str]:
    """(a bot is active, what to print)."""
    if is_file_database(db):
        who = holder(db)
        if who is None:
            return False, f"not running: no munibot holds {db}"
        return True, f"{ACTIVE}: a munibot is running on {db} ({who})"
    if is_pg(db):
        return _probe_pg(db)
    return False, f"not running: {db} is not a database a bot can share"


def _probe_pg(url: str) -> tuple[bool, str]:
    import psycopg

    shown = hide_password(url)
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            row: Any = conn.execute(HOLDER_SQL, LOCK_KEY).fetchone()
            sessions = [str(r[0]) for r in conn.execute(SESSIONS_SQL).fetchall()]
    except psycopg.Error as exc:
        said = first_line(exc, url)
        return False, f"not running: can't connect to MUNIBOT_DB ({shown}): {said}"
    waiting = sum(name.startswith(f"munibot {STANDBY} ") for name in sessions)
    if row is None:
        return False, f"not running: no munibot is active on {shown} ({waiting} standby)"
    name = str(row[0] or "munibot").replace(f"munibot {ACTIVE} ", "")
    return True, f"{ACTIVE}: a munibot is active on {shown} ({name}); {waiting} standby waiting"


async def healthz(request: web.Request) -> web.Response:
    """No names, no settings: only what a load balancer needs. The console runs in the active
    process only; a standby answers from `standby_site`."""
    return web.json_response({"status": ACTIVE})


async def _standby(_: web.Request) -> web.Response:
    return web.json_response({"status": STANDBY}, status=503)


async def standby_site(config: Config) -> web.AppRunner:
    """/healthz on the console's port while this process waits; every other path is 503 too,
    so nobody signs in to a standby."""
    app = web.Application()
    app.router.add_get("/healthz", _standby)
    app.router.add_route("*", "/{tail:.*}", _standby)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, config.console_listen, config.console_port).start()
    return runner
