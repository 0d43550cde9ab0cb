"""The one base every flow service shares: a flow kept in the flows table, found, checked, saved.

A person has at most one open flow (registration, a profile edit, a staff wizard, a draft), so a
button from another flow or an earlier step is told apart by the flow's name and step.

Leaving a flow (/cancel, a wizard's Cancel button) asks first once `GUARD_AT` answers or more
would be lost; each wizard says how many answers its flow holds (`Wizard.answers`).
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from bot.clock import Clock
from bot.core import flows
from bot.core.callback_data import CallbackData, callback
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.db import Database, utcnow_iso

GUARD_AT = 3
"""From this many answers on, leaving asks first; with fewer it leaves at once."""

_BY_FLOW: dict[str, type[Wizard]] = {}


@callback("leave1")
class LeaveCb(CallbackData):
    """The question before leaving a flow: `flow` names the flow it was asked about, so an
    answer given after that flow was finished or replaced changes nothing."""

    flow: str
    answer: Literal["leave", "stay"]


class Wizard:
    flow_name: ClassVar[str]
    db: Database
    clock: Clock

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "flow_name" in cls.__dict__:
            _BY_FLOW[cls.flow_name] = cls

    @classmethod
    def answers(cls, flow: Flow) -> int:
        """How many of the person's answers leaving this flow would lose; 0 when leaving
        loses nothing worth a question."""
        return 0

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


def answers(flow: Flow) -> int:
    """The answers leaving `flow` would lose, as its wizard counts them."""
    found = _BY_FLOW.get(flow.flow)
    return found.answers(flow) if found is not None else 0


def must_ask(flow: Flow) -> bool:
    """Leaving asks first: enough answers would be lost."""
    return answers(flow) >= GUARD_AT
