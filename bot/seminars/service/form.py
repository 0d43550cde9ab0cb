"""The seminar wizard: one question per step, kept in the flows table, for a new seminar or for
one part of an existing one.

Creating asks every step; editing plans only the steps of the chosen part, starts from the
seminar's current values, and "skip" keeps a value as it is.

Someone who may create seminars in several programmes is first asked which one; with one, it is
taken without a question. The audience picker offers only the places that programme reaches.

The wizard ends in a summary: any part can be asked again from there (with its current answer
shown and kept on "Keep as it is"), then the summary comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NotRequired, TypedDict, cast

from bot.core import flows
from bot.core.audience.repo import Option
from bot.core.audience.service import Audience, empty, find, with_programme
from bot.core.errors import Refusal
from bot.core.fields import text_value
from bot.core.flows import Flow
from bot.core.people import Actor
from bot.core.programmes.repo import Programme
from bot.core.quicktimes import Pick, before, choose, meetings, typed, unsure
from bot.core.reminders.settings import DEFAULTS, Settings, SettingsData, read
from bot.core.wizard import Wizard
from bot.db import utcnow_iso
from bot.seminars.repo.seminars import (
    CONTENT,
    TIMES,
    Field,
    Seminar,
    SeminarContent,
    SeminarFields,
)
from bot.seminars.service import fields
from bot.seminars.service.reminders import SeminarReminders
from bot.seminars.service.seminars import Seminars

FLOW = "seminar_form"
PROGRAMME = "programme"
"""The first step, asked only of someone who may create in more than one programme."""
STEPS = [
    "title_ky", "title_ru", "description_ky", "description_ru", "starts_at", "ends_at",
    "rsvp_deadline", "city", "address", "location", "audience", "capacity", "organiser",
]  # fmt: skip
Part = Literal["title", "description", "schedule", "venue", "audience", "capacity", "organiser"]
PARTS: dict[Part, list[str]] = {
    "title": ["title_ky", "title_ru"],
    "description": ["description_ky", "description_ru"],
    "schedule": ["starts_at", "ends_at", "rsvp_deadline"],
    "venue": ["city", "address", "location"],
    "audience": ["audience"],
    "capacity": ["capacity"],
    "organiser": ["organiser"],
}
TIME_STEPS: tuple[str, ...] = TIMES
"""The questions answered with a time: quick picks, typed times read back."""
REMINDERS = "reminders"
"""Asked only from the summary of a new seminar: the defaults stand until changed there."""
OPTIONAL = {"title_ky", "title_ru", "description_ky", "description_ru", "rsvp_deadline", "location"}
_TEXT_LIMITS = fields.TEXT_LIMITS


class FormData(TypedDict):
    """The wizard's flow data, kept as JSON in the flows table."""

    plan: list[str]
    """The steps still to ask, the current one first."""
    values: SeminarFields
    """The answers so far, times as ISO text; when editing, the seminar's content to start from."""
    seminar_id: int | None
    """The seminar being edited; None for a new one."""
    original: NotRequired[SeminarContent]
    audience: NotRequired[Audience]
    original_audience: NotRequired[Audience]
    touched: NotRequired[list[str]]
    """The steps answered rather than skipped."""
    programme_id: NotRequired[int]
    """The programme the seminar goes into (chosen, the only one, or the edited seminar's)."""
    revising: NotRequired[bool]
    """A part of a new seminar is asked again from the summary: its answers are kept unless
    changed, as when editing."""
    audience_query: NotRequired[str | None]
    """What was typed to find a place on the audience's list, if anything."""
    reminders: NotRequired[SettingsData]
    """A new seminar's reminders, when changed from the defaults on the summary."""


def form_data(flow: Flow) -> FormData:
    """The data of a seminar wizard's flow, as `begin` or `begin_edit` wrote it."""
    # The flows table keeps every flow's data as untyped JSON; this flow's is a FormData.
    return cast(FormData, flow.data)


@dataclass(frozen=True)
class Preview:
    seminar: Seminar
    """As it will be saved, so the invitation can be shown exactly as it will read."""
    reach: int
    editing: bool
    reminders: Settings = DEFAULTS["seminar"]


def reminders_of(data: FormData) -> Settings:
    found = data.get("reminders")
    return Settings.from_data(found) if found is not None else DEFAULTS["seminar"]


class SeminarForm(Wizard):
    flow_name = FLOW

    @classmethod
    def answers(cls, flow: Flow) -> int:
        """The questions answered so far (a part asked again counts once)."""
        return len(set(form_data(flow).get("touched", [])))

    def __init__(self, seminars: Seminars) -> None:
        self.seminars = seminars
        self.db = seminars.db
        self.clock = seminars.clock
        self.zone = seminars.people.config.zone

    async def begin(self, telegram_id: int) -> Flow:
        actor = await self.seminars.people.require_staff(telegram_id)
        open_ = await self.seminars.programmes.open_to(actor)
        if not open_:
            raise Refusal("no_programme")
        data: FormData = {"plan": list(STEPS), "values": {}, "seminar_id": None}
        if len(open_) == 1:
            data["programme_id"] = open_[0].id
        else:
            data["plan"].insert(0, PROGRAMME)
        # A Flow holds any flow's data as a plain dict (see `form_data` for the way back).
        return await self._save(Flow(telegram_id, FLOW, data["plan"][0], dict(data)))

    async def programmes(self, telegram_id: int) -> list[Programme]:
        """The choice of the first step: the active programmes this person may create in."""
        actor = await self.seminars.people.require_staff(telegram_id)
        return await self.seminars.programmes.open_to(actor)

    async def choose_programme(self, telegram_id: int, value: str) -> Flow:
        """A programme not open to this person (a forged button) is not allowed."""
        flow = await self._at(telegram_id, PROGRAMME)
        try:
            programme_id = int(value)
        except ValueError:
            raise Refusal("stale") from None
        actor = await self.seminars.people.require_staff(telegram_id)
        programme = await self.seminars.programmes.pick(actor, programme_id)
        form_data(flow)["programme_id"] = programme.id
        return await self._next(flow, touched=False)

    async def begin_edit(self, telegram_id: int, seminar_id: int, part: Part) -> Flow:
        _, seminar = await self.seminars.manage(telegram_id, seminar_id)
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        plan = list(PARTS[part])
        data: FormData = {"plan": plan, "values": seminar.content(), "seminar_id": seminar_id,
                          "original": seminar.content(), "audience": seminar.audience,
                          "original_audience": seminar.audience}  # fmt: skip
        if seminar.programme_id is not None:
            data["programme_id"] = seminar.programme_id
        return await self._save(Flow(telegram_id, FLOW, plan[0], dict(data)))

    async def text(self, telegram_id: int, raw: str) -> Flow:
        flow = await self._at(telegram_id, PROGRAMME, *STEPS, "audience_pick", REMINDERS)
        step, values = flow.step, form_data(flow)["values"]
        if step == "audience_pick":
            return await self.search(telegram_id, raw)
        if step == REMINDERS:
            d = form_data(flow)
            d["reminders"] = reminders_of(d).with_times(*read(raw)).data()
        elif step in _TEXT_LIMITS:
            values[step] = fields.text_value(raw, _TEXT_LIMITS[step])
        elif step == "location":
            values["latitude"], values["longitude"] = fields.location_value(raw)
        elif step == "capacity":
            values["capacity"] = fields.capacity_value(raw)
        elif step in TIMES:
            values[step] = utcnow_iso(self._time(step, raw, values))
        else:
            raise Refusal("use_buttons")
        return await self._next(flow)

    def _time(self, step: str, raw: str, values: SeminarFields) -> datetime:
        """A typed time, checked for its step; Unsure (to be read back for a yes) when it was
        not read for certain. A bare time for the end or the deadline is on the start's day."""
        now = self.clock.now()
        starts = values.get("starts_at")
        day_of = fields.as_time(starts) if starts and step != "starts_at" else None
        reading = typed(raw, now, self.zone, day_of)
        when = self._check(step, reading.when, values)
        unsure(reading, now, self.zone)
        return when

    async def time_question(self, telegram_id: int, step: str | None = None) -> Flow:
        """The open flow, standing at a time question (at `step`, when named)."""
        flow = await self._at(telegram_id, *((step,) if step else TIME_STEPS))
        if flow.step not in TIME_STEPS:
            raise Refusal("stale")
        return flow

    async def pick_time(self, telegram_id: int, step: str, when: datetime) -> Flow:
        """A quick pick, or the yes to a time read back, at the time question it was given."""
        flow = await self.time_question(telegram_id, step)
        values = form_data(flow)["values"]
        for field in TIMES:
            if field == flow.step:
                values[field] = utcnow_iso(self._check(field, when, values))
        return await self._next(flow)

    def picks(self, flow: Flow) -> list[Pick]:
        """Quick picks for the start (tomorrow, Monday, the Monday after, at 10:00) and the
        answer deadline (before the start); the end is a time on the start's day, typed."""
        now, values = self.clock.now(), form_data(flow)["values"]
        if flow.step == "starts_at":
            return choose(meetings(now, self.zone), now, self.zone)
        starts = values.get("starts_at")
        if flow.step == "rsvp_deadline" and starts:
            limit = fields.as_time(starts)
            return choose(before(limit, now, self.zone), now, self.zone, not_after=limit)
        return []

    def _check(self, step: str, when: datetime, values: SeminarFields) -> datetime:
        now = self.clock.now()
        starts = values.get("starts_at")
        if step == "starts_at":
            if when <= now:
                raise Refusal("time_in_past")
            return when
        assert starts is not None, "the start is asked before the end and the deadline"
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
        values = form_data(flow)["values"]
        values["latitude"], values["longitude"] = fields.coordinates(lat, lon)
        return await self._next(flow)

    async def edit_part(self, telegram_id: int, part: str) -> Flow:
        """From the summary: the questions of one part again, then the summary."""
        flow = await self._at(telegram_id, "preview")
        if part == REMINDERS:
            plan = [REMINDERS]
        elif part in PARTS:
            plan = list(PARTS[part])
        else:
            raise Refusal("stale")
        d = form_data(flow)
        d["plan"] = plan
        if d["seminar_id"] is None:
            d["revising"] = True
            if "audience" in d:
                d["original_audience"] = d["audience"]
        flow.step = d["plan"][0]
        return await self._save(flow)

    async def skip(self, telegram_id: int) -> Flow:
        """Leaves an optional answer empty; when editing, keeps the current value."""
        flow = await self._at(telegram_id, *STEPS, "audience_pick", REMINDERS)
        d = form_data(flow)
        editing = d["seminar_id"] is not None or bool(d.get("revising"))
        if flow.step not in OPTIONAL and not editing:
            raise Refusal("stale")
        values = d["values"]
        if flow.step == "rsvp_deadline":
            starts = values["starts_at"]
            if not editing or fields.as_time(values["rsvp_deadline"]) > fields.as_time(starts):
                values["rsvp_deadline"] = starts
        elif flow.step == "title_ru" and not values.get("title_ky"):
            raise Refusal("no_text")
        elif flow.step == "ends_at" and d.get("revising"):
            schedule: SeminarFields = {**values, "rsvp_deadline": values["starts_at"]}
            fields.check_schedule(schedule, self.clock.now(), False)
        elif flow.step == "audience_pick":
            d["audience"] = d["original_audience"]
            flow.step = "audience"
            return await self._next(flow, touched=False)
        return await self._next(flow, touched=not editing)

    async def choose_kind(self, telegram_id: int, kind: str) -> Flow:
        flow = await self._at(telegram_id, "audience", "audience_pick")
        d = form_data(flow)
        programme_id = d.get("programme_id")
        audience = empty(kind)
        d["audience"] = audience if programme_id is None else with_programme(audience, programme_id)
        d.pop("audience_query", None)
        if kind != "all":
            flow.step = "audience_pick"
            return await self._save(flow)
        return await self._audience_done(flow)

    async def search(self, telegram_id: int, raw: str | None) -> Flow:
        """Typed text on the audience's list looks for a place; None shows the whole list."""
        flow = await self._at(telegram_id, "audience_pick")
        form_data(flow)["audience_query"] = text_value(raw, 100) if raw is not None else None
        return await self._save(flow)

    async def toggle(self, telegram_id: int, value: str) -> Flow:
        flow = await self._at(telegram_id, "audience_pick")
        actor = await self._actor(flow)
        await self.seminars.audiences.toggle(actor, form_data(flow)["audience"], value)
        return await self._save(flow)

    async def _actor(self, flow: Flow) -> Actor:
        """The author as staff of the wizard's programme, with its region limit."""
        actor = await self.seminars.people.require_staff(flow.telegram_id)
        programme_id = form_data(flow).get("programme_id")
        return actor if programme_id is None else actor.within(programme_id)

    async def audience_done(self, telegram_id: int) -> Flow:
        return await self._audience_done(await self._at(telegram_id, "audience_pick"))

    async def _audience_done(self, flow: Flow) -> Flow:
        if not await self.seminars.reach(flow.telegram_id, form_data(flow)["audience"]):
            raise Refusal("no_recipients")
        form_data(flow).pop("audience_query", None)
        flow.step = "audience"
        return await self._next(flow)

    async def options(self, telegram_id: int, kind: str) -> list[Option]:
        """What the picker offers: places of the programme's reach, inside the author's limit."""
        flow = await self._at(telegram_id, "audience_pick")
        programme_id = form_data(flow).get("programme_id")
        actor = await self._actor(flow)
        found = await self.seminars.audiences.options(actor, kind, programme_id)
        query = form_data(flow).get("audience_query")
        return find(found, query) if query else found

    async def preview(self, telegram_id: int) -> Preview:
        flow = await self._at(telegram_id, "preview")
        d = form_data(flow)
        seminar = Seminar.draft(
            d["values"], d["audience"], d["seminar_id"] or 0, d.get("programme_id")
        )
        reach = await self.seminars.reach(telegram_id, d["audience"])
        return Preview(seminar, reach, d["seminar_id"] is not None, reminders_of(d))

    async def choose_reminders(self, telegram_id: int, value: str) -> Flow:
        """The defaults in one tap, or none; a list of times is typed (`text`)."""
        flow = await self._at(telegram_id, REMINDERS)
        d = form_data(flow)
        if value == "default":
            d["reminders"] = DEFAULTS["seminar"].data()
        elif value == "off":
            d["reminders"] = {**reminders_of(d).data(), "enabled": False}
        else:
            raise Refusal("stale")
        return await self._next(flow)

    def _changed(self, data: FormData) -> list[Field]:
        original: SeminarFields = data.get("original") or {}
        return [f for f in CONTENT if data["values"].get(f) != original.get(f)]

    async def confirm(self, telegram_id: int) -> tuple[Seminar, int, bool]:
        """Creates or saves; returns the seminar, how many were invited or told, and which."""
        flow = await self._at(telegram_id, "preview")
        d = form_data(flow)
        if d["seminar_id"] is None:
            values: SeminarFields = {}
            for f in CONTENT:
                values[f] = d["values"].get(f)
            async with self.db.transaction():
                seminar, count = await self.seminars.create(
                    telegram_id, values, d["audience"], d.get("programme_id")
                )
                if reminders_of(d) != DEFAULTS["seminar"]:
                    keeper = SeminarReminders(self.seminars)
                    await keeper.save(telegram_id, seminar.id, reminders_of(d))
        else:
            changes: SeminarFields = {}
            for f in self._changed(d):
                changes[f] = d["values"][f]
            audience = d["audience"] if "audience" in d.get("touched", []) else None
            seminar, count = await self.seminars.update(
                telegram_id, d["seminar_id"], changes, audience
            )
        await flows.clear(self.db, telegram_id)
        return seminar, count, d["seminar_id"] is not None

    async def _next(self, flow: Flow, touched: bool = True) -> Flow:
        d = form_data(flow)
        plan = d["plan"]
        done = plan.pop(0)
        if touched:
            d.setdefault("touched", []).append(done)
        flow.step = plan[0] if plan else "preview"
        if not plan:
            d.pop("revising", None)
        return await self._save(flow)
