"""Benchmark: one broadcast to N members through the real dispatcher, against the emulator.

Run: .venv/bin/python bench/broadcast.py [--recipients 1000] [--rate 30] [--db postgresql://…]

First with Telegram's flood limits enforced by the emulator and our limiter at --rate, then
again with both off (the "paid broadcasts" ceiling). Each run has a fresh database: SQLite in a
temporary folder, or with --db a database of its own on that PostgreSQL server, dropped after
(bench.common.bench_database). Prints one JSON object as its last line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    ADMIN_ID,
    TOKEN,
    bench_database,
    emulator_process,
    engine,
    received,
    seed_members,
    server_url,
    stats,
)
from bot.app import build_application, start, stop  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.sandbox.scripts import queue_broadcast  # noqa: E402

TEXT = "Bench broadcast: семинар 5-декабрда"
TELEGRAM_LIMIT = 30


async def one_run(recipients: int, rate: float, flood: bool, db: str) -> dict:
    ids = list(range(100_000, 100_000 + recipients))
    async with emulator_process(flood) as (url, session):
        await seed_members(db, url, session, ids)
        config = load_config(
            {"BOT_TOKEN": TOKEN, "MUNIBOT_DB": db, "MUNIBOT_ADMINS": str(ADMIN_ID),
             "MUNIBOT_API_BASE": f"{url}/bot", "MUNIBOT_RATE": str(rate)}
        )  # fmt: skip
        drop = {"drop_pending_updates": True}  # the members' "hi" only opened their chats
        async with session.post(f"{url}/bot{TOKEN}/deleteWebhook", json=drop) as resp:
            resp.raise_for_status()
        app = build_application(config)
        await start(app)
        try:
            await stats_reset(url, session)
            broadcast_id = await queue(app)
            elapsed = await until_sent(app, broadcast_id, recipients, limit_s=recipients / 5 + 60)
            copies = await received(url, session, ids, TEXT)
            numbers = await stats(url, session)
        finally:
            await stop(app)
    return {
        "delivered": sum(1 for c in copies if c >= 1),
        "duplicates": sum(c - 1 for c in copies if c > 1),
        "lost": sum(1 for c in copies if c == 0),
        "http_429": numbers["http_429"],
        "msgs_per_s": round(sum(1 for c in copies if c >= 1) / elapsed, 2),
        "elapsed_s": round(elapsed, 2),
    }


async def stats_reset(url: str, session) -> None:
    async with session.post(f"{url}/control/reset_stats") as resp:
        resp.raise_for_status()


async def queue(app) -> int:
    return await queue_broadcast(app.bot_data["services"], ADMIN_ID, TEXT)


async def until_sent(app, broadcast_id: int, total: int, limit_s: float) -> float:
    """Seconds from now until every row is answered (bounded by `limit_s`)."""
    svc = app.bot_data["services"].broadcasts
    began = time.perf_counter()
    while time.perf_counter() - began < limit_s:
        counts = await svc.counts(broadcast_id)
        if not counts.get("pending") and not counts.get("sending"):
            return time.perf_counter() - began
        await asyncio.sleep(0.02)
    raise TimeoutError(f"broadcast not finished after {limit_s:.0f}s: {counts}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recipients", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=30)
    parser.add_argument(
        "--unlimited-recipients", type=int, help="for the run with limits off; default: the same"
    )
    parser.add_argument(
        "--db", type=server_url, help="a PostgreSQL server URL to run on; default: SQLite"
    )
    args = parser.parse_args()
    unlimited_n = args.unlimited_recipients or args.recipients
    with tempfile.TemporaryDirectory() as tmp:
        async with bench_database(args.db, Path(tmp), "bench-1") as db:
            limited = await one_run(args.recipients, args.rate, True, db)
        print("limited:", json.dumps(limited), file=sys.stderr)
        async with bench_database(args.db, Path(tmp), "bench-0") as db:
            unlimited = await one_run(unlimited_n, 0, False, db)
        print("unlimited:", json.dumps(unlimited), file=sys.stderr)
    print(
        json.dumps(
            {
                "engine": engine(db),
                "recipients": args.recipients,
                "delivered": limited["delivered"],
                "duplicates": limited["duplicates"],
                "lost": limited["lost"],
                "http_429": limited["http_429"],
                "msgs_per_s": limited["msgs_per_s"],
                "limit_per_s": TELEGRAM_LIMIT,
                "unlimited_msgs_per_s": unlimited["msgs_per_s"],
                "unlimited_recipients": unlimited_n,
                "unlimited_lost": unlimited["lost"],
                "unlimited_duplicates": unlimited["duplicates"],
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
