"""Benchmark: the console's overview over 20,000 members, and a competition's submission list
with 500 submissions, rendered server-side.

Run: .venv/bin/python bench/console.py [--members 20000] [--submissions 500] [--requests 50]

The emulator runs in its own process (bench.common), munibot in this one with its console on a
free local port, on a fresh database with --members approved members spread over the pilot
municipalities (seeded in SQL). The admin signs in with a one-time link, then asks for
/console/overview --requests times, one after another, over real HTTP; `median_ms` and
`p95_ms` are the times from the request to the whole page. Then --submissions clusters of two
municipalities each send one submission (through the same service the chat's Send calls) to a
competition between clusters, and the submission list (all of them on one page) is asked for
the same number of times: `list_median_ms`, `list_p95_ms`.

Targets (issue 15): both under 200 ms at the median. The last line on stdout is one JSON
object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp  # noqa: E402
from aiohttp import ClientSession  # noqa: E402

from bench.common import ADMIN_ID, TOKEN, emulator_process, free_port, seed_registered  # noqa: E402
from bot.app import build_application, start, stop  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.core.places import clusters as clusters_repo  # noqa: E402
from bot.wiring import Services  # noqa: E402

MEMBERS_FROM = 300_000


async def seed_submissions(svc: Services, count: int) -> int:
    """`count` clusters of two municipalities, a competition between them, and one submission
    from each, sent by a member of its first municipality; returns the competition's id."""
    db, now = svc.db, svc.clock.now()
    munis = [tuple(r) for r in await db.fetchall(
        "SELECT m.id, MIN(u.telegram_id) FROM municipalities m JOIN users u"
        " ON u.municipality_id = m.id WHERE u.status = 'approved' GROUP BY m.id ORDER BY m.id"
    )]  # fmt: skip
    senders = []
    for n in range(count):
        (first, sender), (second, _) = munis[n % len(munis)], munis[(n + 1) % len(munis)]
        names = {f"name_{x}": f"Cluster {n + 1}" for x in ("ky", "ru", "en")}
        cluster, _ = await clusters_repo.save(db, f"CL{n + 1}", names, now.isoformat(), 1)
        await clusters_repo.add_members(db, cluster, [first, second])
        senders.append((cluster, sender))
    values = {
        "code": "SIAP", "title_ky": "Кызматтарды жакшыртуу планы", "title_ru": "План улучшения",
        "description_ky": None, "description_ru": "План.", "rules_ky": None, "rules_ru": None,
        "prizes_ky": None, "prizes_ru": None, "entrant_kind": "cluster",
        "opens_at": now - timedelta(hours=1), "deadline": now + timedelta(days=7),
        "max_files": 5, "needs_residents": False,
    }  # fmt: skip
    competition, _ = await svc.competitions.create(
        ADMIN_ID, values, {"kind": "all", "values": []}, None
    )
    for cluster, sender in senders:
        text = f"Кластер {cluster}: план улучшения услуг водоснабжения."
        await svc.submissions.submit(sender, competition.id, cluster, text, None, [], None)
    return competition.id


async def timed(browser: aiohttp.ClientSession, url: str, times: int) -> list[float]:
    timings = []
    for _ in range(times):
        began = time.perf_counter()
        async with browser.get(url) as answer:
            if answer.status != 200:
                raise RuntimeError(f"{url}: {answer.status}")
            await answer.read()
        timings.append((time.perf_counter() - began) * 1000)
    return timings


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


@asynccontextmanager
async def signed_in(url: str, db_path: Path) -> AsyncIterator[tuple[Services, ClientSession, str]]:
    """munibot on `db_path` with its console on a free port, and a client signed in as the
    admin with a one-time link; yields the services, the client and the console's base URL."""
    port = free_port()
    config = load_config(
        {"BOT_TOKEN": TOKEN, "MUNIBOT_DB": str(db_path), "MUNIBOT_ADMINS": str(ADMIN_ID),
         "MUNIBOT_API_BASE": f"{url}/bot", "MUNIBOT_RATE": "0",
         "MUNIBOT_CONSOLE_URL": f"http://127.0.0.1:{port}", "MUNIBOT_CONSOLE_PORT": str(port),
         "MUNIBOT_MEDIA_DIR": str(db_path.parent / "media")}
    )  # fmt: skip
    app = build_application(config)
    await start(app)
    svc: Services = app.bot_data["services"]
    try:
        link = await svc.console_auth.issue_link(ADMIN_ID)
        async with ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
            async with browser.post(link) as answer:
                if answer.url.path != "/console/overview":
                    raise RuntimeError(f"sign-in failed: {answer.status}")
            yield svc, browser, f"http://127.0.0.1:{port}/console"
    finally:
        await stop(app)


async def drained(svc: Services) -> None:
    """Waits (bounded) until the outbox has sent what seeding queued, so no delivery runs
    while pages are timed."""
    for _ in range(1200):
        if not await svc.db.count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'"):
            return
        await asyncio.sleep(0.1)
    raise RuntimeError("the outbox did not drain")


def figures(prefix: str, timings: list[float]) -> dict[str, float]:
    return {
        f"{prefix}median_ms": round(percentile(timings, 0.5), 1),
        f"{prefix}p95_ms": round(percentile(timings, 0.95), 1),
        f"{prefix}max_ms": round(max(timings), 1),
    }


async def overview(args: argparse.Namespace, url: str, db_path: Path) -> dict:
    await seed_registered(db_path, list(range(MEMBERS_FROM, MEMBERS_FROM + args.members)), True)
    async with signed_in(url, db_path) as (_, browser, base):
        timings = await timed(browser, f"{base}/overview", args.requests)
    return {"members": args.members, "requests": args.requests, **figures("", timings)}


async def submission_list(args: argparse.Namespace, url: str, db_path: Path) -> dict:
    """On its own database with one member per municipality: each submission tells its
    entrant's members, and those pushes are not what is measured."""
    members = list(range(MEMBERS_FROM, MEMBERS_FROM + 200))
    await seed_registered(db_path, members, True)
    async with signed_in(url, db_path) as (svc, browser, base):
        cid = await seed_submissions(svc, args.submissions)
        await drained(svc)
        timings = await timed(browser, f"{base}/competitions/{cid}", args.requests)
        async with browser.get(f"{base}/competitions/{cid}") as answer:
            rows = (await answer.text()).count('href="/console/submissions/')
    return {"submissions": args.submissions, "rows_shown": rows, **figures("list_", timings)}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        async with emulator_process(flood=False) as (url, _session):
            result = await overview(args, url, Path(tmp) / "overview.sqlite3")
            result |= await submission_list(args, url, Path(tmp) / "list.sqlite3")
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except (RuntimeError, TimeoutError) as exc:
        sys.exit(f"bench/console.py failed: {exc}")
