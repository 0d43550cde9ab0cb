"""What the benchmarks share: an emulator in its own process, seeded members, a bot to drive."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
from pathlib import Path

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


async def seed_members(db_path: Path, url: str, session, ids: list[int]) -> None:
    """Approved members, each with a private chat the bot may write to."""
    await seed_registered(db_path, ids)
    await open_chats(url, session, ids)


async def seed_registered(db_path: Path, ids: list[int], spread: bool = False) -> None:
    """The pilot places and approved members, inserted in bulk (the registration is not what
    is measured); `spread` shares them out over every municipality instead of the first."""
    db = await open_database(db_path)
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
    """How many copies of `text` each recipient has, read from the emulator's client API."""
    sem = asyncio.Semaphore(50)

    async def count(tid: int) -> int:
        async with sem, session.get(f"{url}/client/{tid}/messages") as resp:
            messages = (await resp.json())["result"]["messages"]
        return sum(1 for m in messages if m.get("text") == text)

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
    simulated users): subtracted from machine_busy_s, what is left is someone else's load."""
    me = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(x) for x in me[11:15])
    for child in Path(f"/proc/self/task/{os.getpid()}/children").read_text().split():
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")
