"""Flood limits, fault injection and call statistics for the Bot API side.

Flood limits approximate Telegram's documented ones (it publishes no exact algorithm):

* overall: at most 30 limited calls in any sliding 1-second window; a send with
  ``allow_paid_broadcast`` counts instead against 1000 in any second (Telegram's paid
  broadcasts; the emulator assumes the bot has the Stars to pay for them);
* private chat: token bucket of capacity 3 refilled at 1 token/s, i.e. 1 message/s
  sustained with a burst of 3 (a bot answering a command with 2-3 quick messages is fine,
  a loop is not);
* group/supergroup (negative chat id): at most 20 in any sliding 60-second window.

"Limited calls" are the message-producing and message-editing methods (LIMITED_METHODS);
a call that got 429 is not counted. sendMediaGroup is one limited call however many
messages its album has (messages_sent counts them all). retry_after is the whole number
of seconds (>= 1) until the call would have been admitted.

Faults are drawn from a random.Random seeded per configuration, two draws per eligible
call (one for slowness, one for errors), so the same call sequence sees the same faults.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections import Counter, deque
from dataclasses import asdict, dataclass, fields
from typing import TypedDict

from bot.emulator.protocol import ApiError, JsonObject

LIMITED_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendVideo",
        "sendMediaGroup",
        "editMessageText",
        "editMessageCaption",
        "editMessageReplyMarkup",
    }
)
SERVER_ERRORS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


def too_many(seconds: float) -> ApiError:
    wait = max(1, math.ceil(seconds))
    return ApiError(429, f"Too Many Requests: retry after {wait}", retry_after=wait)


class SlidingWindow:
    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self.times: deque[float] = deque()

    def _trim(self, t: float) -> None:
        while self.times and self.times[0] <= t - self.period:
            self.times.popleft()

    def wait_time(self, t: float) -> float:
        self._trim(t)
        if len(self.times) < self.limit:
            return 0.0
        return self.times[len(self.times) - self.limit] + self.period - t

    def add(self, t: float) -> int:
        self._trim(t)
        self.times.append(t)
        return len(self.times)


class TokenBucket:
    def __init__(self, capacity: float, rate: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.stamp = time.monotonic()

    def _refill(self, t: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (t - self.stamp) * self.rate)
        self.stamp = t

    def wait_time(self, t: float) -> float:
        self._refill(t)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def add(self, t: float) -> None:
        self._refill(t)
        self.tokens -= 1


class FloodLimiter:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.overall = SlidingWindow(30, 1.0)
        self.paid = SlidingWindow(1000, 1.0)
        self.chats: dict[int, SlidingWindow | TokenBucket] = {}

    def _chat_limit(self, chat_id: int) -> SlidingWindow | TokenBucket:
        if chat_id not in self.chats:
            limit = TokenBucket(3, 1.0) if chat_id > 0 else SlidingWindow(20, 60.0)
            self.chats[chat_id] = limit
        return self.chats[chat_id]

    def admit(self, chat_id: int, paid: bool = False) -> None:
        """Raises 429 or records the call."""
        if not self.enabled:
            return
        t = time.monotonic()
        chat = self._chat_limit(chat_id)
        overall = self.paid if paid else self.overall
        wait = max(overall.wait_time(t), chat.wait_time(t))
        if wait > 0:
            raise too_many(wait)
        overall.add(t)
        chat.add(t)


@dataclass
class FaultConfig:
    error_rate: float = 0.0
    error_code: int = 500
    retry_after_rate: float = 0.0
    retry_after: int = 1
    slow_rate: float = 0.0
    slow_seconds: float = 2.0
    methods: list[str] | None = None
    seed: int = 0

    @classmethod
    def from_dict(cls, body: JsonObject) -> FaultConfig:
        known = {f.name for f in fields(cls)}
        unknown = set(body) - known
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        config = cls(**body)
        for name in ("error_rate", "retry_after_rate", "slow_rate"):
            if not 0 <= float(getattr(config, name)) <= 1:
                raise ValueError(f"{name} must be between 0 and 1")
        methods = config.methods
        if methods is not None and not (
            isinstance(methods, list) and all(isinstance(m, str) for m in methods)
        ):
            raise ValueError("methods must be a list of Bot API method names")
        if config.error_code not in SERVER_ERRORS:
            raise ValueError(f"error_code must be one of {sorted(SERVER_ERRORS)}")
        if int(config.retry_after) < 1 or float(config.slow_seconds) < 0:
            raise ValueError("retry_after must be >= 1 and slow_seconds >= 0")
        return config


class Faults:
    def __init__(self) -> None:
        self.configure({})

    def configure(self, body: JsonObject) -> JsonObject:
        self.config = FaultConfig.from_dict(body)
        self.rng = random.Random(self.config.seed)
        return asdict(self.config)

    def applies_to(self, method: str) -> bool:
        methods = self.config.methods
        return method in methods if methods is not None else method in LIMITED_METHODS

    async def apply(self, method: str) -> None:
        """May sleep, then may raise an injected 5xx or 429."""
        cfg = self.config
        if not (cfg.error_rate or cfg.retry_after_rate or cfg.slow_rate):
            return
        if not self.applies_to(method):
            return
        slow, err = self.rng.random(), self.rng.random()
        if slow < cfg.slow_rate:
            await asyncio.sleep(cfg.slow_seconds)
        if err < cfg.error_rate:
            raise ApiError(cfg.error_code, SERVER_ERRORS[cfg.error_code])
        if err < cfg.error_rate + cfg.retry_after_rate:
            raise too_many(cfg.retry_after)


class StatsView(TypedDict):
    calls: dict[str, int]
    http_429: int
    http_5xx: int
    max_rate_overall: int
    max_rate_per_chat: int
    messages_sent: int
    paid_messages: int


class Stats:
    """Rates are measured on every admitted limited call, whether or not limits are on."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.calls: Counter[str] = Counter()
        self.http_429 = 0
        self.http_5xx = 0
        self.messages_sent = 0
        self.paid_messages = 0
        self.max_rate_overall = 0
        self.max_rate_per_chat = 0
        self._overall = SlidingWindow(10**9, 1.0)
        self._chats: dict[int, SlidingWindow] = {}

    def record_status(self, status: int) -> None:
        if status == 429:
            self.http_429 += 1
        elif status >= 500:
            self.http_5xx += 1

    def record_limited(
        self, chat_id: int, new_message: bool, messages: int = 1, paid: bool = False
    ) -> None:
        t = time.monotonic()
        if new_message:
            self.messages_sent += messages
            self.paid_messages += messages if paid else 0
        overall = self._overall.add(t)
        per_chat = self._chats.setdefault(chat_id, SlidingWindow(10**9, 1.0)).add(t)
        self.max_rate_overall = max(self.max_rate_overall, overall)
        self.max_rate_per_chat = max(self.max_rate_per_chat, per_chat)

    def as_dict(self) -> StatsView:
        return {
            "calls": dict(self.calls),
            "http_429": self.http_429,
            "http_5xx": self.http_5xx,
            "max_rate_overall": self.max_rate_overall,
            "max_rate_per_chat": self.max_rate_per_chat,
            "messages_sent": self.messages_sent,
            "paid_messages": self.paid_messages,
        }


class Guard:
    """What stands between a Bot API call and the world: faults, flood limits, stats."""

    def __init__(self, flood_limits: bool) -> None:
        self.flood_default = flood_limits
        self.flood = FloodLimiter(flood_limits)
        self.faults = Faults()
        self.stats = Stats()

    def admit(self, chat_id: int, new_message: bool, messages: int = 1, paid: bool = False) -> None:
        """One call is one step of the flood limits even when it makes an album of messages."""
        self.flood.admit(chat_id, paid)
        self.stats.record_limited(chat_id, new_message, messages, paid)

    def configure_view(self) -> JsonObject:
        return {**asdict(self.faults.config), "flood": self.flood.enabled}

    def configure(self, body: JsonObject) -> JsonObject:
        """Control-API semantics: see the emulator module docstring."""
        body = dict(body)
        reset = body.pop("reset", False) or not body
        flood = body.pop("flood", None)
        self.faults.configure({} if reset else body)
        if reset:
            self.flood = FloodLimiter(self.flood_default)
        if flood is not None and bool(flood) != self.flood.enabled:
            self.flood = FloodLimiter(bool(flood))
        return self.configure_view()
