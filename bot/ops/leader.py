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
import time
from typing import Any, Protocol

from bot.db import DatabaseUnavailable
from bot.dburl import first_line, hide_password, is_pg
from bot.ops.lock import DatabaseLock, is_file_database

log = logging.getLogger(__name__)
LOCK_KEY = (0x6D756E69, 0x626F74)
"""The advisory lock's two int4 keys ("muni", "bot"), scoped by PostgreSQL to the database."""
RETRY_S = 3.0
CHECK_S = 2.0
BACKOFF_MAX_S = 30.0
TAKE_BACK_S = 20.0
CLOCK_SKEW_WARN_S = 5.0
SERVER_KEEPALIVES = (
    "-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3"
    " -c tcp_user_timeout=10000"
)
"""The server's side of the lock connection: a machine that dies without closing its socket
(power, network) loses its session, and so the lock, in about 10 s, not the kernel's 2 hours."""
ACTIVE, STANDBY = "active", "standby"
APP_NAME = "munibot {state} {host} pid {pid}"
"""The lock connection's application_name: how `health` and an operator's pg_stat_activity
tell the active process and the standbys apart."""
SESSIONS_SQL = (
    "SELECT application_name FROM pg_stat_activity WHERE datname = current_database()"
    " AND application_name LIKE 'munibot %' ORDER BY application_name"
)
"""Every munibot process on this database, active or standby, by its lock connection."""


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

        from bot import db_pg

        self._psycopg = psycopg
        self._db_pg = db_pg
        self._lost: tuple[type[BaseException], ...] = (
            psycopg.OperationalError, psycopg.InterfaceError, OSError, TimeoutError,
        )  # fmt: skip
        self._retryable: tuple[type[BaseException], ...] = (DatabaseUnavailable, *self._lost)
        self._any_error: tuple[type[BaseException], ...] = (psycopg.Error, *self._lost)
        self.url = url
        self.retry_s = retry_s
        self.check_s = check_s
        self.state = STANDBY
        self._conn: Any = None
        self._said = ""

    async def acquire(self) -> None:
        """Asks every `retry_s` while another is active; an unreachable server is asked again
        after 1, 2, 4 ... 30 s, each time said in the log. A URL that can't work
        (BadDatabaseUrl) is not retried."""
        wait = 1.0
        while True:
            try:
                if await self._try_lock():
                    return
            except self._retryable as exc:
                self._said = "down"
                log.warning(
                    "can't connect to the database in MUNIBOT_DB (%s): %s; trying again in %.0f s",
                    hide_password(self.url), first_line(exc, self.url), wait,
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
            log.warning("this process steps down to standby: %s", self._said)
            return

    async def release(self) -> None:
        await self._drop()
        self.state = STANDBY

    async def _try_lock(self) -> bool:
        if self._conn is None or self._conn.closed or self._conn.broken:
            with self._db_pg.connecting(self.url):
                self._conn = await self._psycopg.AsyncConnection.connect(
                    self.url, autocommit=True, application_name=self._app_name(STANDBY),
                    options=SERVER_KEEPALIVES, **self._db_pg.CONNECTION,
                )  # fmt: skip
        cur = await self._conn.execute("SELECT pg_try_advisory_lock(%s, %s)", LOCK_KEY)
        row = await cur.fetchone()
        if not (row and row[0]):
            return False
        await self._conn.execute(f"SET application_name = '{self._app_name(ACTIVE)}'")
        self.state = ACTIVE
        self._say(ACTIVE, "this process is the active munibot")
        await self._check_clock()
        return True

    async def _check_clock(self) -> None:
        """Outbox leases are written and compared with each process's own clock."""
        cur = await self._conn.execute("SELECT EXTRACT(EPOCH FROM clock_timestamp())")
        row = await cur.fetchone()
        skew = abs(float(row[0]) - time.time()) if row else 0.0
        if skew > CLOCK_SKEW_WARN_S:
            log.warning(
                "this machine's clock is %.0f s away from the database server's: outbox leases"
                " (30 s) are judged by each process's clock; set up NTP on every machine", skew
            )  # fmt: skip

    async def _still_held(self) -> bool:
        """A session-level lock lasts as long as its session: while the connection answers,
        the lock is ours, whatever a single check says (a statement timeout, say)."""
        try:
            await asyncio.wait_for(self._conn.execute("SELECT 1"), self.check_s * 2)
            return True
        except self._any_error as exc:
            self._said = first_line(exc, self.url) if str(exc) else "no answer in time"
            return not (self._conn.closed or self._conn.broken) and not isinstance(
                exc, TimeoutError
            )

    async def _take_back(self) -> bool:
        """Tries for TAKE_BACK_S: the server restarting frees the lock, and no one else can
        take it while the server is down. Past that, the server (or this machine's way to it)
        is gone long enough for its keepalives to have ended this session and let a standby
        in: this process steps down rather than poll Telegram beside it."""
        await self._drop()
        deadline = time.monotonic() + TAKE_BACK_S
        wait = self.retry_s / 3
        while time.monotonic() < deadline:
            try:
                if await self._try_lock():
                    return True
                self._said = "another munibot holds the lock now"
                return False
            except self._retryable as exc:
                self._said = f"the database does not answer: {first_line(exc, self.url)}"
                log.warning("%s", self._said)
                await self._drop()
            await asyncio.sleep(wait)
            wait = min(wait * 2, self.retry_s)
        return False

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


def leader_for(db: str) -> Leader:
    if is_file_database(db):
        return FileLeader(db)
    if is_pg(db):
        return PgLeader(db)
    return FileLeader(db)  # in memory: nothing to share
