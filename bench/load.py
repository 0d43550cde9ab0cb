"""Simulated phones for bench/updates.py, in a process of their own so that the bot's CPU time
and RSS are its own (on two cores this process, the emulator and the bot still compete).

Reads one JSON job on stdin and prints one JSON result on stdout:

- job: ``{"url", "mode": "closed" | "paced", "users": [ids], "scripts": [[step, ...], ...],
  "step_timeout", "total_timeout", "rate", "seconds", "seed"}``; user i plays
  ``scripts[i % len(scripts)]``.
- step: ``{"send": text}``, ``{"contact": true}``, ``{"press": label}`` or ``{"press_first":
  true}`` (on the message the previous reply was), and ``"expect"``: a fragment of the reply,
  null for any new bot message. ``{uid}`` and ``{n}`` become the user id and the step number.
- closed: every user runs its script at once, each action waiting for its reply.
- paced: open-loop Poisson arrivals at ``rate``/s for ``seconds``; each is the next idle user
  sending its script's first step (no idle user: counted as skipped).
- result: ``{"updates", "elapsed_s", "latencies_ms", "errors", "skipped"}``; a latency runs from
  just before the POST until a long poll shows the expected reply.
"""

from __future__ import annotations

import asyncio
import collections
import json
import random
import sys
import time

import aiohttp


class StepTimeout(Exception):
    pass


class Phone:
    def __init__(self, session: aiohttp.ClientSession, url: str, uid: int) -> None:
        self.session = session
        self.base = f"{url}/client/{uid}"
        self.uid = uid
        self.target: dict | None = None
        self.steps = 0

    async def _call(self, method: str, path: str, **kw) -> dict:
        async with self.session.request(method, f"{self.base}/{path}", **kw) as resp:
            body = await resp.json(content_type=None)
        if not body.get("ok"):
            raise RuntimeError(f"user {self.uid}: {path}: {body.get('description')}")
        return body["result"]

    def _text(self, template: str) -> str:
        return template.replace("{uid}", str(self.uid)).replace("{n}", str(self.steps))

    async def act(self, step: dict) -> int:
        """Performs the step's action; returns the chat version its update was queued at."""
        self.steps += 1
        if "send" in step:
            body = {"text": self._text(step["send"])}
        elif step.get("contact"):
            body = {"contact": True}
        else:
            target = self.target or {}
            label = step.get("press") or target["buttons"][0][0]["text"]
            body = {"button": label, "message_id": target.get("message_id")}
            return (await self._call("POST", "press", json=body))["version"]
        return (await self._call("POST", "send", json=body))["version"]

    async def reply(self, mark: int, expect: str | None, limit_s: float) -> dict:
        """The first bot message changed after `mark` that holds `expect`, by long polls."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit_s
        since = mark
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise StepTimeout(f"user {self.uid}: no reply with {expect!r} in {limit_s}s")
            wait = min(remaining, 20.0)
            params = {"since": since, "wait": f"{wait:.3f}"}
            state = await self._call(
                "GET", "messages", params=params, timeout=aiohttp.ClientTimeout(total=wait + 10)
            )
            for message in state["messages"]:
                text = message.get("text") or message.get("caption") or ""
                if message["version"] > mark and (expect is None or expect in text):
                    return message
            since = state["version"]

    async def step(self, step: dict, limit_s: float) -> float:
        """One update and its reply; the latency in milliseconds."""
        began = time.perf_counter()
        mark = await self.act(step)
        expect = step.get("expect")
        self.target = await self.reply(mark, expect and self._text(expect), limit_s)
        return (time.perf_counter() - began) * 1000


async def closed(job: dict, phones: list[Phone], result: dict) -> None:
    scripts = job["scripts"]

    async def play(index: int, phone: Phone) -> None:
        for step in scripts[index % len(scripts)]:
            result["latencies_ms"].append(await phone.step(step, job["step_timeout"]))
            result["updates"] += 1

    await asyncio.gather(*(play(i, p) for i, p in enumerate(phones)))


async def paced(job: dict, phones: list[Phone], result: dict) -> None:
    rng = random.Random(job.get("seed", 1))
    scripts = job["scripts"]
    first = {p.uid: scripts[i % len(scripts)][0] for i, p in enumerate(phones)}
    idle = collections.deque(phones)
    tasks: set[asyncio.Task] = set()

    async def one(phone: Phone) -> None:
        try:
            result["latencies_ms"].append(await phone.step(first[phone.uid], job["step_timeout"]))
            result["updates"] += 1
        finally:
            idle.append(phone)

    loop = asyncio.get_running_loop()
    began = loop.time()
    at = began
    while True:
        at += rng.expovariate(job["rate"])
        if at - began >= job["seconds"]:
            break
        await asyncio.sleep(max(0.0, at - loop.time()))
        if not idle:
            result["skipped"] += 1
            continue
        task = asyncio.create_task(one(idle.popleft()))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.gather(*tasks)


async def run(job: dict) -> dict:
    result = {"updates": 0, "elapsed_s": 0.0, "latencies_ms": [], "errors": [], "skipped": 0}
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        phones = [Phone(session, job["url"], uid) for uid in job["users"]]
        began = time.perf_counter()
        mode = {"closed": closed, "paced": paced}[job["mode"]]
        try:
            await asyncio.wait_for(mode(job, phones, result), job["total_timeout"])
        except (StepTimeout, RuntimeError, aiohttp.ClientError, TimeoutError) as exc:
            result["errors"].append(f"{type(exc).__name__}: {exc}")
        result["elapsed_s"] = time.perf_counter() - began
    result["latencies_ms"] = [round(x, 2) for x in result["latencies_ms"]]
    return result


def main() -> None:
    job = json.loads(sys.stdin.read())
    print(json.dumps(asyncio.run(run(job))), flush=True)


if __name__ == "__main__":
    main()
