"""Updates run concurrently across people, but one at a time for each person.

A member on a weak connection often sends two answers in a row; processed in parallel, both
would read the same flow step and one answer would be lost. Serialising per user keeps the
order they typed in, while thousands of other people are served at the same time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any
from weakref import WeakValueDictionary

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.core import users


class PerUserUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: WeakValueDictionary[int, asyncio.Lock] = WeakValueDictionary()

    def _lock_for(self, update: object) -> asyncio.Lock | None:
        if not isinstance(update, Update):
            return None
        who = update.effective_user or update.effective_chat
        if who is None:
            return None
        lock = self._locks.get(who.id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[who.id] = lock
        return lock

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        users.remember_during_this_update()
        lock = self._lock_for(update)
        if lock is None:
            await coroutine
            return
        async with lock:
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up: locks are made on demand and vanish with their last waiter."""

    async def shutdown(self) -> None:
        """Nothing to release."""
