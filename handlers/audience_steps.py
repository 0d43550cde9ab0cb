"""The audience selector's narrowing steps, the same for every wizard built on it (an
announcement, a poll): the button's action names the wizard's step."""

from __future__ import annotations

from typing import Protocol

from bot.core.errors import Refusal
from bot.core.flows import Flow


class Narrowing(Protocol):
    async def narrow(self, telegram_id: int, value: str, /) -> Flow: ...
    async def event_kind(self, telegram_id: int, value: str, /) -> Flow: ...
    async def choose_event(self, telegram_id: int, value: str, /) -> Flow: ...
    async def choose_behaviour(self, telegram_id: int, value: str, /) -> Flow: ...


async def step(wizard: Narrowing, telegram_id: int, action: str, value: str) -> Flow:
    """An action no wizard knows is a stale or forged button."""
    if action == "narrow":
        return await wizard.narrow(telegram_id, value)
    if action == "positions":
        return await wizard.narrow(telegram_id, "positions")
    if action == "event":
        return await wizard.event_kind(telegram_id, value)
    if action == "eventid":
        return await wizard.choose_event(telegram_id, value)
    if action == "behaviour":
        return await wizard.choose_behaviour(telegram_id, value)
    raise Refusal("stale")
