"""Benchmark: members' reply times while a stranger floods the bot, beside the same without.

Run: .venv/bin/python bench/fairness.py [--members 50] [--rate 10] [--seconds 10]
[--flood 1000]

The emulator runs in its own process with Telegram's flood limits on (30 messages a second
overall, one a second per chat, with bursts), and munibot in this one with its own limiter at
Telegram's rate, on a database with --members approved members. The members use the menu
(/status, "My status") as a Poisson stream of --rate updates a second for --seconds, from
bench/load.py in its own process; each latency runs from the POST to the reply seen. The same
members' load runs twice: alone, and while one unregistered stranger sends --flood texts spread
over the same seconds. The stranger's updates line up behind each other, not in front of the
members' (bot.updates), so the members' p99 with the flood should stay within twice their p99
without it.

Progress goes to stderr; the last line on stdout is one JSON object:
{"flood_updates", "flood_replies", "member_p50_ms", "member_p99_ms", "member_p99_ms_without_flood",
"member_updates"}.
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

from bench import drive  # noqa: E402
from bench.common import (  # noqa: E402
    ADMIN_ID,
    TOKEN,
    drop_pending,
    emulator_process,
    open_chats,
    seed_registered,
)
from bot.app import build_application, start, stop  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.i18n import compile_catalogs, translator  # noqa: E402

MEMBERS_FROM = 200_000
STRANGER = 900_000_777


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


async def flood(url: str, session, count: int, seconds: float) -> int:
    """The stranger's texts, evenly over `seconds`; returns how many the emulator took."""
    sent, began = 0, time.perf_counter()
    for n in range(count):
        wait = began + n * seconds / count - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        async with session.post(f"{url}/client/{STRANGER}/send", json={"text": f"spam {n}"}) as r:
            sent += r.status == 200
    return sent


async def replies(url: str, session) -> int:
    async with session.get(f"{url}/client/{STRANGER}/messages") as resp:
        return len((await resp.json())["result"]["messages"])


def menu_plays() -> list[list[dict]]:
    """Member i was seeded in ("ky", "ru")[id % 2] (bench.common) and ids start even."""
    compile_catalogs()
    return [
        [{"send": "/status", "expect": translator(lang)._("My status")}] for lang in ("ky", "ru")
    ]


async def members_load(url: str, members: list[int], args: argparse.Namespace, label: str):
    return await drive.measured(
        label, url, members, menu_plays(), args, rate=args.rate, seconds=args.seconds
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--flood", type=int, default=1000)
    parser.add_argument("--step-timeout", type=float, default=60.0)
    args = parser.parse_args()
    members = list(range(MEMBERS_FROM, MEMBERS_FROM + args.members))
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "fairness.sqlite3"
        async with emulator_process(flood=True) as (url, session):
            await seed_registered(db_path, members, spread=True)
            await open_chats(url, session, [ADMIN_ID, *members])
            await drop_pending(url, session)
            config = load_config(
                {"BOT_TOKEN": TOKEN, "MUNIBOT_DB": str(db_path),
                 "MUNIBOT_ADMINS": str(ADMIN_ID), "MUNIBOT_API_BASE": f"{url}/bot"}
            )  # fmt: skip
            app = build_application(config)
            await start(app)
            try:
                alone = await members_load(url, members, args, "members alone")
                flooding = asyncio.create_task(flood(url, session, args.flood, args.seconds))
                crowded = await members_load(url, members, args, "members with the flood")
                flooded = await flooding
                await asyncio.sleep(2)
                answered = await replies(url, session)
            finally:
                await stop(app)
    result = {
        "flood_updates": flooded,
        "flood_replies": answered,
        "member_updates": crowded["updates"],
        "member_p50_ms": round(percentile(crowded["latencies_ms"], 0.5), 1),
        "member_p99_ms": round(percentile(crowded["latencies_ms"], 0.99), 1),
        "member_p99_ms_without_flood": round(percentile(alone["latencies_ms"], 0.99), 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except (RuntimeError, TimeoutError) as exc:
        sys.exit(f"bench/fairness.py failed: {exc}")
