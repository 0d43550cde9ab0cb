"""What registration and the profile editor share: load the flow, check one answer, save."""

from __future__ import annotations

from bot.accounts.service import steps
from bot.clock import Clock
from bot.core import flows
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.db import Database, utcnow_iso


class Wizard:
    """A staff wizard kept in the flows table: find it, check which step it is at, save it."""

    flow_name: str
    db: Database
    clock: Clock

    def now(self) -> str:
        return utcnow_iso(self.clock.now())

    async def current(self, telegram_id: int) -> Flow | None:
        flow = await flows.get(self.db, telegram_id)
        return flow if flow is not None and flow.flow == self.flow_name else None

    async def _at(self, telegram_id: int, *steps: str) -> Flow:
        """The open flow, if it stands at one of `steps`; an old button gets 'stale'."""
        flow = await self.current(telegram_id)
        if flow is None or flow.step not in steps:
            raise Refusal("stale")
        return flow

    async def _save(self, flow: Flow) -> Flow:
        await flows.save(self.db, flow, self.now())
        return flow


class FlowService:
    flow_name: str

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def now(self) -> str:
        return utcnow_iso(self.clock.now())

    async def current(self, telegram_id: int) -> Flow | None:
        flow = await flows.get(self.db, telegram_id)
        return flow if flow is not None and flow.flow == self.flow_name else None

    async def pick(self, telegram_id: int, step: str, value: str) -> Flow:
        flow = await steps.take_pick(self.db, await self._flow(telegram_id), step, value)
        return await self._saved(flow)

    async def text(self, telegram_id: int, text: str) -> Flow:
        return await self._saved(steps.take_text(await self._flow(telegram_id), text))

    async def contact(self, telegram_id: int, contact_user_id: int | None, phone: str) -> Flow:
        flow = await self._flow(telegram_id)
        return await self._saved(steps.take_contact(flow, telegram_id, contact_user_id, phone))

    async def _saved(self, flow: Flow) -> Flow:
        """Hook: subclasses act on a finished step before the flow is stored."""
        await flows.save(self.db, flow, self.now())
        return flow

    async def _flow(self, telegram_id: int, at_step: str | None = None) -> Flow:
        flow = await self.current(telegram_id)
        if flow is None or (at_step and flow.step != at_step):
            raise Refusal("stale")
        return flow
