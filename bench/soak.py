"""Soak: the real bot, for a bounded time, under every fault Telegram and the host can throw.

Run: .venv/bin/python bench/soak.py [--seconds 300] [--users 300] [--think 20]
[--step-timeout 30] [--drain 60] [--api-timeout 1.0] [--seed 1] [--keep-log FILE]

Three processes: the emulator (bench.common, no flood limits: the faults are what is injected),
the bot (`python -m bot run`, MUNIBOT_API_TIMEOUT=--api-timeout, its log in a temporary
folder) and the users in this one. Before the bot first starts, the database gets the pilot
municipalities, two thirds of --users as approved members, the admin, one seminar, one
competition and three scheduled broadcasts (bench/soak_seed.py). The other third register
through the bot and the admin approves each card that reaches their chat. Every user, for
--seconds, reads /status, answers the invitation, sends a competition entry (bench/soak_users.py),
about once every --think seconds each. Meanwhile (bench/soak_faults.py): 20% of sends answer
502; half of them 429 (retry_after 1, then 2); 30% answer only after 2.5 s, past the bot's read
timeout; the bot is SIGKILLed and restarted twice, each time 1 s after a broadcast fell due;
a tenth of the members block the bot while the third broadcast goes out, then unblock and send
/start; another process holds the database's write lock for 10 s. Then faults stop, the outbox
gets up to --drain seconds to empty, the bot stops with SIGTERM, and the outbox is compared with
the chats (bench/soak_check.py).

Progress goes to stderr; the last line on stdout is one JSON object:

- `users`, `updates` (all the users and the admin sent);
- `pushes_due`, `delivered`, `lost` (due, neither delivered nor legitimately dropped:
  `cancelled` as no longer applying, `blocked_at_end` for chats still blocked);
- `duplicates`, to compare with `in_flight_at_kills` (rows leased when each SIGKILL came)
  plus `maybe_twice_rows` (sends that timed out);
- `unanswered_updates`: no reply within --step-timeout, not counting updates sent from 5 s
  before a kill until 2 s after the bot was back (`unanswered_in_kill_windows`);
  `unanswered_by_phase` says in which phase the rest were sent;
- `wrong_language_replies`: bot messages holding a piece of the other language's catalog;
- `exceptions_in_log`: ERROR records and stray tracebacks in the bot's log;
- `max_loop_stall_ms`: the bot's "longest event-loop stall" (or its stall warnings, for the
  runs ended by SIGKILL), the most over its three runs;
- `p50_ms`, `p99_ms`: reply latency of the answered updates outside the kill windows.
Targets: 0 lost, duplicates <= in_flight_at_kills + maybe_twice_rows, 0 unanswered updates,
0 wrong-language replies, 0 exceptions.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import soak_check, soak_faults  # noqa: E402
from bench.common import ADMIN_ID, drop_pending, emulator_process, open_chats, stats  # noqa: E402
from bench.soak_bot import BotProcess, count, outbox_rows, read_log  # noqa: E402
from bench.soak_faults import Timeline, say  # noqa: E402
from bench.soak_seed import Plan, lang_of, seed  # noqa: E402
from bench.soak_users import Admin, World, people  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.db import utcnow_iso  # noqa: E402

TOKEN = "123456:SOAK-token"
MEMBERS_FROM = 500_000
REGISTRANTS_FROM = 600_000
BOOT_S = 10.0
"""From seeding to the users' start: the bot's first start fits well within it."""
KILL_MARGIN_S = (5.0, 2.0)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def bot_env(args: argparse.Namespace, url: str, tmp: Path) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("MUNIBOT_", "BOT_"))},
        "BOT_TOKEN": TOKEN, "MUNIBOT_API_BASE": f"{url}/bot",
        "MUNIBOT_DB": str(tmp / "soak.sqlite3"), "MUNIBOT_ADMINS": str(ADMIN_ID),
        "MUNIBOT_API_TIMEOUT": str(args.api_timeout), "MUNIBOT_MEDIA_DIR": str(tmp / "media"),
    }  # fmt: skip


async def soak(args: argparse.Namespace, tmp: Path) -> dict:
    members = list(range(MEMBERS_FROM, MEMBERS_FROM + args.users - args.users // 3))
    registrants = list(range(REGISTRANTS_FROM, REGISTRANTS_FROM + args.users // 3))
    async with emulator_process(flood=False) as (url, session):
        await open_chats(url, session, [ADMIN_ID, *members])
        await drop_pending(url, session)
        env = bot_env(args, url, tmp)
        db_path = Path(env["MUNIBOT_DB"])
        plan = Plan(datetime.now(UTC) + timedelta(seconds=BOOT_S), args.seconds)
        seeded = await seed(db_path, load_config(env), members, plan)
        say(f"seeded {len(members)} members and {seeded['rows']} outbox rows")
        bot = BotProcess(env, tmp / "bot.log", db_path)
        try:
            await bot.start()
            return await run(args, url, session, bot, plan, members, registrants)
        finally:
            await bot.kill_quietly()
            await soak_faults.set_faults(url, session)


async def run(args, url, session, bot: BotProcess, plan: Plan, members, registrants) -> dict:
    loop = asyncio.get_running_loop()
    t0 = loop.time() + (plan.t0 - datetime.now(UTC)).total_seconds()
    line = Timeline(t0, args.seconds)
    world = World(url, session, line.at(1.0), args.step_timeout, args.think,
                  line.at(soak_faults.BLOCK_AT), line.at(soak_faults.UNBLOCK_AT))  # fmt: skip
    await asyncio.sleep(max(0.0, t0 - loop.time()))
    blockers = set(members[::10])
    crowd = people(world, members, registrants, blockers)
    admin = Admin(world, ADMIN_ID, "ru")

    async def live(person) -> None:
        await asyncio.sleep(person.rng.uniform(0, min(15.0, args.seconds / 10)))
        await person.live()

    faults = asyncio.create_task(soak_faults.run(url, session, bot, line, args.seed, 10.0))
    approving = asyncio.create_task(admin.live())
    watching = asyncio.create_task(progress(world, t0))
    try:
        limit = args.seconds + 3 * args.step_timeout + 60
        await asyncio.wait_for(asyncio.gather(*(live(p) for p in crowd)), limit)
        await asyncio.wait_for(faults, 60)
    finally:
        world.done.set()
        for task in (faults, watching):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError, TimeoutError):
            await asyncio.wait_for(approving, args.step_timeout + 5)
    await soak_faults.set_faults(url, session)
    await drain(bot, args.drain)
    emulator = await stats(url, session)
    await bot.stop()
    end_iso = utcnow_iso(datetime.now(UTC))
    langs = {uid: lang_of(uid) for uid in [*members, *registrants]} | {ADMIN_ID: "ru"}
    found = await soak_check.chats(url, session, list(langs))
    return figures(args, bot, line, world, found, langs, end_iso, emulator)


async def drain(bot: BotProcess, limit_s: float) -> None:
    """Until nothing due is pending or leased, or `limit_s` passes: what is left then is lost."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit_s
    while loop.time() < deadline:
        now = utcnow_iso(datetime.now(UTC))
        where = f"status = 'sending' OR (status = 'pending' AND not_before <= '{now}')"
        left = await asyncio.to_thread(count, bot.db_path, where)
        if left == 0:
            say("outbox drained")
            return
        await asyncio.sleep(1.0)
    say(f"outbox not drained after {limit_s:.0f}s")


async def progress(world: World, t0: float) -> None:
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(15)
        answered = sum(1 for s in world.sent if s.latency_ms is not None)
        say(f"{loop.time() - t0:6.1f}s: {len(world.sent)} updates, {answered} answered, "
            f"{dict(sorted(world.counts.items()))}")  # fmt: skip


def figures(args, bot: BotProcess, line: Timeline, world: World, found, langs, end_iso, emulator):
    windows = [(k.at - KILL_MARGIN_S[0], k.ready + KILL_MARGIN_S[1]) for k in bot.kills]
    inside = [any(a <= s.at <= b for a, b in windows) for s in world.sent]
    outside = [s for s, hit in zip(world.sent, inside, strict=True) if not hit]
    unanswered = [s for s in outside if s.latency_ms is None]
    latencies = [s.latency_ms for s in outside if s.latency_ms is not None]
    outcome = soak_check.deliveries(outbox_rows(bot.db_path), found, end_iso)
    wrong, samples = soak_check.wrong_language(found, langs)
    log = read_log(bot.log_path)
    missed = [f"unanswered: user {s.uid} {s.kind} at {s.at - line.t0:.1f}s ({line.phase_of(s.at)})"
              for s in unanswered[:20]]  # fmt: skip
    for text in [*missed, *outcome.lost_kinds, *samples, *log.samples]:
        say(f"  {text}")
    return {
        "users": args.users,
        "updates": len(world.sent),
        "pushes_due": outcome.due,
        "delivered": outcome.delivered,
        "lost": outcome.lost,
        "duplicates": outcome.duplicates,
        "in_flight_at_kills": sum(k.in_flight for k in bot.kills),
        "maybe_twice_rows": outcome.maybe_twice,
        "unanswered_updates": len(unanswered),
        "unanswered_in_kill_windows": sum(
            s.latency_ms is None for s, hit in zip(world.sent, inside, strict=True) if hit
        ),
        "unanswered_by_phase": dict(Counter(line.phase_of(s.at) for s in unanswered)),
        "unanswered_by_kind": dict(Counter(s.kind for s in unanswered)),
        "wrong_language_replies": wrong + sum(s.wrong_language for s in world.sent),
        "exceptions_in_log": log.exceptions,
        "max_loop_stall_ms": log.longest_stall_ms,
        "stall_warnings": log.stall_warnings,
        "p50_ms": round(percentile(latencies, 0.5), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "apologies": sum(s.apology for s in world.sent),
        "cancelled": outcome.cancelled,
        "blocked_at_end": outcome.blocked,
        "kills": len(bot.kills),
        "lock_wait_s": None if line.lock_wait_s is None else round(line.lock_wait_s, 2),
        "emulator_5xx": emulator["http_5xx"],
        "emulator_429": emulator["http_429"],
        **dict(sorted(world.counts.items())),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--think", type=float, default=20.0)
    parser.add_argument("--step-timeout", type=float, default=30.0)
    parser.add_argument("--drain", type=float, default=60.0)
    parser.add_argument("--api-timeout", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep-log", type=Path, help="copy the bot's log here afterwards")
    args = parser.parse_args()
    if args.api_timeout >= soak_faults.SLOW_S:
        parser.error(f"--api-timeout must be under the slow answers' {soak_faults.SLOW_S} s")
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        try:
            result = await soak(args, Path(tmp))
        finally:
            if args.keep_log and (Path(tmp) / "bot.log").exists():
                shutil.copy(Path(tmp) / "bot.log", args.keep_log)
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except (RuntimeError, TimeoutError) as exc:
        sys.exit(f"bench/soak.py failed: {exc}")
