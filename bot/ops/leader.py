"""Which bot process is the active one: the one that polls (or takes the webhook), runs the
dispatcher and the timed wake-ups. The others wait as standbys and take over when it dies.

On PostgreSQL the active process holds a session-level advisory lock on a connection of its
own. When the process dies, the server ends its session and frees the lock, and a standby,
asking every few seconds, gets it. A lock connection that drops while the process lives (the
server restarting) is taken back when the server answers; if another process got the lock in
the meantime, this one steps down. Until then it keeps answering people ("try again in a
minute"), and it can't claim outbox rows without the database, so nothing goes twice but
what was already in flight.

On a SQLite file the running bot's flock (bot.ops.lock) is the whole story: a second process
is refused instead of waiting, since two processes on one file can't fail over anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from typing import Any, Protocol

from bot.ops.files import hide_password
from bot.ops.lock import DatabaseLock, is_file_database

log = logging.getLogger(__name__)
LOCK_KEY = (0x6D756E69, 0x626F74)
"""The advisory lock's two int4 keys ("muni", "bot"), scoped by PostgreSQL to the database."""
RETRY_S = 3.0
CHECK_S = 2.0
BACKOFF_MAX_S = 30.0
ACTIVE, STANDBY = "active", "standby"
APP_NAME = "munibot {state} {host} pid {pid}"
"""The lock connection's application_name: how `health` and an operator's pg_stat_activity
tell the active process and the standbys apart."""


class Leader(Protocol):
    state: str

    async def acquire(self) -> None:
        """Returns once this process is the active one."""

    async def watch(self) -> None:
        """Returns when this process must step down (another became active)."""

    async def release(self) -> None: ...


class FileLeader:
    """SQLite: active from the start, or refused (DatabaseHeld) when another bot holds the file."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.state = STANDBY
        self._lock: DatabaseLock | None = None

    async def acquire(self) -> None:
        if self._lock is None:
            self._lock = DatabaseLock.take(self.db, "run")
        self.state = ACTIVE

    async def watch(self) -> None:
        await asyncio.Event().wait()  # the flock lasts as long as the process

    async def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


class PgLeader:
    def __init__(self, url: str, retry_s: float = RETRY_S, check_s: float = CHECK_S) -> None:
        import psycopg  # a SQLite deployment never loads it (as in bot.db)

        self._psycopg = psycopg
        self._lost: tuple[type[BaseException], ...] = (psycopg.Error, OSError)
        self.url = url
        self.retry_s = retry_s
        self.check_s = check_s
        self.state = STANDBY
        self._conn: Any = None
        self._said = ""

    async def acquire(self) -> None:
        """Asks every `retry_s` while another is active; an unreachable server is asked again
        after 1, 2, 4 ... 30 s, each time said in the log."""
        wait = 1.0
        while True:
            try:
                if await self._try_lock():
                    return
            except self._lost as exc:
                self._said = "down"
                log.warning(
                    "can't connect to the database in MUNIBOT_DB (%s): %s; trying again in %.0f s",
                    hide_password(self.url), _first_line(exc), wait,
                )  # fmt: skip
                await self._drop()
                await asyncio.sleep(wait)
                wait = min(wait * 2, BACKOFF_MAX_S)
                continue
            self._say(STANDBY, "another munibot is active: this one waits as a standby")
            wait = 1.0
            await asyncio.sleep(self.retry_s)

    async def watch(self) -> None:
        while True:
            await asyncio.sleep(self.check_s)
            if await self._still_held():
                continue
            log.warning("the database session that made this process active was lost")
            if await self._take_back():
                log.warning("this process is the active one again")
                continue
            self.state = STANDBY
            log.warning("another munibot became active: this one steps down to standby")
            return

    async def release(self) -> None:
        await self._drop()
        self.state = STANDBY

    async def _try_lock(self) -> bool:
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._conn = await self._psycopg.AsyncConnection.connect(
                self.url, autocommit=True, connect_timeout=5, keepalives=1,
                keepalives_idle=5, keepalives_interval=2, keepalives_count=3,
                application_name=self._app_name(STANDBY),
            )  # fmt: skip
        cur = await self._conn.execute("SELECT pg_try_advisory_lock(%s, %s)", LOCK_KEY)
        row = await cur.fetchone()
        if not (row and row[0]):
            return False
        await self._conn.execute(f"SET application_name = '{self._app_name(ACTIVE)}'")
        self.state = ACTIVE
        self._say(ACTIVE, "this process is the active munibot")
        return True

    async def _still_held(self) -> bool:
        try:
            cur = await self._conn.execute(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                " AND pid = pg_backend_pid() AND classid = %s AND objid = %s",
                LOCK_KEY,
            )
            row = await cur.fetchone()
            return bool(row and row[0])
        except self._lost:
            return False

    async def _take_back(self) -> bool:
        """Waits out an unreachable server (nobody else can be active without it either)."""
        await self._drop()
        wait = self.retry_s / 3
        while True:
            try:
                return await self._try_lock()
            except self._lost as exc:
                self._say("down", f"the database does not answer: {_first_line(exc)}")
                await self._drop()
            await asyncio.sleep(wait)
            wait = min(wait * 2, self.retry_s)

    async def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(*self._lost):
                await conn.close()

    def _say(self, what: str, line: str) -> None:
        """Each change once in the log, not every few seconds."""
        if what != self._said:
            self._said = what
            log.warning("%s", line)

    @staticmethod
    def _app_name(state: str) -> str:
        return APP_NAME.format(state=state, host=socket.gethostname()[:30], pid=os.getpid())


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def leader_for(db: str) -> Leader:
    if is_file_database(db):
        return FileLeader(db)
    if db.startswith(("postgresql://", "postgres://")):
        return PgLeader(db)
    return FileLeader(db)  # in memory: nothing to share
