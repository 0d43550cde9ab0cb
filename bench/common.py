"""What the benchmarks share: an emulator in its own process, seeded members, a bot to drive."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
from pathlib import Path

import aiohttp

from bot.db import open_database
from bot.repositories import users as users_repo
from bot.services.directory_import import import_municipalities

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
    args = [sys.executable, "-m", "bot.sandbox.emulator", "--port", str(port)]
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
    db = await open_database(db_path)
    try:
        await import_municipalities(db, PILOT_CSV)
        muni = (await db.fetchone("SELECT id FROM municipalities ORDER BY id LIMIT 1"))[0]
        now = "2026-01-01T00:00:00+00:00"
        rows = [(tid, f"Member {tid}", ("ky", "ru")[tid % 2], muni, now, now) for tid in ids]
        await db.executemany(
            "INSERT INTO users (telegram_id, full_name, lang, municipality_id, position, gender,"
            " status, created_at, updated_at) VALUES (?, ?, ?, ?, 'head', 'female', 'approved',"
            " ?, ?)",
            rows,
        )
        await users_repo.ensure(db, ADMIN_ID, "Bench admin", now)
    finally:
        await db.close()
    sem = asyncio.Semaphore(50)

    async def open_chat(tid: int) -> None:
        async with sem, session.post(f"{url}/client/{tid}/send", json={"text": "hi"}) as resp:
            resp.raise_for_status()

    await asyncio.gather(*(open_chat(tid) for tid in ids))


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
