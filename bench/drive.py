"""Runs bench/load.py in its own process and measures what the bot spent meanwhile."""

from __future__ import annotations

import asyncio
import json
import sys
import time

from bench.common import ROOT, cpu_seconds, machine_busy_s, own_cpu_s


def job(url: str, users: list[int], plays: list[list[dict]], args, **paced) -> dict:
    """A closed-loop job, or with `rate` and `seconds` a paced one, for bench/load.py."""
    steps = max(len(p) for p in plays)
    total = args.step_timeout * steps + (paced.get("seconds") or 0) + 30
    return {
        "url": url, "mode": "paced" if paced else "closed", "users": users, "scripts": plays,
        "step_timeout": args.step_timeout, "total_timeout": total, "seed": 1, **paced,
    }  # fmt: skip


async def run_load(job: dict) -> dict:
    """bench/load.py in its own process; its errors end the benchmark with their message."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bench" / "load.py"), cwd=ROOT,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        out, _ = await asyncio.wait_for(
            proc.communicate(json.dumps(job).encode()), job["total_timeout"] + 30
        )
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise RuntimeError("the load process did not finish") from None
    lines = out.decode().strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"the load process failed (exit {proc.returncode})")
    result = json.loads(lines[-1])
    if result["errors"]:
        raise RuntimeError("load: " + "; ".join(result["errors"][:3]))
    return result


async def measured(label: str, url: str, users, plays, args, pid="self", **paced) -> dict:
    """One load run, with the CPU time the bot (process and event-loop thread) spent on it."""
    cpu, loop_cpu = cpu_seconds(pid), cpu_seconds(pid, main_thread=True)
    busy, own, began = machine_busy_s(), own_cpu_s(), time.perf_counter()
    result = await run_load(job(url, users, plays, args, **paced))
    result["cpu_s"] = cpu_seconds(pid) - cpu
    loop_cpu = cpu_seconds(pid, main_thread=True) - loop_cpu
    wall = time.perf_counter() - began
    busy = (machine_busy_s() - busy) / wall
    result["foreign_cores"] = busy - (own_cpu_s() - own) / wall
    updates, elapsed = result["updates"], result["elapsed_s"]
    print(
        f"{label}: {updates} updates in {elapsed:.1f}s = {updates / elapsed:.0f}/s,"
        f" skipped {result['skipped']}; bot CPU {result['cpu_s'] * 1000 / updates:.2f} ms"
        f" per update, {loop_cpu * 1000 / updates:.2f} ms of it in the event loop's thread;"
        f" machine {busy:.2f} cores busy, {result['foreign_cores']:.2f} of them not ours",
        file=sys.stderr, flush=True,
    )  # fmt: skip
    return result
