"""The baseline's part of bench/updates.py: the echo bot under the same load as munibot."""

from __future__ import annotations

import asyncio
import sys

from bench import scripts
from bench.common import ROOT, drop_pending, peak_rss_mb
from bench.drive import measured

ECHO_USERS = 200_000


async def run_baseline(
    args, url: str, session, count: int, run: int, offered: float | None = None
) -> dict:
    """`count` text updates per user in a closed loop, then (given `offered`) the paced phase
    at that rate; each `run` has its own users, as the echo bot starts afresh."""
    await drop_pending(url, session)
    first = ECHO_USERS + run * args.users
    users = list(range(first, first + args.users))
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bench" / "echo_bot.py"), f"{url}/bot", cwd=ROOT,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        line = await asyncio.wait_for(proc.stdout.readline(), 30)
        if line.strip() != b"ready":
            raise RuntimeError("the echo bot did not start")
        closed = await measured(f"echo bot, run {run + 1}", url, users, scripts.echo(count), args,
                                proc.pid)  # fmt: skip
        paced = None
        if offered is not None:
            paced = await measured(
                f"echo bot paced at {offered:.0f}/s", url, users, scripts.echo(1), args, proc.pid,
                rate=offered, seconds=args.paced_seconds,
            )  # fmt: skip
        rss = peak_rss_mb(proc.pid)
    finally:
        proc.stdin.close()
        try:
            await asyncio.wait_for(proc.wait(), 20)
        except TimeoutError:
            proc.kill()
            await proc.wait()
    return {
        "closed": closed, "paced": paced, "rss_mb": rss,
        "cpu_ms_per_update": closed["cpu_s"] * 1000 / closed["updates"],
    }  # fmt: skip
