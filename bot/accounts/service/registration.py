"""Registration: from /start to a registration waiting for a coordinator's approval.

The draft lives in the `flows` table and is written after every answer, so a restart (or a
phone that drops off the network for a day) resumes at the step the person had reached.

After a rejection the answers stay on the person's row: registering again starts from them, on
the summary, where each one can be changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.accounts.service import cards, steps
from bot.accounts.service.answers import StepFlow
from bot.accounts.service.approvals import registration_card
from bot.accounts.service.limits import RegistrationLimit, secret_from
from bot.clock import Clock
from bot.core import flows
from bot.core import users as users_repo
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.people import People
from bot.core.places import repo as places
from bot.core.users import User
from bot.db import Database
from bot.delivery.outbox import Outbox

FLOW = "registration"
PLAN = ["lang", "phone", "region", "district", "municipality", "position", "name", "gender"]
PLAN += ["confirm"]
ANSWERS = ("phone", "municipality_id", "position", "full_name", "gender")
"""The answers a registration holds, for the question before leaving it."""
AGAIN = ("rejected", "inactive")
"""Who registers again from their previous answers: after a rejection, or deactivated by
staff after leaving office (a new request, decided as usual)."""


@dataclass(frozen=True)
class Started:
    """What /start found: a fresh or resumed flow, or an account already past registration."""

    user: User
    flow: Flow | None


class Registration(StepFlow):
    flow_name = FLOW

    @classmethod
    def answers(cls, flow: Flow) -> int:
        """A registration started again from a rejected one loses nothing on leaving: its
        answers are still on the person's row."""
        if flow.data.get("again"):
            return 0
        return sum(1 for name in ANSWERS if flow.data.get(name))

    def __init__(self, db: Database, clock: Clock, outbox: Outbox, people: People) -> None:
        super().__init__(db, clock)
        self.outbox = outbox
        self.people = people
        self.limit = RegistrationLimit(db, clock, secret_from(people.config.token))

    async def start(self, telegram_id: int, tg_name: str, tg_lang: str | None = None) -> Started:
        user = await users_repo.ensure(self.db, telegram_id, tg_name, self.now(), tg_lang)
        # Pushes parked for this chat (a block, or "chat not found" before the first /start)
        # go out now: writing to the bot proves it can write back.
        await self.outbox.set_reachable(telegram_id, reachable=True)
        current = await flows.get(self.db, telegram_id)
        if current is not None and current.flow == FLOW:
            return Started(user, current)
        if (
            user.status in ("pending", "approved")
            or (await self.people.actor(telegram_id)).is_staff
        ):
            return Started(user, None)
        if user.status in AGAIN:
            return Started(user, await self._save(await self._from_answers(user)))
        flow = steps.with_plan(Flow(telegram_id, FLOW, "lang"), PLAN)
        await flows.save(self.db, flow, self.now())
        return Started(user, flow)

    async def again(self, telegram_id: int) -> Flow:
        """[Register again] after a rejection or a deactivation: the previous answers on the
        summary (or the registration already under way); anyone else has nothing to start
        again."""
        current = await self.current(telegram_id)
        if current is not None:
            return current
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None or user.status not in AGAIN:
            raise Refusal("stale")
        return await self._save(await self._from_answers(user))

    async def _from_answers(self, user: User) -> Flow:
        """A registration holding the rejected one's answers, at the summary; an answer no
        longer there (cleared since, or its place gone) is asked first."""
        data: dict[str, object] = {"again": True, "lang": user.lang}
        for name in ("phone", "full_name", "gender", "position", "position_detail"):
            data[name] = getattr(user, name)
        path = await places.path(self.db, user.municipality_id)
        if path is not None and path.district is not None:
            data.update(municipality_id=path.municipality.id, district_id=path.district.id,
                        region_id=path.district.parent_id)  # fmt: skip
        missing = {
            "lang": not user.lang,
            "phone": not user.phone,
            "region": "municipality_id" not in data,
            "district": "municipality_id" not in data,
            "municipality": "municipality_id" not in data,
            "position": not user.position,
            "name": not user.full_name,
            "gender": not user.gender,
        }
        plan = [step for step in PLAN[:-1] if missing[step]] + ["confirm"]
        return steps.with_plan(Flow(user.telegram_id or 0, FLOW, plan[0], data), plan)

    async def restart(self, telegram_id: int) -> Flow:
        """'Start over' from the summary keeps the chosen language, which is the first step."""
        flow = await self._at(telegram_id, "confirm")
        lang = flow.data.get("lang")
        flow = steps.with_plan(Flow(telegram_id, FLOW, "phone", {"lang": lang}), PLAN[1:])
        return await self._saved(flow)

    async def edit(self, telegram_id: int, field: str) -> Flow:
        """From the summary: ask one field again, then come back to the summary."""
        flow = await self._at(telegram_id, "confirm")
        if field not in steps.FIELD_PLANS:
            raise Refusal("stale")
        return await self._saved(steps.with_plan(flow, [*steps.FIELD_PLANS[field], "confirm"]))

    async def pick(self, telegram_id: int, step: str, value: str) -> Flow:
        flow = await super().pick(telegram_id, step, value)
        if step == "lang":
            await users_repo.set_lang(self.db, telegram_id, value, self.now())
        return flow

    async def confirm(self, telegram_id: int) -> User:
        """Saves the profile, marks it pending and asks the staff who cover it to decide."""
        flow = await self._at(telegram_id, "confirm")
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        assert user is not None
        fields = {k: flow.data[k] for k in users_repo.PROFILE_FIELDS if k in flow.data}
        fields.pop("lang", None)  # saved when chosen; /language may have changed it since
        async with self.db.transaction():
            await users_repo.update_fields(self.db, user.id, self.now(), **fields)
            await users_repo.submit(self.db, user.id, self.now())
            await flows.clear(self.db, telegram_id)
            await self.request_approval(user.id)
        pending = await users_repo.by_id(self.db, user.id)
        assert pending is not None
        return pending

    async def request_approval(self, user_id: int) -> int:
        """A card to each reviewer who covers the person's region, in place of any earlier
        card still waiting; refused past the day's limit. Runs in the caller's transaction, so
        a refusal leaves the profile as it was."""
        user = await users_repo.by_id(self.db, user_id)
        assert user is not None
        await self.limit.count(user.telegram_id or 0, user.phone)
        region_id = await places.region_id_of(self.db, user.municipality_id)
        recipients = await self._reviewers(region_id)
        card = await registration_card(self.db, user)
        await cards.replace_earlier(self.outbox, user_id, user.submissions)
        for chat_id in recipients:
            await self.outbox.enqueue(
                f"approval-request:{user_id}:{user.submissions}:{chat_id}",
                chat_id,
                "approval",
                "approval_request",
                card,
            )
        return len(recipients)

    async def reviewers_of(self, telegram_id: int) -> int:
        """How many coordinators would get this person's registration card (none when no admin
        is configured and no coordinator covers their region)."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None:
            return 0
        return len(await self._reviewers(await places.region_id_of(self.db, user.municipality_id)))

    async def _reviewers(self, region_id: int | None) -> list[int]:
        chat_ids = set(self.people.config.admins)
        for person in await users_repo.staff(self.db):
            actor = await self.people.actor_of(person.telegram_id or 0, person)
            if actor.covers_region(region_id):
                chat_ids.add(person.telegram_id or 0)
        return sorted(chat_ids - {0})
