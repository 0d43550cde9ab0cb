"""Whether the Bot API answers again, after an answer said it is unwell.

A 5xx, a timeout or no connection pauses all sending instead of spending rows' attempts.
Meanwhile getMe is asked, with a growing wait, until Telegram answers; the outage is kept on
the outbox, where /status and the delivery reports read it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from telegram.error import NetworkError, TimedOut

from bot.delivery.outbox import Outbox
from bot.http import Bot

log = logging.getLogger(__name__)
PROBE_FIRST_S = 1.0
PROBE_MAX_S = 60.0


class ApiProbe:
    def __init__(self, outbox: Outbox, bot: Bot) -> None:
        self.outbox = outbox
        self.bot = bot
        self._wait = PROBE_FIRST_S
        self._next: datetime | None = None

    @property
    def down(self) -> bool:
        return self.outbox.outage_since is not None

    def suspect(self) -> None:
        if self.outbox.outage_since is None:
            self.outbox.outage_since = self.outbox.clock.now()
            self._wait = PROBE_FIRST_S
            self._next = self.outbox.clock.now()
            log.warning("the Bot API does not answer: sending paused, asking getMe")

    async def answered(self) -> bool:
        """True once the Bot API answers again (and the outage is over)."""
        now = self.outbox.clock.now()
        if self._next is not None and now < self._next:
            return False
        try:
            await self.bot.call("getMe", {})
        except (NetworkError, TimedOut):
            self._next = now + timedelta(seconds=self._wait)
            self._wait = min(self._wait * 2, PROBE_MAX_S)
            return False
        since, self.outbox.outage_since = self.outbox.outage_since, None
        if since is not None:
            self.outbox.last_outage = (since, now)
        log.warning("the Bot API answers again (down since %s): sending resumed", since)
        return True

    def seconds_to_next(self) -> float:
        if self._next is None:
            return PROBE_FIRST_S
        left = (self._next - self.outbox.clock.now()).total_seconds()
        return min(max(left, 0.05), PROBE_MAX_S)
