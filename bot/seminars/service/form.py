"""The seminar wizard: one question per step, kept in the flows table, for a new seminar or for
one part of an existing one.

Creating asks every step; editing plans only the steps of the chosen part, starts from the
seminar's current values, and "skip" keeps a value as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.core import flows
from bot.core.audience.repo import Option
from bot.core.audience.service import empty
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.wizard import Wizard
from bot.db import utcnow_iso
from bot.seminars.repo.seminars import CONTENT, Seminar
from bot.seminars.service import fields
from bot.seminars.service.seminars import Seminars

FLOW = "seminar_form"
STEPS = [
    "title_ky", "title_ru", "description_ky", "description_ru", "starts_at", "ends_at",
    "rsvp_deadline", "city", "address", "location", "audience", "capacity", "organiser",
]  # fmt: skip
PARTS = {
    "title": ["title_ky", "title_ru"],
    "description": ["description_ky", "description_ru"],
    "schedule": ["starts_at", "ends_at", "rsvp_deadline"],
    "venue": ["city", "address", "location"],
    "audience": ["audience"],
    "capacity": ["capacity"],
    "organiser": ["organiser"],
}
OPTIONAL = {"title_ky", "title_ru", "description_ky", "description_ru", "rsvp_deadline", "location"}
_TEXT_LIMITS = fields.TEXT_LIMITS


@dataclass(frozen=True)
class Preview:
    seminar: Seminar
    """As it will be saved, so the invitation can be shown exactly as it will read."""
    reach: int
    editing: bool


class SeminarForm(Wizard):
    flow_name = FLOW

    def __init__(self, seminars: Seminars) -> None:
        self.seminars = seminars
        self.db = seminars.db
        self.clock = seminars.clock
        self.zone = seminars.people.config.zone

    async def begin(self, telegram_id: int) -> Flow:
        await self.seminars.people.require_staff(telegram_id)
        data = {"plan": list(STEPS), "values": {}, "seminar_id": None}
        return await self._save(Flow(telegram_id, FLOW, STEPS[0], data))

    async def begin_edit(self, telegram_id: int, seminar_id: int, part: str) -> Flow:
        _, seminar = await self.seminars.manage(telegram_id, seminar_id)
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        plan = list(PARTS[part])
        data = {"plan": plan, "values": seminar.content(), "seminar_id": seminar_id,
                "original": seminar.content(), "audience": seminar.audience,
                "original_audience": seminar.audience}  # fmt: skip
        return await self._save(Flow(telegram_id, FLOW, plan[0], data))

    async def text(self, telegram_id: int, raw: str) -> Flow:
        flow = await self._at(telegram_id, *STEPS, "audience_pick")
        step, values = flow.step, flow.data["values"]
        if step in _TEXT_LIMITS:
            values[step] = fields.text_value(raw, _TEXT_LIMITS[step])
        elif step == "location":
            values["latitude"], values["longitude"] = fields.location_value(raw)
        elif step == "capacity":
            values["capacity"] = fields.capacity_value(raw)
        elif step in ("starts_at", "ends_at", "rsvp_deadline"):
            values[step] = utcnow_iso(self._time(step, raw, values))
        else:
            raise Refusal("use_buttons")
        return await self._next(flow)

    def _time(self, step: str, raw: str, values: dict[str, Any]):
        now = self.clock.now()
        starts = values.get("starts_at")
        day_of = fields.as_time(starts) if starts and step != "starts_at" else None
        when = fields.when_value(raw, now, self.zone, day_of)
        if step == "starts_at" and when <= now:
            raise Refusal("time_in_past")
        if step == "ends_at":
            fields.check_schedule({**values, "ends_at": when, "rsvp_deadline": starts}, now, False)
        if step == "rsvp_deadline":
            if when <= now:
                raise Refusal("time_in_past")
            if when > fields.as_time(starts):
                raise Refusal("deadline_after_start")
        return when

    async def location(self, telegram_id: int, lat: float, lon: float) -> Flow:
        flow = await self._at(telegram_id, "location")
        values = flow.data["values"]
        values["latitude"], values["longitude"] = fields.coordinates(lat, lon)
        return await self._next(flow)

    async def skip(self, telegram_id: int) -> Flow:
        """Leaves an optional answer empty; when editing, keeps the current value."""
        flow = await self._at(telegram_id, *STEPS, "audience_pick")
        editing = flow.data["seminar_id"] is not None
        if flow.step not in OPTIONAL and not editing:
            raise Refusal("stale")
        values = flow.data["values"]
        if flow.step == "rsvp_deadline":
            starts = values["starts_at"]
            if not editing or fields.as_time(values["rsvp_deadline"]) > fields.as_time(starts):
                values["rsvp_deadline"] = starts
        elif flow.step == "title_ru" and not values.get("title_ky"):
            raise Refusal("no_text")
        elif flow.step == "audience_pick":
            flow.data["audience"] = flow.data["original_audience"]
            flow.step = "audience"
            return await self._next(flow, touched=False)
        return await self._next(flow, touched=not editing)

    async def choose_kind(self, telegram_id: int, kind: str) -> Flow:
        flow = await self._at(telegram_id, "audience", "audience_pick")
        flow.data["audience"] = empty(kind)
        if kind != "all":
            flow.step = "audience_pick"
            return await self._save(flow)
        return await self._audience_done(flow)

    async def toggle(self, telegram_id: int, value: str) -> Flow:
        flow = await self._at(telegram_id, "audience_pick")
        actor = await self.seminars.people.require_staff(telegram_id)
        await self.seminars.audiences.toggle(actor, flow.data["audience"], value)
        return await self._save(flow)

    async def audience_done(self, telegram_id: int) -> Flow:
        return await self._audience_done(await self._at(telegram_id, "audience_pick"))

    async def _audience_done(self, flow: Flow) -> Flow:
        if not await self.seminars.reach(flow.telegram_id, flow.data["audience"]):
            raise Refusal("no_recipients")
        flow.step = "audience"
        return await self._next(flow)

    async def options(self, telegram_id: int, kind: str) -> list[Option]:
        actor = await self.seminars.people.require_staff(telegram_id)
        return await self.seminars.audiences.options(actor, kind)

    async def preview(self, telegram_id: int) -> Preview:
        flow = await self._at(telegram_id, "preview")
        d = flow.data
        seminar = Seminar.draft(d["values"], d["seminar_id"] or 0)
        reach = await self.seminars.reach(telegram_id, d["audience"])
        return Preview(seminar, reach, d["seminar_id"] is not None)

    def _changed(self, data: dict[str, Any]) -> list[str]:
        original = data.get("original") or {}
        return [f for f in CONTENT if data["values"].get(f) != original.get(f)]

    async def confirm(self, telegram_id: int) -> tuple[Seminar, int, bool]:
        """Creates or saves; returns the seminar, how many were invited or told, and which."""
        flow = await self._at(telegram_id, "preview")
        d = flow.data
        if d["seminar_id"] is None:
            values = {f: d["values"].get(f) for f in CONTENT}
            seminar, count = await self.seminars.create(telegram_id, values, d["audience"])
        else:
            changes = {f: d["values"][f] for f in self._changed(d)}
            audience = d["audience"] if "audience" in d.get("touched", []) else None
            seminar, count = await self.seminars.update(
                telegram_id, d["seminar_id"], changes, audience
            )
        await flows.clear(self.db, telegram_id)
        return seminar, count, d["seminar_id"] is not None

    async def _next(self, flow: Flow, touched: bool = True) -> Flow:
        plan = flow.data["plan"]
        done = plan.pop(0)
        if touched:
            flow.data.setdefault("touched", []).append(done)
        flow.step = plan[0] if plan else "preview"
        return await self._save(flow)
