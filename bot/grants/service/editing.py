"""The two things staff type about a project: its percent complete and new milestones. The
question opens a small flow naming the project; the answer is applied and the flow ends, or it
is refused and the flow stays, so the next message is read as a new try."""

from __future__ import annotations

from typing import Literal

from bot.core import flows
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.wizard import Wizard
from bot.grants.service.changes import Changes
from bot.grants.service.records import Record

FLOW = "grant_edit"
Typed = Literal["percent", "stones"]


class GrantEdit(Wizard):
    flow_name = FLOW

    def __init__(self, changes: Changes) -> None:
        self.changes = changes
        self.db = changes.db
        self.clock = changes.clock

    async def begin(self, telegram_id: int, project_id: int, what: Typed) -> Record:
        """Asks only about a project this person may change (not closed)."""
        found = await self.changes.grants.card(telegram_id, project_id)
        if found.project.closed:
            raise Refusal("grant_closed_staff")
        await self._save(Flow(telegram_id, FLOW, what, {"project_id": project_id}))
        return found

    async def text(self, telegram_id: int, raw: str) -> Record:
        flow = await self._at(telegram_id, "percent", "stones")
        project_id = int(flow.data["project_id"])
        try:
            if flow.step == "percent":
                found = await self.changes.set_percent(telegram_id, project_id, raw)
            else:
                found = await self.changes.add_milestones(telegram_id, project_id, raw)
        except Refusal as exc:
            if exc.code == "grant_closed_staff":
                await flows.clear(self.db, telegram_id)
            raise
        await flows.clear(self.db, telegram_id)
        return found

    async def step(self, telegram_id: int) -> tuple[str, int] | None:
        """What the open question is about, for a media answer's reminder."""
        flow = await self.current(telegram_id)
        return (flow.step, int(flow.data["project_id"])) if flow is not None else None
