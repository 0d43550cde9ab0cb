"""Telegram's flood limits, kept on our side so that the API never has to answer 429.

Sends are paced rather than burst: an even gap of 1/rate seconds between any two sends, a
second between two messages to one private chat, three seconds (20 a minute) for a group.
Telegram counts in sliding windows; pacing a little under the limit leaves room for the jitter
between our clock and its own. A RetryAfter pauses every send, not just the one that got it.
"""

from __future__ import annotations

import asyncio
import time

SAFETY = 0.985
PRIVATE_GAP_S = 1.0
GROUP_GAP_S = 3.0


class Limiter:
    def __init__(self, rate: float | None) -> None:
        self.gap = 1.0 / (rate * SAFETY) if rate else 0.0
        self.per_chat = rate is not None and rate > 0
        self._next_slot = 0.0
        self._chat_ready: dict[int, float] = {}
        self._paused_until = 0.0

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def chat_wait(self, chat_id: int) -> float:
        """How long this chat must still wait; the dispatcher defers rows that would wait long."""
        return max(0.0, self._chat_ready.get(chat_id, 0.0) - time.monotonic())

    async def acquire(self, chat_id: int) -> None:
        """Waits for this send's turn; the slot is reserved before sleeping, so turns are fair."""
        while True:
            now = time.monotonic()
            wait = max(self._paused_until, self._chat_ready.get(chat_id, 0.0)) - now
            if wait > 0:
                await asyncio.sleep(wait)
                continue
            slot = max(now, self._next_slot)
            self._next_slot = slot + self.gap
            if self.per_chat:
                gap = PRIVATE_GAP_S if chat_id > 0 else GROUP_GAP_S
                self._chat_ready[chat_id] = slot + gap
            if slot > now:
                await asyncio.sleep(slot - now)
            if time.monotonic() >= self._paused_until:
                self._forget_old(now)
                return

    def _forget_old(self, now: float) -> None:
        if len(self._chat_ready) > 50_000:
            self._chat_ready = {c: t for c, t in self._chat_ready.items() if t > now}
