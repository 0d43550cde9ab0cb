"""Telegram's flood limits, kept on our side so that the API never has to answer 429.

Every request the bot makes passes through here (PTB's rate-limiter hook), so direct replies and
outbox pushes share one budget. Sends are paced, not burst: an even gap of 1/rate seconds
between any two messages, a little under the limit to leave room for jitter between our clock
and Telegram's sliding windows. The outbox also waits a second between two messages to one
private chat and three seconds (20 a minute) for a group; direct replies, which answer a person's
own tap, are not held back that way, and they go ahead of waiting pushes. A RetryAfter on a push
pauses every send; on a reply it is about that chat, so only that reply waits and tries again.
A push may be withdrawn while it waits for its turn: a broadcast stopped during a long pause
sends nothing more.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from contextlib import AbstractAsyncContextManager
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

SAFETY = 0.985
PRIVATE_GAP_S = 1.0
GROUP_GAP_S = 3.0
DIRECT_RETRIES = 6
COUNTED = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendVideo",
        "sendMediaGroup",
        "copyMessage",
        "forwardMessage",
        "editMessageText",
        "editMessageCaption",
        "editMessageReplyMarkup",
    }
)


class _SlotRelease:
    """How a direct reply that must wait out a 429 gives back its update's shared slot for the
    wait: the update processor (bot.updates) binds, for each update, what releasing means."""

    def __init__(self) -> None:
        self._release: ContextVar[Callable[[], AbstractAsyncContextManager[None]] | None] = (
            ContextVar("slot_release", default=None)
        )

    @contextlib.contextmanager
    def bind(self, release: Callable[[], AbstractAsyncContextManager[None]]) -> Iterator[None]:
        token = self._release.set(release)
        try:
            yield
        finally:
            self._release.reset(token)

    def released(self) -> AbstractAsyncContextManager[None]:
        release = self._release.get()
        return release() if release is not None else contextlib.nullcontext()


slot_released = _SlotRelease()


class Withdrawn(Exception):
    """A push given up at its turn, because the `wanted` in its rate_limit_args said no."""


class Limiter(BaseRateLimiter[dict[str, Any]]):
    def __init__(self, rate: float | None) -> None:
        self.rate = rate
        self.gap = 1.0 / (rate * SAFETY) if rate else 0.0
        self._next_slot = 0.0
        self._chat_ready: dict[int, float] = {}
        self._paused_until = 0.0
        self._gate = asyncio.Lock()
        self._push_line = asyncio.Lock()
        self._chat_locks: dict[int, asyncio.Lock] = {}

    async def initialize(self) -> None:
        """Nothing to open: the limiter is plain state in this process."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def chat_wait(self, chat_id: int) -> float:
        """How long this chat must still wait; the dispatcher defers rows that would wait long."""
        return max(0.0, self._chat_ready.get(chat_id, 0.0) - time.monotonic())

    @contextlib.asynccontextmanager
    async def chat(self, chat_id: int) -> AsyncIterator[None]:
        """Per-chat spacing for pushes, measured from when the previous one really went out.

        Pushes to one chat take turns under a lock, so two can never leave together; other
        chats are not held up.
        """
        if not self.rate:
            yield
            return
        lock = self._chat_locks.setdefault(chat_id, asyncio.Lock())
        async with lock:
            wait = self._chat_ready.get(chat_id, 0.0) - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                gap = PRIVATE_GAP_S if chat_id > 0 else GROUP_GAP_S
                self._chat_ready[chat_id] = time.monotonic() + gap
        if not lock.locked() and len(self._chat_locks) > 10_000:
            self._forget_idle_chats()

    def _forget_idle_chats(self) -> None:
        now = time.monotonic()
        self._chat_locks = {c: lk for c, lk in self._chat_locks.items() if lk.locked()}
        self._chat_ready = {c: t for c, t in self._chat_ready.items() if t > now}

    async def _turn(self, push: bool) -> None:
        """Pushes line up one at a time before the gate, so a person's direct reply never waits
        behind a whole broadcast: at most behind the one push already at the gate."""
        if not push:
            await self._global_turn()
            return
        async with self._push_line:
            await self._global_turn()

    async def _global_turn(self) -> None:
        """One send per gap, in arrival order. A slot is only taken at the head of the line, so
        a stalled event loop never releases a burst of late sends at once."""
        if not self.gap:
            await self._wait_pause()
            return
        async with self._gate:
            await self._wait_pause()
            now = time.monotonic()
            slot = max(now, self._next_slot)
            if slot > now:
                await asyncio.sleep(slot - now)
            self._next_slot = slot + self.gap

    async def _wait_pause(self) -> None:
        # A RetryAfter may extend the pause while we sleep, hence the loop.
        while (wait := self._paused_until - time.monotonic()) > 0:  # noqa: ASYNC110
            await asyncio.sleep(wait)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Direct replies wait out a RetryAfter and try again; the outbox reschedules instead."""
        push = bool((rate_limit_args or {}).get("outbox"))
        wanted: Callable[[], bool] | None = (rate_limit_args or {}).get("wanted")
        retries = 0 if push else DIRECT_RETRIES
        for attempt in range(retries + 1):
            if endpoint in COUNTED:
                await self._turn(push)
            if wanted is not None and not wanted():
                raise Withdrawn
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                seconds = _seconds(exc.retry_after)
                if push:
                    self.pause(seconds)
                    raise
                # Our global pacing keeps replies under the overall limit, so a reply's 429 is
                # about its own chat (a member tapping fast): wait for that one, not everyone.
                if attempt == retries:
                    raise
                async with slot_released.released():
                    await asyncio.sleep(seconds)
        raise AssertionError("unreachable")


def _seconds(value: int | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
