"""Benchmark: a poll answered by 10,000 members, its results asked for in the chat while 100
other members keep tapping.

Run: .venv/bin/python bench/polls.py [--members 10000] [--anonymous] [--users 100]
[--rate 100] [--seconds 12] [--results-after 3]

The same harness as bench/reports.py: the emulator and the tapping members in processes of
their own, munibot in this one (MUNIBOT_RATE=0), a fresh database seeded in SQL: the pilot
municipalities, --members approved members spread over them, one named (or --anonymous) poll of
one question with three options sent to all of them, and every member's answer with their
region, district, position and gender, as the bot stores an answer. After --results-after
seconds the admin opens the poll's card, then asks for the chart and the spreadsheet.

- `card_s`: from the tap to the card with its counts by group; `chart_s`, `xlsx_s`: from the tap
  to the PNG charts / the XLSX in the chat.
- `max_loop_stall_ms`: the longest the event loop was late over the whole tapping phase;
  `results_stall_ms` over the card, chart and spreadsheet alone; `p99_reply_ms` and
  `p50_reply_ms`: the tapping members' replies.

Target (issue 23): the results computed without stalling other users, the same target as the
reports (issue 14): the longest loop stall under 100 ms. The last line on stdout is one JSON
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

from bench import drive  # noqa: E402
from bench.common import (  # noqa: E402
    ADMIN_ID,
    TOKEN,
    drop_pending,
    emulator_process,
    open_chats,
    seed_registered,  # noqa: E402
)
from bench.reports import MEMBERS_FROM, StallMonitor, percentile, plays  # noqa: E402
from bot.app import build_application, start, stop  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.db import open_database  # noqa: E402
from bot.emulator.client import Phone  # noqa: E402
from bot.polls import repo  # noqa: E402
from bot.polls.callbacks import PollCb  # noqa: E402

OPTIONS = ({"ky": "9-декабрь", "ru": "9 декабря"}, {"ky": "10-декабрь", "ru": "10 декабря"},
           {"ky": "11-декабрь", "ru": "11 декабря"})  # fmt: skip
NOW = "2026-11-20T06:00:00+00:00"


async def seed_poll(db_path: Path, members: list[int], anonymous: bool) -> int:
    """The poll and every member's answer, written as the answer service writes them."""
    db = await open_database(db_path)
    try:
        question = repo.Question(0, "Кайсы күн ыңгайлуу?", "Какой день удобен?", "one", OPTIONS)
        values = {"programme_id": None, "author_id": 1, "anonymous": anonymous,
                  "audience": {"kind": "all", "values": []}, "total": len(members),
                  "sent_at": NOW, "closes_at": "2027-01-01T12:00:00+00:00",
                  "remind_at": None}  # fmt: skip
        poll_id = await repo.create(db, values, [question])
        await repo.add_recipients(db, poll_id, members)
        await db.execute("UPDATE poll_recipients SET answered = 1 WHERE poll_id = ?", (poll_id,))
        rows = await db.fetchall(
            "SELECT u.id, r.id, d.id, u.position, u.gender FROM users u"
            " JOIN municipalities m ON m.id = u.municipality_id"
            " JOIN districts d ON d.id = m.district_id JOIN regions r ON r.id = d.region_id"
            " WHERE u.telegram_id >= ?",
            (MEMBERS_FROM,),
        )
        if anonymous:
            await db.executemany(
                "INSERT INTO poll_tallies (poll_id, question, choice, region_id, district_id,"
                " position, gender) VALUES (?, 0, ?, ?, ?, ?, ?)",
                [(poll_id, n % 3, r[1], r[2], r[3], r[4]) for n, r in enumerate(rows)],
            )
        else:
            await db.executemany(
                "INSERT INTO poll_answers (poll_id, question, user_id, choice, region_id,"
                " district_id, position, gender, answered_at) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)",
                [(poll_id, r[0], n % 3, r[1], r[2], r[3], r[4], NOW) for n, r in enumerate(rows)],
            )
        return poll_id
    finally:
        await db.close()


async def results(url: str, poll_id: int, limit_s: float) -> dict[str, float]:
    """The card, then the chart, then the spreadsheet, each timed from the tap to the chat."""
    timings: dict[str, float] = {}
    async with Phone(url, ADMIN_ID, language_code="ru") as admin:
        await admin.send("/polls")
        await admin.wait_state(lambda s: bool(s["messages"]), limit_s)
        for action, done in (("card", _card), ("chart", _photo), ("xlsx", _xlsx)):
            state = await admin.state()
            message = state["messages"][-1]["message_id"]
            began = time.perf_counter()
            await admin.press(message_id=message, callback_data=PollCb(poll_id, action).pack())
            await admin.wait_state(lambda s, d=done: any(map(d, s["messages"])), limit_s)
            timings[action] = time.perf_counter() - began
    return timings


def _card(message: dict) -> bool:
    return "Answered" in (message.get("text") or "") or "Ответили" in (message.get("text") or "")


def _photo(message: dict) -> bool:
    return bool(message.get("photo"))


def _xlsx(message: dict) -> bool:
    return (message.get("document") or {}).get("file_name", "").endswith(".xlsx")


async def run(args: argparse.Namespace, url: str, session, db_path: Path) -> dict:
    members = list(range(MEMBERS_FROM, MEMBERS_FROM + args.members))
    await seed_registered(db_path, members, spread=True)
    poll_id = await seed_poll(db_path, members, args.anonymous)
    tappers = members[: args.users]
    await open_chats(url, session, [ADMIN_ID, *tappers])
    await drop_pending(url, session)
    print(f"seeded {args.members} members and answers", file=sys.stderr, flush=True)
    config = load_config(
        {"BOT_TOKEN": TOKEN, "MUNIBOT_DB": str(db_path), "MUNIBOT_ADMINS": str(ADMIN_ID),
         "MUNIBOT_API_BASE": f"{url}/bot", "MUNIBOT_RATE": "0",
         "MUNIBOT_MEDIA_DIR": str(db_path.parent / "media")}
    )  # fmt: skip
    app = build_application(config)
    await start(app)
    monitor = StallMonitor()
    try:
        monitor.start()
        job = drive.job(url, tappers, plays(), args, rate=args.rate, seconds=args.seconds)
        began = time.perf_counter()
        load = asyncio.create_task(drive.run_load(job))
        await asyncio.sleep(args.results_after)
        asked = time.perf_counter()
        timings = await results(url, poll_id, args.seconds * 4)
        answered = time.perf_counter()
        taps = await load
        ended = time.perf_counter()
    finally:
        await monitor.stop()
        await stop(app)
    latencies = taps["latencies_ms"]
    return {
        "members": args.members,
        "anonymous": args.anonymous,
        "card_s": round(timings["card"], 2),
        "chart_s": round(timings["chart"], 2),
        "xlsx_s": round(timings["xlsx"], 2),
        "max_loop_stall_ms": round(monitor.longest_ms(began, ended), 1),
        "results_stall_ms": round(monitor.longest_ms(asked, answered), 1),
        "p99_reply_ms": round(percentile(latencies, 0.99), 1),
        "p50_reply_ms": round(percentile(latencies, 0.50), 1),
        "replies": len(latencies),
        "users": args.users,
        "rate": args.rate,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--anonymous", action="store_true")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=12.0)
    parser.add_argument("--results-after", type=float, default=3.0)
    parser.add_argument("--step-timeout", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        async with emulator_process(flood=False) as (url, session):
            result = await run(args, url, session, Path(tmp) / "bench.sqlite3")
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except (RuntimeError, TimeoutError) as exc:
        sys.exit(f"bench/polls.py failed: {exc}")
