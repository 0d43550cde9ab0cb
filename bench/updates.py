"""Benchmark: updates per second, latency and memory of the real munibot under many users.

Run: .venv/bin/python bench/updates.py [--users 500] [--registered 10000] [--status-rounds 5]
[--paced-fraction 0.6] [--paced-seconds 10] [--step-timeout 30] [--db postgresql://…]

Three processes share the machine's two cores: the emulator (bench.common, no flood limits), the
simulated users (bench/load.py, started for each phase) and munibot in this one
(bot.app.build_application, MUNIBOT_RATE=0 so our own limiter holds nothing back), on a fresh
database with the pilot municipalities and --registered approved members inserted in bulk:
SQLite in a temporary folder, or with --db a database of its own on that PostgreSQL server,
dropped after (bench.common.bench_database). The server's own CPU, if it runs on this machine,
counts as the bot's share of the two cores, not as foreign load.

Throughput, closed loop: K users at once register (/start, language, contact, region, district,
municipality, position, name, gender, confirm: ten updates each; the bot also pushes each
registration card to the coordinator), are approved through the real approval service, then send
/status --status-rounds times. Each action waits for its own reply (the expected question, from
the real catalogs) before the next. With K users always waiting the bot is saturated, so
`updates_per_s` over both phases is its capacity, and a latency there is mostly queueing
(about K / throughput): that p99 is reported as `saturated_p99_ms`, not as `p99_ms`.

Latency, open loop: /status arrives as a Poisson stream at --paced-fraction of the /status
throughput just measured (`paced_updates_per_s`), spread over the same users, for
--paced-seconds. `p50_ms` and `p99_ms` come from this phase, at a load the bot sustains. A latency
runs from just before a user's POST to the moment a long poll sees the reply.

Baseline: a bare PTB echo bot (bench/echo_bot.py, its own process) on the same emulator, with the
same HTTP transport (bot.http.AiohttpRequest for requests and getUpdates) and the same per-user
concurrent update processor, driven by K other users sending as many text updates in the same
closed loop, once before munibot's phases and once after (`baseline_updates_per_s` is the mean
of `baseline_runs_updates_per_s`), and after that at the same paced rate. So `ratio`
(munibot's updates/s over the echo bot's) measures munibot's own work per update, not the HTTP
client or PTB's dispatching.

`rss_mb` is this process's peak RSS (VmHWM) with the registered members and the K new ones.
`cpu_ms_per_update` is the bot's CPU per closed-loop update. The machine is shared, so
`foreign_cpu_cores` says how much CPU other programs took during the worst phase; above
FOREIGN_WARNING the figures are disturbed. Progress goes to stderr, one JSON object is the last
line on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import scripts  # noqa: E402
from bench.baseline import run_baseline  # noqa: E402
from bench.common import bench_database, emulator_process, engine, server_url  # noqa: E402
from bench.munibot_run import run_munibot  # noqa: E402

FOREIGN_WARNING = 0.25


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def figures(munibot: dict, baselines: tuple[dict, dict], users: int) -> dict:
    """The baseline is the mean of a run before munibot's and one after, so that a slow drift
    in the machine's speed (it is shared) weighs on both sides of the ratio alike."""
    closed = munibot["registration"], munibot["status"]
    updates = sum(r["updates"] for r in closed)
    per_s = updates / sum(r["elapsed_s"] for r in closed)
    runs = [rate(b["closed"]) for b in baselines]
    base_per_s = sum(runs) / len(runs)
    baseline = baselines[1]
    paced = munibot["paced"]["latencies_ms"]
    phases = (*closed, munibot["paced"], *(b["closed"] for b in baselines), baseline["paced"])
    return {
        "users": users,
        "updates": updates,
        "updates_per_s": round(per_s, 1),
        "p50_ms": round(percentile(paced, 0.50), 1),
        "p99_ms": round(percentile(paced, 0.99), 1),
        "baseline_updates_per_s": round(base_per_s, 1),
        "ratio": round(per_s / base_per_s, 2),
        "rss_mb": round(munibot["rss_mb"], 1),
        "registered": munibot["registered"],
        "registration_updates_per_s": rate(munibot["registration"]),
        "status_updates_per_s": rate(munibot["status"]),
        "paced_updates_per_s": round(munibot["offered_per_s"], 1),
        "paced_updates": len(paced),
        "paced_skipped": munibot["paced"]["skipped"],
        "saturated_p99_ms": round(percentile(sum((r["latencies_ms"] for r in closed), []), 0.99)),
        "baseline_runs_updates_per_s": runs,
        "baseline_paced_p99_ms": round(percentile(baseline["paced"]["latencies_ms"], 0.99), 1),
        "cpu_ms_per_update": round(munibot["cpu_ms_per_update"], 2),
        "baseline_cpu_ms_per_update": round(baseline["cpu_ms_per_update"], 2),
        "baseline_rss_mb": round(max(b["rss_mb"] for b in baselines), 1),
        "foreign_cpu_cores": round(max(r["foreign_cores"] for r in phases), 2),
    }


def rate(result: dict) -> float:
    return round(result["updates"] / result["elapsed_s"], 1)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--registered", type=int, default=10_000)
    parser.add_argument("--status-rounds", type=int, default=5)
    parser.add_argument("--paced-fraction", type=float, default=0.6)
    parser.add_argument("--paced-seconds", type=float, default=10.0)
    parser.add_argument("--step-timeout", type=float, default=30.0)
    parser.add_argument(
        "--db", type=server_url, help="a PostgreSQL server URL to run on; default: SQLite"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        async with emulator_process(flood=False) as (url, session):
            rounds = len(scripts.registrations()[0]) + args.status_rounds
            before = await run_baseline(args, url, session, rounds, 0)
            async with bench_database(args.db, Path(tmp), "bench") as db:
                munibot = await run_munibot(args, url, session, db)
            after = await run_baseline(args, url, session, rounds, 1, munibot["offered_per_s"])
    result = {"engine": engine(db), **figures(munibot, (before, after), args.users)}
    if result["foreign_cpu_cores"] > FOREIGN_WARNING:
        print(
            f"warning: other programs used up to {result['foreign_cpu_cores']:.2f} cores during"
            " the run; the figures are disturbed", file=sys.stderr,
        )  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except (RuntimeError, TimeoutError) as exc:
        sys.exit(f"bench/updates.py failed: {exc}")
