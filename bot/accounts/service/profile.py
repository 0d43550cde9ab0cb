"""Editing one's own profile after registration, and staff's own profile.

An edit is a short flow that plans only the steps for the chosen field. A new municipality puts
an approved account back in the queue for approval: the municipality decides what a member sees.
An edit while the account still waits sends reviewers a fresh card; the old card stops working.

Staff who are not registered members of a municipality have a profile of their own: name,
organisation and phone (shared with the contact button or typed: an office number will do),
shown with their decisions and in /staff. Their first /profile asks all three.
"""

from __future__ import annotations

from bot.accounts.service import steps
from bot.accounts.service.answers import StepFlow
from bot.accounts.service.registration import Registration
from bot.accounts.service.steps import FIELD_PLANS, STAFF_PLANS
from bot.clock import Clock
from bot.core import flows
from bot.core import users as users_repo
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.users import User
from bot.db import Database

FLOW = "profile"
MEMBERS = ("pending", "approved")
FIELD_COLUMNS = {
    "name": ("full_name",),
    "phone": ("phone",),
    "municipality": ("municipality_id",),
    "position": ("position", "position_detail"),
    "gender": ("gender",),
    "organisation": ("organisation",),
    "staff": ("full_name", "organisation", "phone"),
}


class Profile(StepFlow):
    flow_name = FLOW

    def __init__(self, db: Database, clock: Clock, registration: Registration) -> None:
        super().__init__(db, clock)
        self.registration = registration

    async def user(self, telegram_id: int) -> User | None:
        """A registered member (approved, or waiting for approval)."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        return user if user is not None and user.status in MEMBERS else None

    async def staff_user(
        self, telegram_id: int, tg_name: str = "", tg_lang: str | None = None
    ) -> User | None:
        """Staff who are not a registered member: their own row (made now for a configured
        admin who never wrote); None for anyone else."""
        if await self.user(telegram_id) is not None:
            return None
        if not (await self.registration.people.actor(telegram_id)).is_staff:
            return None
        found = await users_repo.by_telegram_id(self.db, telegram_id)
        if found is not None:
            return found
        name = tg_name or str(telegram_id)
        return await users_repo.ensure(self.db, telegram_id, name, self.now(), tg_lang)

    async def begin(self, telegram_id: int, field: str) -> Flow:
        if field in FIELD_PLANS and await self.user(telegram_id) is not None:
            flow = Flow(telegram_id, FLOW, "", {"field": field})
            return await self._saved(steps.with_plan(flow, FIELD_PLANS[field]))
        if field in STAFF_PLANS and await self.staff_user(telegram_id) is not None:
            flow = Flow(telegram_id, FLOW, "", {"field": field, "staff": True})
            return await self._saved(steps.with_plan(flow, STAFF_PLANS[field]))
        raise Refusal("stale")

    async def _saved(self, flow: Flow) -> Flow:
        if flow.step != "done":
            return await super()._saved(flow)
        field = flow.data["field"]
        values = {column: flow.data.get(column) for column in FIELD_COLUMNS[field]}
        if flow.data.get("staff"):
            staff = await self.staff_user(flow.telegram_id)
            if staff is None:
                raise Refusal("stale")
            async with self.db.transaction():
                await users_repo.update_fields(self.db, staff.id, self.now(), **values)
                await flows.clear(self.db, flow.telegram_id)
            return flow
        user = await self.user(flow.telegram_id)
        if user is None:
            raise Refusal("stale")
        moved = field == "municipality" and values["municipality_id"] != user.municipality_id
        resubmit = moved or user.status == "pending"
        async with self.db.transaction():
            await users_repo.update_fields(self.db, user.id, self.now(), **values)
            if resubmit:
                await users_repo.submit(self.db, user.id, self.now())
                await self.registration.request_approval(user.id)
            await flows.clear(self.db, flow.telegram_id)
        return flow
