"""The time questions the seminar and competition wizards share: a typed time read back when
not certain, a quick pick, [Another time], and a refusal shown with an example and the picks
again. Each wizard's handler keeps its own routes and passes its form, views and next question."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from typing import Any

from bot.core import timeviews
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.quicktimes import TimeCb, Unsure, at_minute
from handlers.common import Turn


@dataclass(frozen=True)
class TimeSteps:
    form: Callable[[Turn], Any]
    """The wizard's service (text, time_question, current, picks, pick_time)."""
    views: Any
    """The wizard's views module (time_read_back, time_refused, time_typing)."""
    ask: Callable[[Turn, Flow], Awaitable[None]]
    steps: Collection[str]

    async def typed(self, turn: Turn) -> None:
        """A typed answer at any step; at a time question it may be read back or refused."""
        form = self.form(turn)
        try:
            flow = await form.text(turn.tid, turn.text)
        except Unsure as unsure:
            flow = await form.time_question(turn.tid)
            await turn.say(self.views.time_read_back(turn.tr, flow.step, unsure.pick))
            return
        except Refusal as exc:
            if not await self.refused(turn, exc):
                raise
            return
        await self.ask(turn, flow)

    async def refused(self, turn: Turn, exc: Refusal) -> bool:
        """A refusal at a time question: why, with an example, and the picks again."""
        form = self.form(turn)
        flow = await form.current(turn.tid)
        if flow is None or flow.step not in self.steps:
            return False
        why = timeviews.refused(turn.tr, exc)
        await turn.answer()
        await turn.show(self.views.time_refused(turn.tr, flow, form.picks(flow), why))
        return True

    async def picked(self, turn: Turn, data: TimeCb) -> None:
        """A quick pick or the yes to a time read back; [Another time] asks to type."""
        form = self.form(turn)
        if data.action == "type":
            flow = await form.time_question(turn.tid, data.step)
            await turn.answer()
            await turn.show(self.views.time_typing(turn.tr, flow))
            return
        try:
            flow = await form.pick_time(turn.tid, data.step, at_minute(data.minute))
        except Refusal as exc:
            if exc.code == "stale" or not await self.refused(turn, exc):
                raise
            return
        await turn.answer()
        await self.ask(turn, flow)
