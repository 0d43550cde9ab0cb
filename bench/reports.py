"""Benchmark: a 20,000-row seminar report built by the real bot while 100 members keep tapping.

Run: .venv/bin/python bench/reports.py [--rows 20000] [--seminars 20] [--users 100]
[--rate 100] [--seconds 15] [--report-after 3] [--switch-interval S]

The emulator runs in its own process (bench.common, no flood limits), the tapping members in
another (bench/load.py), and munibot in this one (bot.app.build_application, MUNIBOT_RATE=0),
on a fresh database: the pilot municipalities, --rows approved members, and --seminars seminars
in 2026 with --rows invitations among them (answers, attendance, ratings and comments mixed),
all inserted in SQL as bench.common seeds members.

--users of the members send /status or /help as a Poisson stream of --rate updates a second for
--seconds. After --report-after seconds the admin sends /report for the whole of 2026: the bot
reads every invitation, counts them, writes the XLSX and sends it.

- `xlsx_build_s`: from the /report message to the XLSX in the admin's chat (the read, the
  counts, the spreadsheet and the upload: everything the admin waits for).
- `rows`: the data rows of the file's Participants sheet, read back after the run.
- `max_loop_stall_ms`: the longest the bot's event loop was late, measured in this process by a
  task that sleeps 5 ms in a loop, over the whole tapping phase; `report_stall_ms` is the same
  over the report alone, `stall_without_report_ms` over the rest of the phase.
- `p99_reply_ms`, `p50_reply_ms`: the members' replies, POST to reply seen, over the whole
  tapping phase (the report runs inside it).

The report is built in worker threads, so what the event loop feels is the GIL: each time its
thread gives the GIL up (every socket call, every database read) it waits up to the switch
interval to get it back from the builder. The bot sets that interval (bot.app); --switch-interval
tries another one after the bot has started, and `switch_interval_ms` says which one ran.

Targets (issue 20): 20,000 rows in under 10 s, the longest loop stall under 100 ms. Progress
goes to stderr; the last line on stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import load_workbook  # noqa: E402

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
from bot.db import open_database  # noqa: E402
from bot.emulator.client import Phone  # noqa: E402
from bot.i18n import compile_catalogs, translator  # noqa: E402

MEMBERS_FROM = 300_000
TICK_S = 0.005
ANSWERS = ("going", "going", "waitlist", "declined", "invited")
AUDIENCE = json.dumps({"kind": "all", "values": []})


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


class StallMonitor:
    """Sleeps TICK_S in a loop and records how late each wake-up was: the event loop's stalls,
    as every reply in the bot's process feels them."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, float]] = []
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            began = time.perf_counter()
            await asyncio.sleep(TICK_S)
            now = time.perf_counter()
            self.samples.append((now, now - began - TICK_S))

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)

    def longest_ms(self, since: float, until: float) -> float:
        late = [x for at, x in self.samples if since <= at <= until]
        return max(late, default=0.0) * 1000


async def invite(db_path: Path, rows: int, seminars: int, each: int = 1) -> None:
    """--seminars seminars spread over 2026 and `each` invitations per member, shared out among them
    (a member's are to different seminars)."""
    db = await open_database(db_path)
    try:
        now = "2026-01-01T00:00:00+00:00"
        plan = []
        for n in range(seminars):
            starts = datetime(2026, 3, 2, 4, tzinfo=UTC) + timedelta(days=300 * n // seminars)
            ends, code = starts + timedelta(hours=6), f"{100000 + n}"
            plan.append((f"Семинар {n}", f"Семинар {n}", starts.isoformat(), ends.isoformat(),
                         "Bishkek", "Chui Ave 10", AUDIENCE, 5000, starts.isoformat(), "Bench",
                         code, now, now))  # fmt: skip
        await db.executemany(
            "INSERT INTO seminars (title_ky, title_ru, starts_at, ends_at, city, address,"
            " audience, capacity, rsvp_deadline, organiser, checkin_code, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            plan,
        )
        ids = [r[0] for r in await db.fetchall("SELECT id FROM seminars ORDER BY id")]
        users = await db.fetchall(
            "SELECT id FROM users WHERE telegram_id >= ? ORDER BY id LIMIT ?", (MEMBERS_FROM, rows)
        )
        await db.executemany(
            "INSERT INTO seminar_invitations (seminar_id, user_id, status, invited_at,"
            " attended_at, attended_via, rating, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                _invitation(n, ids[(n + k * 7) % len(ids)], u[0], now)
                for k in range(each)
                for n, u in enumerate(users)
            ],
        )
    finally:
        await db.close()


def _invitation(n: int, seminar_id: int, user_id: int, now: str) -> tuple:
    status = ANSWERS[n % len(ANSWERS)]
    came = status == "going" and n % 3 != 0
    comment = f"Полезный семинар, спасибо #{n}" if came and n % 4 == 0 else None
    return (seminar_id, user_id, status, now, now if came else None, "code" if came else None,
            (n % 5) + 1 if came else None, comment)  # fmt: skip


def plays() -> list[list[dict]]:
    """User i was seeded in ("ky", "ru")[id % 2] and ids start even: /status and /help in turn."""
    compile_catalogs()
    status = [[{"send": "/status", "expect": translator(lang)._("My status")}]
              for lang in ("ky", "ru")]  # fmt: skip
    return [*status, [{"send": "/help", "expect": None}], [{"send": "/help", "expect": None}]]


async def report(url: str, limit_s: float) -> tuple[float, bytes, int]:
    """The admin's /report for 2026; the seconds until the XLSX is in the chat (the summary
    and the charts come before it), the file, and how many charts came."""
    async with Phone(url, ADMIN_ID, language_code="ru") as admin:
        began = time.perf_counter()
        await admin.send("/report 01.01.2026 31.12.2026")
        state = await admin.wait_state(lambda s: any(map(_xlsx, s["messages"])), limit_s)
        elapsed = time.perf_counter() - began
        document = next(d for d in map(_xlsx, state["messages"]) if d)
        charts = sum(1 for m in state["messages"] if m.get("photo"))
        return elapsed, await admin.download(document["file_id"]), charts


def _xlsx(message: dict) -> dict | None:
    document = message.get("document") or {}
    return document if str(document.get("file_name", "")).endswith(".xlsx") else None


def count_rows(data: bytes) -> int:
    """The data rows of the Participants sheet, the file's last."""
    book = load_workbook(io.BytesIO(data), read_only=True)
    return sum(1 for _ in book.worksheets[-1].iter_rows(values_only=True)) - 1


async def run(args: argparse.Namespace, url: str, session, db_path: Path) -> dict:
    members = list(range(MEMBERS_FROM, MEMBERS_FROM + args.rows))
    await seed_registered(db_path, members, spread=True)
    await invite(db_path, args.rows, args.seminars, args.each)
    tappers = members[: args.users]
    await open_chats(url, session, [ADMIN_ID, *tappers])
    await drop_pending(url, session)
    print(f"seeded {args.rows} members and invitations", file=sys.stderr, flush=True)
    config = load_config(
        {"BOT_TOKEN": TOKEN, "MUNIBOT_DB": str(db_path), "MUNIBOT_ADMINS": str(ADMIN_ID),
         "MUNIBOT_API_BASE": f"{url}/bot", "MUNIBOT_RATE": "0",
         "MUNIBOT_MEDIA_DIR": str(db_path.parent / "media")}
    )  # fmt: skip
    app = build_application(config)
    await start(app)
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)
    monitor = StallMonitor()
    try:
        monitor.start()
        job = drive.job(url, tappers, plays(), args, rate=args.rate, seconds=args.seconds)
        began = time.perf_counter()
        load = asyncio.create_task(drive.run_load(job))
        await asyncio.sleep(args.report_after)
        report_began = time.perf_counter()
        build_s, data, charts = await report(url, args.seconds * 4)
        report_ended = time.perf_counter()
        print(f"report in the chat after {build_s:.2f}s", file=sys.stderr, flush=True)
        taps = await load
        ended = time.perf_counter()
    finally:
        await monitor.stop()
        await stop(app)
    latencies = taps["latencies_ms"]
    return {
        "rows": await asyncio.to_thread(count_rows, data),
        "seminars": args.seminars,
        "invitations": args.rows * args.each,
        "charts": charts,
        "xlsx_build_s": round(build_s, 2),
        "max_loop_stall_ms": round(monitor.longest_ms(began, ended), 1),
        "p99_reply_ms": round(percentile(latencies, 0.99), 1),
        "p50_reply_ms": round(percentile(latencies, 0.50), 1),
        "report_stall_ms": round(monitor.longest_ms(report_began, report_ended), 1),
        "stall_without_report_ms": round(
            max(monitor.longest_ms(began, report_began), monitor.longest_ms(report_ended, ended)), 1
        ),  # fmt: skip
        "replies": len(latencies),
        "switch_interval_ms": round(sys.getswitchinterval() * 1000, 3),
        "users": args.users,
        "rate": args.rate,
    }


async def main(doc: str | None = None, **defaults: int) -> None:
    """`doc` and `defaults`: another benchmark's, that runs this one with other sizes."""
    parser = argparse.ArgumentParser(description=doc or __doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seminars", type=int, default=20)
    parser.add_argument("--each", type=int, default=1, help="invitations per member")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--report-after", type=float, default=3.0)
    parser.add_argument("--step-timeout", type=float, default=30.0)
    parser.add_argument("--switch-interval", type=float, help="seconds; default: the bot's own")
    parser.set_defaults(**defaults)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        async with emulator_process(flood=False) as (url, session):
            result = await run(args, url, session, Path(tmp) / "bench.sqlite3")
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except (RuntimeError, TimeoutError) as exc:
        sys.exit(f"bench/reports.py failed: {exc}")
