"""The one base every flow service shares: a flow kept in the flows table, found, checked, saved.

A person has at most one open flow (registration, a profile edit, a staff wizard, a draft), so a
button from another flow or an earlier step is told apart by the flow's name and step.
"""

from __future__ import annotations

from typing import ClassVar

from bot.clock import Clock
from bot.core import flows
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.db import Database, utcnow_iso


class Wizard:
    flow_name: ClassVar[str]
    db: Database
    clock: Clock

    def now(self) -> str:
        return utcnow_iso(self.clock.now())

    async def current(self, telegram_id: int) -> Flow | None:
        flow = await flows.get(self.db, telegram_id)
        return flow if flow is not None and flow.flow == self.flow_name else None

    async def _at(self, telegram_id: int, *steps: str) -> Flow:
        """The open flow, if it stands at one of `steps` (any step when none are named); an
        old button gets 'stale'."""
        flow = await self.current(telegram_id)
        if flow is None or (steps and flow.step not in steps):
            raise Refusal("stale")
        return flow

    async def abort(self, telegram_id: int) -> None:
        """Only this wizard is dropped: an old Cancel button leaves any other flow alone."""
        await self._at(telegram_id)
        await flows.clear(self.db, telegram_id)

    async def _save(self, flow: Flow) -> Flow:
        await flows.save(self.db, flow, self.now())
        return flow
