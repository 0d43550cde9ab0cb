"""Benchmark: the console's overview rendered server-side over 20,000 members.

Run: .venv/bin/python bench/console.py [--members 20000] [--requests 50]

The emulator runs in its own process (bench.common), munibot in this one with its console on a
free local port, on a fresh database with --members approved members spread over the pilot
municipalities (seeded in SQL). The admin signs in with a one-time link, then asks for
/console/overview --requests times, one after another, over real HTTP; `median_ms` and
`p95_ms` are the times from the request to the whole page.

Target (issue 15): the overview under 200 ms at the median. The last line on stdout is one JSON
object.
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

import aiohttp  # noqa: E402

from bench.common import ADMIN_ID, TOKEN, emulator_process, free_port, seed_registered  # noqa: E402
from bot.app import build_application, start, stop  # noqa: E402
from bot.config import load_config  # noqa: E402

MEMBERS_FROM = 300_000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run(args: argparse.Namespace, url: str, db_path: Path) -> dict:
    await seed_registered(db_path, list(range(MEMBERS_FROM, MEMBERS_FROM + args.members)), True)
    port = free_port()
    config = load_config(
        {"BOT_TOKEN": TOKEN, "MUNIBOT_DB": str(db_path), "MUNIBOT_ADMINS": str(ADMIN_ID),
         "MUNIBOT_API_BASE": f"{url}/bot", "MUNIBOT_RATE": "0",
         "MUNIBOT_CONSOLE_URL": f"http://127.0.0.1:{port}", "MUNIBOT_CONSOLE_PORT": str(port),
         "MUNIBOT_MEDIA_DIR": str(db_path.parent / "media")}
    )  # fmt: skip
    app = build_application(config)
    await start(app)
    timings: list[float] = []
    try:
        link = await app.bot_data["services"].console_auth.issue_link(ADMIN_ID)
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as browser:
            async with browser.post(link) as answer:
                if answer.url.path != "/console/overview":
                    raise RuntimeError(f"sign-in failed: {answer.status}")
            for _ in range(args.requests):
                began = time.perf_counter()
                async with browser.get(f"http://127.0.0.1:{port}/console/overview") as answer:
                    await answer.read()
                timings.append((time.perf_counter() - began) * 1000)
    finally:
        await stop(app)
    return {
        "members": args.members,
        "requests": args.requests,
        "median_ms": round(percentile(timings, 0.5), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "max_ms": round(max(timings), 1),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        async with emulator_process(flood=False) as (url, _session):
            result = await run(args, url, Path(tmp) / "bench.sqlite3")
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except (RuntimeError, TimeoutError) as exc:
        sys.exit(f"bench/console.py failed: {exc}")
