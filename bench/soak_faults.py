"""What goes wrong during bench/soak.py, and when, as fractions of the run: a 5xx storm, a 429
storm, answers slower than the bot's read timeout, two SIGKILLs each a second after a
broadcast falls due (so rows are in flight), a wave of members blocking the bot while the
third broadcast goes out, and another process holding the database's write lock.

The phases are recorded with their start times, so that each update can be counted against
the phase it was sent in.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import aiohttp

from bench.soak_bot import BotProcess, hold_lock
from bench.soak_seed import BROADCASTS

BLOCK_AT = 0.68
UNBLOCK_AT = 0.76
KILL_AFTER_BROADCAST_S = 1.0
LOCK_AT = 0.84
SLOW_S = 2.5


@dataclass
class Timeline:
    t0: float
    seconds: float
    phases: list[tuple[float, str]] = field(default_factory=list)
    lock_wait_s: float | None = None

    def at(self, fraction: float, plus_s: float = 0.0) -> float:
        return self.t0 + fraction * self.seconds + plus_s

    def phase_of(self, when: float) -> str:
        name = "calm"
        for began, phase in self.phases:
            if began <= when:
                name = phase
        return name


async def set_faults(url: str, session: aiohttp.ClientSession, **body: object) -> None:
    async with session.post(f"{url}/control/faults", json=body) as resp:
        resp.raise_for_status()


async def run(
    url: str, session: aiohttp.ClientSession, bot: BotProcess, line: Timeline, seed: int,
    lock_s: float,
) -> None:  # fmt: skip
    """Each event at its time, in order; a slow one (a restart) delays those after it."""
    loop = asyncio.get_running_loop()

    def faults(**body: object) -> Callable[[], Awaitable[None]]:
        return lambda: set_faults(url, session, seed=seed, **body)

    async def kill() -> None:
        found = await bot.crash_and_restart()
        say(f"bot back after {found.ready - found.at:.1f}s; {found.in_flight} rows were in flight")

    async def lock() -> None:
        line.lock_wait_s = await hold_lock(bot.db_path, lock_s)

    events: list[tuple[float, float, str, Callable[[], Awaitable[None]] | None]] = [
        (0.08, 0, "5xx storm", faults(error_rate=0.2, error_code=502)),
        (0.22, 0, "calm", faults()),
        (BROADCASTS[0], KILL_AFTER_BROADCAST_S, "kill 1", kill),
        (0.32, 0, "429 storm", faults(retry_after_rate=0.5, retry_after=1)),
        (0.38, 0, "429 storm", faults(retry_after_rate=0.5, retry_after=2)),
        (0.44, 0, "calm", faults()),
        (0.48, 0, "slow answers", faults(slow_rate=0.3, slow_seconds=SLOW_S)),
        (0.60, 0, "calm", faults()),
        (BROADCASTS[1], KILL_AFTER_BROADCAST_S, "kill 2", kill),
        (BLOCK_AT, 0, "blocked wave", None),
        (UNBLOCK_AT, 0, "calm", None),
        (LOCK_AT, 0, "database locked", lock),
    ]
    for fraction, plus, name, action in events:
        await asyncio.sleep(max(0.0, line.at(fraction, plus) - loop.time()))
        line.phases.append((loop.time(), name))
        say(f"{loop.time() - line.t0:6.1f}s: {name}")
        if action is not None:
            await action()
        if action is not None and name in ("kill 1", "kill 2", "database locked"):
            line.phases.append((loop.time(), "calm"))


def say(text: str) -> None:
    print(f"soak: {text}", file=sys.stderr, flush=True)
