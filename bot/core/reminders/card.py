"""Changing an event's reminders from its staff card: each tap saves at once; a list of times or
an own text is typed, so that question is a one-step flow kept in the flows table.

The feature (seminars, competitions) decides who may change them and plans them again; this
class only turns taps and typed answers into new settings.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar, Protocol

from bot.clock import Clock
from bot.core import flows
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.reminders.settings import DEFAULTS, Event, Settings, own_text, read
from bot.core.wizard import Wizard
from bot.db import Database

TYPED = ("times", "text_ky", "text_ru")
"""The card's questions answered by typing."""
TAPS = ("default", "off", "on", "no_text")


class Owner(Protocol):
    async def current(self, telegram_id: int, event_id: int) -> Settings:
        """The event's settings; NotAllowed for anyone who may not change them."""

    async def save(self, telegram_id: int, event_id: int, settings: Settings) -> Settings: ...


class ReminderCard(Wizard):
    flow_name: ClassVar[str]
    event: ClassVar[Event]

    def __init__(self, owner: Owner, db: Database, clock: Clock) -> None:
        self.owner = owner
        self.db = db
        self.clock = clock

    async def show(self, telegram_id: int, event_id: int) -> Settings:
        """The card again: a question left unanswered is dropped."""
        found = await self.owner.current(telegram_id, event_id)
        if await self.current(telegram_id) is not None:
            await flows.clear(self.db, telegram_id)
        return found

    async def ask(self, telegram_id: int, event_id: int, step: str) -> Flow:
        if step not in TYPED:
            raise Refusal("stale")
        await self.owner.current(telegram_id, event_id)
        return await self._save(Flow(telegram_id, self.flow_name, step, {"event_id": event_id}))

    async def tap(self, telegram_id: int, event_id: int, action: str) -> Settings:
        if action not in TAPS:
            raise Refusal("stale")
        found = await self.show(telegram_id, event_id)
        if action == "default":
            changed = replace(DEFAULTS[self.event], text_ky=found.text_ky, text_ru=found.text_ru)
        elif action == "no_text":
            changed = replace(found, text_ky=None, text_ru=None)
        else:
            changed = replace(found, enabled=action == "on")
        return await self.owner.save(telegram_id, event_id, changed)

    async def text(self, telegram_id: int, raw: str) -> tuple[int, Settings]:
        """The typed answer; refused, the question stays open for another try."""
        flow = await self._at(telegram_id, *TYPED)
        event_id = int(flow.data["event_id"])
        found = await self.owner.current(telegram_id, event_id)
        if flow.step == "times":
            changed = found.with_times(*read(raw))
        elif flow.step == "text_ky":
            changed = replace(found, text_ky=own_text(raw))
        else:
            changed = replace(found, text_ru=own_text(raw))
        saved = await self.owner.save(telegram_id, event_id, changed)
        await flows.clear(self.db, telegram_id)
        return event_id, saved
