"""Editing one's own profile after registration.

An edit is a short flow that plans only the steps for the chosen field. A new municipality puts
an approved account back in the queue for approval: the municipality decides what a member sees.
An edit while the account still waits sends reviewers a fresh card; the old card stops working.
"""

from __future__ import annotations

from bot.accounts.service import steps
from bot.accounts.service.answers import StepFlow
from bot.accounts.service.registration import Registration
from bot.accounts.service.steps import FIELD_PLANS
from bot.clock import Clock
from bot.core import flows
from bot.core import users as users_repo
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.users import User
from bot.db import Database

FLOW = "profile"
FIELD_COLUMNS = {
    "name": ("full_name",),
    "phone": ("phone",),
    "municipality": ("municipality_id",),
    "position": ("position", "position_detail"),
    "gender": ("gender",),
}


class Profile(StepFlow):
    flow_name = FLOW

    def __init__(self, db: Database, clock: Clock, registration: Registration) -> None:
        super().__init__(db, clock)
        self.registration = registration

    async def user(self, telegram_id: int) -> User | None:
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        return user if user is not None and user.status in ("pending", "approved") else None

    async def begin(self, telegram_id: int, field: str) -> Flow:
        if field not in FIELD_PLANS or await self.user(telegram_id) is None:
            raise Refusal("stale")
        flow = steps.with_plan(Flow(telegram_id, FLOW, "", {"field": field}), FIELD_PLANS[field])
        return await self._saved(flow)

    async def _saved(self, flow: Flow) -> Flow:
        if flow.step != "done":
            return await super()._saved(flow)
        user = await self.user(flow.telegram_id)
        if user is None:
            raise Refusal("stale")
        field = flow.data["field"]
        values = {column: flow.data.get(column) for column in FIELD_COLUMNS[field]}
        moved = field == "municipality" and values["municipality_id"] != user.municipality_id
        resubmit = moved or user.status == "pending"
        async with self.db.transaction():
            await users_repo.update_fields(self.db, user.id, self.now(), **values)
            if resubmit:
                await users_repo.submit(self.db, user.id, self.now())
                await self.registration.request_approval(user.id)
            await flows.clear(self.db, flow.telegram_id)
        return flow
