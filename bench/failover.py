"""Benchmark: an active and a standby bot on one PostgreSQL database, the active one killed with
SIGKILL in the middle of a broadcast to 2,000 members, Telegram's flood limits on.

Run: scripts/with-postgres bash -c '.venv/bin/python bench/failover.py --db "$MUNIBOT_TEST_PG"'
     [--recipients 2000] [--kill-at 0.4]

Two real `python -m bot run` processes against the emulator. The broadcast is queued before
either starts; the first to take the advisory lock sends it; when `--kill-at` of it has gone
out, that process is killed and the standby takes over, sends the rest, and, once the dead
process's leases run out (30 s), the rows it had in flight. Prints one JSON object as its last
line: recipients, delivered, lost, duplicates, in_flight_at_kill and takeover_s (the kill to
the next message sent), plus active_after_s (the kill to the standby's /healthz saying active).
Targets: 0 lost, duplicates <= in_flight_at_kill, takeover under 10 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    ADMIN_ID,
    ROOT,
    TOKEN,
    bench_database,
    emulator_process,
    free_port,
    received,
    seed_members,
    server_url,
)  # fmt: skip
from bot.clock import Clock  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.db import Database, open_database  # noqa: E402
from bot.sandbox.scripts import queue_broadcast  # noqa: E402
from bot.wiring import Services  # noqa: E402

TEXT = "Failover bench: семинар 5-декабрда"
KILL_JITTER_S = 1.0
"""The sent count moves when outcomes are written (16 at a time), so a kill right when it
passes --kill-at would always find none sent but unwritten, the rows that can go twice; the
kill comes up to a second later instead, at a moment unrelated to the writes."""
LIMIT_S = 600


async def prepare(db_url: str, url: str, session, ids: list[int]) -> None:
    await seed_members(db_url, url, session, ids)
    db = await open_database(db_url)
    try:
        config = load_config({"MUNIBOT_DB": db_url, "MUNIBOT_ADMINS": str(ADMIN_ID)})
        await queue_broadcast(Services.build(config, db, Clock()), ADMIN_ID, TEXT)
    finally:
        await db.close()


def launch(env: dict[str, str], port: int, log: Path):
    return asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT,
        env={**env, "MUNIBOT_CONSOLE_URL": f"http://127.0.0.1:{port}",
             "MUNIBOT_CONSOLE_PORT": str(port)},
        stdout=asyncio.subprocess.DEVNULL, stderr=log.open("wb"),
    )  # fmt: skip


async def health(session: aiohttp.ClientSession, port: int) -> str:
    try:
        async with session.get(f"http://127.0.0.1:{port}/healthz") as resp:
            return str((await resp.json())["status"])
    except (aiohttp.ClientError, ValueError):
        return "none"


async def counts(db: Database) -> dict[str, int]:
    rows = await db.fetchall("SELECT status, COUNT(*) FROM outbox GROUP BY status")
    return {r[0]: r[1] for r in rows}


async def until(check, what: str, limit_s: float = LIMIT_S, every: float = 0.1) -> float:
    """Seconds until `check()` is true; bounded."""
    began = time.monotonic()
    while not await check():
        if time.monotonic() - began > limit_s:
            raise SystemExit(f"failover bench: {what} did not happen within {limit_s:.0f} s")
        await asyncio.sleep(every)
    return time.monotonic() - began


async def one_run(args: argparse.Namespace, workdir: Path) -> dict:
    ids = list(range(200_000, 200_000 + args.recipients))
    async with (
        emulator_process(flood=True) as (url, session),
        bench_database(args.db, workdir, "failover") as db_url,
    ):
        await prepare(db_url, url, session, ids)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "MUNIBOT_"))}
        env.update(BOT_TOKEN=TOKEN, MUNIBOT_DB=db_url, MUNIBOT_ADMINS=str(ADMIN_ID),
                   MUNIBOT_API_BASE=f"{url}/bot", MUNIBOT_QUIET_HOURS="off")  # fmt: skip
        ports = [free_port(), free_port()]
        procs = [await launch(env, ports[0], workdir / "first.log")]
        watch = await open_database(db_url)
        try:
            await until(lambda: _is(session, ports[0], "active"), "the first bot's start")
            procs.append(await launch(env, ports[1], workdir / "second.log"))
            await until(lambda: _is(session, ports[1], "standby"), "the standby's start")
            kill_at = int(args.recipients * args.kill_at)
            await until(lambda: _sent_at_least(watch, kill_at), "the first part", every=0.02)
            await asyncio.sleep(random.Random(args.seed).uniform(0, KILL_JITTER_S))
            figures = await kill_and_take_over(procs[0], watch, session, ports[1])
            await until(lambda: _settled(watch), "the rest of the broadcast")
            copies = await received(url, session, ids, TEXT)
        finally:
            await watch.close()
            for proc in procs:
                if proc.returncode is None:
                    proc.send_signal(signal.SIGTERM)
                    await proc.wait()
    return {
        "engine": "postgresql",
        "recipients": args.recipients,
        "delivered": sum(1 for c in copies if c >= 1),
        "lost": sum(1 for c in copies if c == 0),
        "duplicates": sum(c - 1 for c in copies if c > 1),
        **figures,
    }


async def kill_and_take_over(
    active: asyncio.subprocess.Process, watch: Database, session: aiohttp.ClientSession,
    standby_port: int,
) -> dict:  # fmt: skip
    """Rows still 'sending' when the active process died are the ones it had in flight (sent
    or not, its outcomes unwritten): the only ones that may go twice."""
    active.send_signal(signal.SIGKILL)
    await active.wait()
    before = await counts(watch)
    sent_then = before.get("sent", 0)
    to_active, to_send = await asyncio.gather(
        until(lambda: _is(session, standby_port, "active"), "the standby's takeover"),
        until(lambda: _sent_at_least(watch, sent_then + 1), "a send after the kill", every=0.02),
    )
    return {
        "in_flight_at_kill": before.get("sending", 0),
        "sent_before_kill": sent_then,
        "takeover_s": round(to_send, 2),
        "active_after_s": round(to_active, 2),
    }


async def _is(session: aiohttp.ClientSession, port: int, state: str) -> bool:
    return await health(session, port) == state


async def _sent_at_least(db: Database, n: int) -> bool:
    return (await counts(db)).get("sent", 0) >= n


async def _settled(db: Database) -> bool:
    found = await counts(db)
    return not found.get("pending") and not found.get("sending")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=server_url, required=True, help="a PostgreSQL server URL")
    parser.add_argument("--recipients", type=int, default=2000)
    parser.add_argument("--kill-at", type=float, default=0.4, help="share sent before the kill")
    parser.add_argument("--seed", type=int, default=1, help="for the kill's jitter")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = asyncio.run(one_run(args, Path(tmp)))
    ok = result["lost"] == 0 and result["duplicates"] <= result["in_flight_at_kill"]
    result["targets_met"] = ok and result["takeover_s"] < 10
    print(json.dumps(result))


if __name__ == "__main__":
    main()
