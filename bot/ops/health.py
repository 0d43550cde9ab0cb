"""Is a bot running on this database? For systemd, a load balancer or a person at a terminal.

With SQLite, the bot that holds the database's lock (bot.ops.lock) is the running one, and a
process that answers /healthz is that bot. The PostgreSQL standby work will add a third
answer, "standby", here.
"""

from __future__ import annotations

from aiohttp import web

from bot.ops.lock import holder, is_file_database

ACTIVE = "active"


def probe(db: str) -> tuple[bool, str]:
    """(running, what to print)."""
    if not is_file_database(db):
        return False, "not running: health for a PostgreSQL MUNIBOT_DB is not supported yet"
    who = holder(db)
    if who is None:
        return False, f"not running: no munibot holds {db}"
    return True, f"{ACTIVE}: a munibot is running on {db} ({who})"


async def healthz(_: web.Request) -> web.Response:
    """No names, no settings: only what a load balancer needs."""
    return web.json_response({"status": ACTIVE})
