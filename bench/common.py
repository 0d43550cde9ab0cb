"""What the benchmarks share: an emulator in its own process, seeded members, a bot to drive."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import socket
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import aiohttp

from bot.core import users as users_repo
from bot.core.places.importer import import_municipalities
from bot.db import open_database

ROOT = Path(__file__).resolve().parent.parent
PILOT_CSV = ROOT / "data" / "pilot_municipalities.csv"
TOKEN = "123456:BENCH-token"
ADMIN_ID = 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.asynccontextmanager
async def emulator_process(flood: bool):
    """The emulator on the other core, as Telegram would be: not sharing the bot's CPU."""
    port = free_port()
    args = [sys.executable, "-m", "bot.emulator.emulator", "--port", str(port)]
    proc = await asyncio.create_subprocess_exec(
        *args, *(["--flood"] if flood else []), cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(100):
                with contextlib.suppress(aiohttp.ClientError):
                    async with session.get(f"{url}/control/stats") as resp:
                        if resp.status == 200:
                            break
                await asyncio.sleep(0.05)
            yield url, session
    finally:
        proc.terminate()
        await proc.wait()


PG_SCHEMES = ("postgresql://", "postgres://")
_servers: set[int] = set()
"""Postmasters of the local servers bench_database is using now (see server_cpu_s)."""


def server_url(value: str) -> str:
    """argparse type of `--db`: a PostgreSQL server URL. The error never repeats the value,
    which may hold a password."""
    if not value.startswith(PG_SCHEMES):
        raise argparse.ArgumentTypeError(
            "expected a postgresql://user[:password]@host[:port][/db] URL"
        )
    return value


def engine(db: str | Path) -> str:
    """The "engine" field of a benchmark's JSON, from its MUNIBOT_DB value or its `--db`."""
    return "postgresql" if str(db).startswith(PG_SCHEMES) else "sqlite"


@contextlib.asynccontextmanager
async def bench_database(db_arg: str | None, workdir: Path, name: str) -> AsyncIterator[str]:
    """The MUNIBOT_DB value for one run, on a database nobody else uses.

    Without `db_arg` (no `--db`): the SQLite file `workdir/<name>.sqlite3` (created on first
    open; `workdir` is the benchmark's temporary folder, deleted with it).
    With a postgresql:// server URL whose user may create databases: a fresh, empty database
    `munibot_bench_<hex>` on that server, made through the URL as given (its /postgres database
    when it names none), yielded as the same URL with that database, and dropped afterwards
    with `WITH (FORCE)` (PostgreSQL 13+), so a bot still connected cannot keep it alive, even
    when the run fails. `name` then only labels the progress line on stderr. A server on this
    machine is noted meanwhile, so that its CPU counts as the benchmark's own (own_cpu_s).
    """
    if not db_arg:
        yield str(workdir / f"{name}.sqlite3")
        return
    import psycopg  # only a PostgreSQL run needs it, as in bot.db
    from psycopg import sql

    parts = urlsplit(db_arg)
    admin = db_arg if parts.path not in ("", "/") else urlunsplit(parts._replace(path="/postgres"))
    database = f"munibot_bench_{uuid.uuid4().hex[:12]}"
    url = urlunsplit(parts._replace(path=f"/{database}"))
    async with await psycopg.AsyncConnection.connect(admin, autocommit=True) as conn:
        await conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        backend = (await (await conn.execute("SELECT pg_backend_pid()")).fetchone() or (0,))[0]
    server = _local_postmaster(backend)
    _servers.update(server)
    where = f"{database} on {parts.hostname}:{parts.port or 5432}"  # never the password
    print(f"{name}: database {where}", file=sys.stderr)
    try:
        yield url
    finally:
        _servers.difference_update(server)
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
        try:
            async with await psycopg.AsyncConnection.connect(admin, autocommit=True) as conn:
                await conn.execute(drop)
        except psycopg.Error as exc:  # the run's own error, if any, matters more
            print(f"{name}: could not drop {where}: {exc}", file=sys.stderr)


async def seed_members(db: str | Path, url: str, session, ids: list[int]) -> None:
    """Approved members, each with a private chat the bot may write to; `db` as MUNIBOT_DB."""
    await seed_registered(db, ids)
    await open_chats(url, session, ids)


async def seed_registered(db_url: str | Path, ids: list[int], spread: bool = False) -> None:
    """The pilot places and approved members, inserted in bulk (the registration is not what
    is measured); `spread` shares them out over every municipality instead of the first.
    `db_url` is a MUNIBOT_DB value: a SQLite path or a PostgreSQL database's URL."""
    db = await open_database(db_url)
    try:
        await import_municipalities(db, PILOT_CSV)
        munis = [r[0] for r in await db.fetchall("SELECT id FROM municipalities ORDER BY id")]
        munis = munis if spread else munis[:1]
        now = "2026-01-01T00:00:00+00:00"
        rows = [
            (tid, f"Member {tid}", ("ky", "ru")[tid % 2], munis[tid % len(munis)], now, now)
            for tid in ids
        ]
        await db.executemany(
            "INSERT INTO users (telegram_id, full_name, lang, municipality_id, position, gender,"
            " status, created_at, updated_at) VALUES (?, ?, ?, ?, 'head', 'female', 'approved',"
            " ?, ?)",
            rows,
        )
        await users_repo.ensure(db, ADMIN_ID, "Bench admin", now)
    finally:
        await db.close()


async def open_chats(url: str, session, ids: list[int]) -> None:
    """A first message from each, as Telegram needs before a bot may write to someone."""
    sem = asyncio.Semaphore(50)

    async def open_chat(tid: int) -> None:
        async with sem, session.post(f"{url}/client/{tid}/send", json={"text": "hi"}) as resp:
            resp.raise_for_status()

    await asyncio.gather(*(open_chat(tid) for tid in ids))


async def drop_pending(url: str, session) -> None:
    """Forget queued updates, so a bot starts from what the benchmark sends next."""
    drop = {"drop_pending_updates": True}
    async with session.post(f"{url}/bot{TOKEN}/deleteWebhook", json=drop) as resp:
        resp.raise_for_status()


async def stats(url: str, session) -> dict:
    async with session.get(f"{url}/control/stats") as resp:
        return (await resp.json())["result"]


async def received(url: str, session, ids: list[int], text: str) -> list[int]:
    """How many copies of `text` each recipient has, read from the emulator's client API. A
    copy may have more below the text: a member whose language the text was not written in gets
    a note saying so."""
    sem = asyncio.Semaphore(50)

    async def count(tid: int) -> int:
        async with sem, session.get(f"{url}/client/{tid}/messages") as resp:
            messages = (await resp.json())["result"]["messages"]
        return sum(1 for m in messages if (m.get("text") or "").startswith(text))

    return list(await asyncio.gather(*(count(tid) for tid in ids)))


def peak_rss_mb(pid: int | str = "self") -> float:
    """VmHWM: the most resident memory the process has had so far."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/status")


def cpu_seconds(pid: int | str = "self", main_thread: bool = False) -> float:
    """User plus system CPU time of the process (or of its main thread, the event loop's)."""
    stat = Path(f"/proc/{pid}/task/{os.getpid() if pid == 'self' else pid}/stat" if main_thread
                else f"/proc/{pid}/stat")  # fmt: skip
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_s() -> float:
    """CPU seconds all cores together spent busy since boot, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def own_cpu_s() -> float:
    """CPU seconds of this process, its finished children and its running ones (emulator, bots,
    simulated users), and of the local PostgreSQL server a bench_database is on: subtracted
    from machine_busy_s, what is left is someone else's load."""
    return tree_cpu_s(os.getpid()) + server_cpu_s()


def server_cpu_s() -> float:
    """CPU seconds of the local PostgreSQL servers that bench_database made a database on
    (postmaster, background workers, connections, ended ones too); 0 on SQLite or a server on
    another machine."""
    total = 0.0
    for pid in list(_servers):
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            total += tree_cpu_s(pid)
    return total


def tree_cpu_s(pid: int) -> float:
    """A process's CPU seconds with its finished children's and its running children's."""
    me = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(x) for x in me[11:15])
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _local_postmaster(backend: int) -> set[int]:
    """The postmaster of our connection's backend process, if it runs on this machine: the
    parent of a local process called postgres with that pid."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        if Path(f"/proc/{backend}/comm").read_text().strip() == "postgres":
            parent = int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])
            if Path(f"/proc/{parent}/comm").read_text().strip() == "postgres":
                return {parent}
    return set()
