"""munibot's part of bench/updates.py: seeding, registration, approval, /status, pacing."""

from __future__ import annotations

import asyncio
import sys
import time

from bench import drive, scripts
from bench.common import (
    ADMIN_ID,
    TOKEN,
    drop_pending,
    open_chats,
    peak_rss_mb,
    seed_registered,
    server_cpu_s,
)
from bot.app import build_application, start, stop
from bot.config import load_config
from bot.core import users as users_repo

NEW_USERS = 100_000
REGISTERED = 1_000_000


async def run_munibot(args, url: str, session, db: str) -> dict:
    """`db` is the MUNIBOT_DB value: a SQLite path or a PostgreSQL database's URL."""
    registered = list(range(REGISTERED, REGISTERED + args.registered))
    await seed_registered(db, registered, spread=True)
    await open_chats(url, session, [ADMIN_ID])
    await drop_pending(url, session)
    config = load_config(
        {"BOT_TOKEN": TOKEN, "MUNIBOT_DB": db, "MUNIBOT_ADMINS": str(ADMIN_ID),
         "MUNIBOT_API_BASE": f"{url}/bot", "MUNIBOT_RATE": "0"}
    )  # fmt: skip
    app = build_application(config)
    await start(app)
    try:
        result = await phases(args, url, app)
        result["rss_mb"] = peak_rss_mb()
    finally:
        await stop(app)
    result["registered"] = args.registered
    return result


async def phases(args, url: str, app) -> dict:
    users = list(range(NEW_USERS, NEW_USERS + args.users))
    svc = app.bot_data["services"]
    registration = await server_measured(
        "munibot registration", url, users, scripts.registrations(), args
    )
    await approve(svc, users)
    await drained(svc, limit_s=60 + args.users / 10)
    plays = scripts.status(args.status_rounds)
    status = await server_measured("munibot /status", url, users, plays, args)
    offered = args.paced_fraction * status["updates"] / status["elapsed_s"]
    paced = await drive.measured(
        f"munibot paced at {offered:.0f}/s", url, users, scripts.status(1), args,
        rate=offered, seconds=args.paced_seconds,
    )  # fmt: skip
    closed = (registration, status)
    return {
        "registration": registration, "status": status, "paced": paced, "offered_per_s": offered,
        "cpu_ms_per_update": sum(r["cpu_s"] for r in closed) * 1000
        / sum(r["updates"] for r in closed),
    }  # fmt: skip


async def server_measured(label: str, url: str, users, plays, args) -> dict:
    """drive.measured, and on a local PostgreSQL server the CPU it spent meanwhile, on stderr
    only: the bot's `cpu_s` leaves out the SQL work that SQLite would do in its process."""
    before = server_cpu_s()
    result = await drive.measured(label, url, users, plays, args)
    if spent := server_cpu_s() - before:
        per_update = spent * 1000 / result["updates"]
        print(f"{label}: server CPU {per_update:.2f} ms per update", file=sys.stderr, flush=True)
    return result


async def approve(svc, tids: list[int]) -> None:
    """The coordinator's decision, through the same service the Approve button calls."""
    for tid in tids:
        user = await users_repo.by_telegram_id(svc.db, tid)
        if user is None or user.status != "pending":
            raise RuntimeError(f"user {tid} did not finish registering")
        await svc.approvals.decide(ADMIN_ID, user.id, user.submissions, True)


async def drained(svc, limit_s: float) -> None:
    """Until every push (approval cards, welcome notices) has been sent, so /status replies
    are not confused with a late push."""
    began = time.perf_counter()
    sql = "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')"
    while time.perf_counter() - began < limit_s:
        if (await svc.db.fetchone(sql))[0] == 0:
            return
        await asyncio.sleep(0.05)
    raise TimeoutError(f"outbox not drained after {limit_s:.0f}s")
