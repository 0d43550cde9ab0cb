"""The bot as bench/soak.py runs it: `python -m bot run` in a process of its own, so that it can
be SIGKILLed like a crashed server and started again on the same database; plus a second
process holding that database locked, and what the bot's log says afterwards.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ROOT

READY = "Application started"
RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ ([A-Z]+) ")
LONGEST = re.compile(r"longest event-loop stall: (\d+) ms")
HELD_UP = re.compile(r"the event loop was held up for (\d+) ms")
LOCKER = """\
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
conn.close()
"""


@dataclass
class Kill:
    at: float
    """loop.time() of the SIGKILL."""
    ready: float = 0.0
    """loop.time() the restarted bot said it was polling again."""
    in_flight: int = 0
    """Outbox rows leased ('sending') when it died: at most these may go twice."""


@dataclass
class BotProcess:
    env: dict[str, str]
    log_path: Path
    db_path: Path
    kills: list[Kill] = field(default_factory=list)
    _proc: asyncio.subprocess.Process | None = None

    async def start(self, limit_s: float = 60.0) -> float:
        """Starts the bot and waits (bounded) for PTB's "Application started"."""
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with self.log_path.open("ab") as log:
            self._proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", cwd=ROOT, env=self.env,
                stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log,
            )  # fmt: skip
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit_s
        while loop.time() < deadline:
            with self.log_path.open("rb") as log:
                log.seek(offset)
                if READY in log.read().decode(errors="replace"):
                    return loop.time()
            if self._proc.returncode is not None:
                raise RuntimeError(f"the bot exited with {self._proc.returncode}; see its log")
            await asyncio.sleep(0.1)
        raise RuntimeError(f"the bot did not start within {limit_s:.0f}s")

    async def crash_and_restart(self, down_s: float = 2.0) -> Kill:
        """SIGKILL, count the rows it left in flight, stay down a moment, start again."""
        loop = asyncio.get_running_loop()
        kill = Kill(at=loop.time())
        await self._signal(signal.SIGKILL, 10.0)
        kill.in_flight = await asyncio.to_thread(count, self.db_path, "status = 'sending'")
        await asyncio.sleep(down_s)
        kill.ready = await self.start()
        self.kills.append(kill)
        return kill

    async def stop(self, limit_s: float = 30.0) -> None:
        """SIGTERM first, so the bot logs its longest event-loop stall; SIGKILL if it hangs."""
        await self._signal(signal.SIGTERM, limit_s)

    async def _signal(self, sig: signal.Signals, limit_s: float) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.returncode is not None:
            return
        proc.send_signal(sig)
        try:
            await asyncio.wait_for(proc.wait(), limit_s)
        except TimeoutError:
            proc.kill()
            await proc.wait()

    async def kill_quietly(self) -> None:
        """For `finally`: whatever state the run is in, no bot outlives it."""
        with contextlib.suppress(ProcessLookupError):
            await self._signal(signal.SIGKILL, 10.0)


def count(db_path: Path, where: str) -> int:
    """A short read of the outbox from outside the bot (WAL: it never blocks the bot)."""
    with contextlib.closing(sqlite3.connect(db_path, timeout=10)) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM outbox WHERE {where}").fetchone()[0])


def outbox_rows(db_path: Path) -> list[dict]:
    with contextlib.closing(sqlite3.connect(db_path, timeout=10)) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT id, dedupe_key, chat_id, kind, template, status, message_id, attempts,"
            " maybe_twice, not_before, last_error FROM outbox ORDER BY id"
        ).fetchall()
    return [dict(r) for r in rows]


async def hold_lock(db_path: Path, seconds: float) -> float:
    """Another process (a backup, a tool) takes the write lock and keeps it; returns how long
    taking it took (the bot may have held it a moment)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", LOCKER, str(db_path), str(seconds),
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    loop = asyncio.get_running_loop()
    began = loop.time()
    try:
        assert proc.stdout is not None
        line = await asyncio.wait_for(proc.stdout.readline(), 35)
        if b"locked" not in line:
            raise RuntimeError("the locking process did not get the lock")
        taken = loop.time() - began
        await asyncio.wait_for(proc.wait(), seconds + 30)
        return taken
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


@dataclass
class LogFindings:
    exceptions: int
    samples: list[str]
    longest_stall_ms: int
    stall_warnings: int


def read_log(path: Path) -> LogFindings:
    """ERROR/CRITICAL records and tracebacks not attached to one; the longest stall from the
    shutdown line or, for runs ended by SIGKILL, from the stall warnings."""
    exceptions, samples, stalls, warnings = 0, [], [0], 0
    level = ""
    for line in path.read_text(errors="replace").splitlines():
        record = RECORD.match(line)
        if record:
            level = record[1]
            if level in ("ERROR", "CRITICAL"):
                exceptions += 1
                samples.append(line[24:200])
            if found := LONGEST.search(line) or HELD_UP.search(line):
                stalls.append(int(found[1]))
                warnings += line.find("held up") >= 0
        elif line.startswith("Traceback") and level not in ("ERROR", "CRITICAL"):
            exceptions += 1
            samples.append(f"traceback after a {level or 'bare'} line")
    return LogFindings(exceptions, samples[:8], max(stalls), warnings)
