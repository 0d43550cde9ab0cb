"""What registration and the profile editor share: an answer checked, the flow saved, and the
next question with what it offers (places to pick, or the chosen place to show)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.accounts.service import steps
from bot.clock import Clock
from bot.core.flows import Flow
from bot.core.places import repo as places
from bot.core.places.repo import Place, PlacePath
from bot.core.wizard import Wizard
from bot.db import Database


@dataclass(frozen=True)
class Question:
    """A step to ask: the flow, the places to choose from at a place step, and the chosen
    municipality for the summary."""

    flow: Flow
    options: list[Place] = field(default_factory=list)
    place: PlacePath | None = None


async def question(db: Database, flow: Flow) -> Question:
    if flow.step == "region":
        return Question(flow, await places.regions_with_municipalities(db))
    if flow.step == "district":
        region_id = int(flow.data["region_id"])
        return Question(flow, await places.districts_with_municipalities(db, region_id))
    if flow.step == "municipality":
        district_id = int(flow.data["district_id"])
        return Question(flow, await places.municipalities_in(db, district_id))
    if flow.step == "confirm":
        return Question(flow, place=await places.path(db, flow.data.get("municipality_id")))
    return Question(flow)


class StepFlow(Wizard):
    """Registration and profile edits: each answer goes through the shared checks in `steps`;
    `_saved` is where a subclass acts on a finished step before the flow is stored."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def pick(self, telegram_id: int, step: str, value: str) -> Flow:
        flow = await steps.take_pick(self.db, await self._at(telegram_id), step, value)
        return await self._saved(flow)

    async def text(self, telegram_id: int, text: str) -> Flow:
        return await self._saved(steps.take_text(await self._at(telegram_id), text))

    async def contact(self, telegram_id: int, contact_user_id: int | None, phone: str) -> Flow:
        flow = await self._at(telegram_id)
        return await self._saved(steps.take_contact(flow, telegram_id, contact_user_id, phone))

    async def question(self, flow: Flow) -> Question:
        return await question(self.db, flow)

    async def _saved(self, flow: Flow) -> Flow:
        return await self._save(flow)
