"""The competition wizard: one question per step, kept in the flows table, so a coordinator
cut off by a restart carries on where they were.

Nothing is created until the preview is confirmed; the checks here are the ones
`competitions.create` applies again, so a wizard answer is refused at its own step. From the
preview's summary any part can be asked again, its current answer kept on "Keep as it is".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NotRequired, TypedDict, TypeGuard, cast

from bot.competitions.repo import competitions as repo
from bot.competitions.repo.competitions import Competition, CompetitionContent, Content
from bot.competitions.service.competitions import CODE_RE, LIMITS, Competitions
from bot.core import fields, flows
from bot.core.audience.repo import Option
from bot.core.audience.service import Audience, empty, find
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.people import Actor
from bot.core.programmes.repo import Programme
from bot.core.quicktimes import Pick, choose, soon, typed, unsure, weeks_after
from bot.core.reminders.settings import DEFAULTS, Settings, SettingsData, read
from bot.core.wizard import Wizard
from bot.db import utcnow_iso

FLOW = "competition_form"
TextStep = Literal[
    "title_ky", "title_ru", "description_ky", "description_ru", "rules_ky", "rules_ru",
    "prizes_ky", "prizes_ru",
]  # fmt: skip
TEXT_LIMITS = {f"{field}_{lang}": limit for field, limit in LIMITS.items() for lang in ("ky", "ru")}
STEPS = [
    "title_ky", "title_ru", "description_ky", "description_ru", "rules_ky", "rules_ru",
    "prizes_ky", "prizes_ru", "code", "entrant_kind", "audience", "opens_at", "deadline",
    "max_files", "needs_residents",
]  # fmt: skip
REMINDERS = "reminders"
"""Asked only from the summary: the defaults stand until changed there."""
TIME_STEPS = ("opens_at", "deadline")
"""The questions answered with a time: quick picks, typed times read back."""
OPTIONAL = {*TEXT_LIMITS, "opens_at", "max_files"}
"""Texts may be left empty; the opening may be "now" and the file limit its default."""
DEFAULT_FILES = 10
AUDIENCE_KINDS = {
    "municipality": ("all", "regions", "districts", "municipalities", "clusters"),
    "cluster": ("all", "clusters"),
}
_NUMBER = re.compile(r"^[+-]?\d{1,3}$")
PARTS: dict[str, list[str]] = {
    "title": ["title_ky", "title_ru"],
    "description": ["description_ky", "description_ru"],
    "rules": ["rules_ky", "rules_ru"],
    "prizes": ["prizes_ky", "prizes_ru"],
    "code": ["code"],
    "entrants": ["entrant_kind", "audience"],
    "dates": ["opens_at", "deadline"],
    "files": ["max_files"],
    "residents": ["needs_residents"],
}
"""What the summary can ask again: the steps that are answered together."""


class FormValues(TypedDict, total=False):
    """The answers so far, as `Content` will hold them (a text skipped is None)."""

    code: str
    title_ky: str | None
    title_ru: str | None
    description_ky: str | None
    description_ru: str | None
    rules_ky: str | None
    rules_ru: str | None
    prizes_ky: str | None
    prizes_ru: str | None
    entrant_kind: str
    opens_at: str
    deadline: str
    max_files: int
    needs_residents: bool


class FormData(TypedDict):
    """The wizard's data in the flows table."""

    plan: list[str]
    """The steps still to answer, the current one first."""
    values: FormValues
    audience: Audience | None
    """Chosen at the audience step."""
    opens_now: bool
    """The opening was skipped: the call goes out when the competition is created."""
    programme_id: NotRequired[int | None]
    """The programme it goes into: chosen at the first step by someone who works in several,
    else the only one open to the author."""
    revising: NotRequired[bool]
    """A part is asked again from the summary: each answer can be kept as it is."""
    audience_query: NotRequired[str | None]
    """What was typed to find a place on the audience's list, if anything."""
    reminders: NotRequired[SettingsData]
    """The reminders, when changed from the defaults on the summary."""


def form_data(flow: Flow) -> FormData:
    """The flows table keeps JSON; `CompetitionForm` wrote it in this shape."""
    return cast(FormData, flow.data)


def _is_text(step: str) -> TypeGuard[TextStep]:
    return step in TEXT_LIMITS


@dataclass(frozen=True)
class Preview:
    values: CompetitionContent
    """Content as `Competition.content()` gives it, so the call renders from it."""
    entrants: int
    opens_now: bool
    programme: Programme | None = None
    """Named on the preview when there is more than one programme."""
    reminders: Settings = DEFAULTS["competition"]


def reminders_of(data: FormData) -> Settings:
    found = data.get("reminders")
    return Settings.from_data(found) if found is not None else DEFAULTS["competition"]


class CompetitionForm(Wizard):
    flow_name = FLOW

    @classmethod
    def answers(cls, flow: Flow) -> int:
        """Every question answered or skipped so far, the audience included."""
        data = form_data(flow)
        return len(data.get("values", {})) + (data.get("audience") is not None)

    def __init__(self, competitions: Competitions) -> None:
        self.competitions = competitions
        self.people = competitions.people
        self.db = competitions.db
        self.clock = competitions.clock
        self.zone = competitions.people.config.zone

    async def begin(self, telegram_id: int) -> Flow:
        """Someone who may create in several programmes chooses one first; with one, it is
        taken without a question."""
        actor = await self.people.require_staff(telegram_id)
        open_ = await self.competitions.programmes.open_to(actor)
        if not open_:
            raise Refusal("no_programme")
        plan = ["programme", *STEPS] if len(open_) > 1 else list(STEPS)
        chosen = open_[0].id if len(open_) == 1 else None
        data: FormData = {"plan": plan, "values": {}, "audience": None, "opens_now": False,
                          "programme_id": chosen}  # fmt: skip
        return await self._save(Flow(telegram_id, FLOW, plan[0], {**data}))

    async def programme_choices(self, telegram_id: int) -> list[Programme]:
        await self._at(telegram_id, "programme")
        actor = await self.people.require_staff(telegram_id)
        return await self.competitions.programmes.open_to(actor)

    async def choose_programme(self, telegram_id: int, value: str) -> Flow:
        """A programme not open to this person (a forged button) is not allowed."""
        flow = await self._at(telegram_id, "programme")
        if not value.isdigit():
            raise Refusal("stale")
        actor = await self.people.require_staff(telegram_id)
        programme = await self.competitions.programmes.pick(actor, int(value))
        form_data(flow)["programme_id"] = programme.id
        return await self._next(flow)

    async def _programme(self, flow: Flow) -> tuple[Actor, int]:
        """The author as staff of the flow's programme, checked again at every use."""
        actor = await self.people.require_staff(flow.telegram_id)
        chosen = form_data(flow).get("programme_id")
        programme = await self.competitions.programmes.pick(actor, chosen)
        return actor.within(programme.id), programme.id

    async def _at(self, telegram_id: int, *steps: str) -> Flow:
        """Staff only at every step: a coordinator demoted mid-wizard can't finish it."""
        await self.people.require_staff(telegram_id)
        return await super()._at(telegram_id, *steps)

    async def text(self, telegram_id: int, raw: str) -> Flow:
        flow = await self._at(
            telegram_id, "programme", *STEPS, "audience_pick", "preview", REMINDERS
        )
        data = form_data(flow)
        step, values = flow.step, data["values"]
        if step == REMINDERS:
            data["reminders"] = reminders_of(data).with_times(*read(raw)).data()
        elif _is_text(step):
            values[step] = fields.text_value(raw, TEXT_LIMITS[step])
        elif step == "code":
            values["code"] = code_value(raw)
        elif step == "opens_at":
            values["opens_at"] = utcnow_iso(self._opening(raw))
            data["opens_now"] = False
        elif step == "deadline":
            values["deadline"] = utcnow_iso(self._deadline(raw, values["opens_at"]))
        elif step == "max_files":
            values["max_files"] = files_value(raw)
        elif step == "audience_pick":
            return await self.search(telegram_id, raw)
        else:
            raise Refusal("use_buttons")
        return await self._next(flow)

    def _opening(self, raw: str) -> datetime:
        """A typed opening; Unsure (read back for a yes) when it was not read for certain."""
        reading = typed(raw, self.clock.now(), self.zone)
        when = self._check_opening(reading.when)
        unsure(reading, self.clock.now(), self.zone)
        return when

    def _deadline(self, raw: str, opens: str) -> datetime:
        reading = typed(raw, self.clock.now(), self.zone)
        when = self._check_deadline(reading.when, opens)
        unsure(reading, self.clock.now(), self.zone)
        return when

    def _check_opening(self, when: datetime) -> datetime:
        if when <= self.clock.now():
            raise Refusal("time_in_past")
        return when

    def _check_deadline(self, when: datetime, opens: str) -> datetime:
        if when <= self.clock.now():
            raise Refusal("time_in_past")
        if when <= fields.as_time(opens):
            raise Refusal("deadline_before_opening")
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
        data = form_data(flow)
        values = data["values"]
        if flow.step == "opens_at":
            values["opens_at"] = utcnow_iso(self._check_opening(when))
            data["opens_now"] = False
        else:
            values["deadline"] = utcnow_iso(self._check_deadline(when, values["opens_at"]))
        return await self._next(flow)

    def picks(self, flow: Flow) -> list[Pick]:
        """The opening: today 18:00, tomorrow 09:00, Monday 09:00; the deadline: a week, two
        weeks or a month after the opening, at 18:00. Only those still ahead."""
        now, values = self.clock.now(), form_data(flow)["values"]
        if flow.step == "opens_at":
            return choose(soon(now, self.zone), now, self.zone)
        if flow.step == "deadline" and values.get("opens_at"):
            opens = fields.as_time(values["opens_at"])
            return choose(weeks_after(opens, self.zone), now, self.zone, after=opens)
        return []

    async def skip(self, telegram_id: int) -> Flow:
        """An empty text, an opening right away, or the default number of files."""
        flow = await self._at(telegram_id, *OPTIONAL)
        data = form_data(flow)
        step, values = flow.step, data["values"]
        if step == "title_ru" and not values.get("title_ky"):
            raise Refusal("no_text")
        if step == "opens_at":
            values["opens_at"] = self.now()
            data["opens_now"] = True
        elif step == "max_files":
            values["max_files"] = DEFAULT_FILES
        elif _is_text(step):
            values[step] = None
        return await self._next(flow)

    async def entrant_kind(self, telegram_id: int, kind: str) -> Flow:
        flow = await self._at(telegram_id, "entrant_kind")
        if kind not in AUDIENCE_KINDS:
            raise Refusal("stale")
        if kind == "cluster":
            _, pid = await self._programme(flow)
            if not await repo.cluster_ids(self.db, [], [], pid):
                raise Refusal("no_clusters")
        data = form_data(flow)
        if data["values"].get("entrant_kind") != kind:
            data["audience"] = None  # chosen among the other kind's places: asked again
        data["values"]["entrant_kind"] = kind
        return await self._next(flow)

    async def edit_part(self, telegram_id: int, part: str) -> Flow:
        """From the summary: the questions of one part again, then the summary."""
        flow = await self._at(telegram_id, "preview")
        if part not in PARTS and part != REMINDERS:
            raise Refusal("stale")
        data = form_data(flow)
        data["plan"] = [REMINDERS] if part == REMINDERS else list(PARTS[part])
        data["revising"] = True
        flow.step = data["plan"][0]
        return await self._save(flow)

    async def keep(self, telegram_id: int) -> Flow:
        """The answer kept as it is, on a question asked again from the summary."""
        flow = await self._at(telegram_id, *STEPS, REMINDERS)
        data = form_data(flow)
        step, values = flow.step, data["values"]
        if not data.get("revising"):
            raise Refusal("stale")
        if step == REMINDERS:
            return await self._next(flow)
        if step == "audience":
            if data["audience"] is None:
                raise Refusal("stale")
            return await self._audience_done(flow)
        if step not in values:
            raise Refusal("stale")
        if step == "deadline":
            deadline = fields.as_time(values["deadline"])
            if deadline <= self.clock.now():
                raise Refusal("time_in_past")
            if deadline <= fields.as_time(values["opens_at"]):
                raise Refusal("deadline_before_opening")
        return await self._next(flow)

    async def choose_kind(self, telegram_id: int, kind: str) -> Flow:
        flow = await self._at(telegram_id, "audience", "audience_pick")
        data = form_data(flow)
        if kind not in AUDIENCE_KINDS[data["values"]["entrant_kind"]]:
            raise Refusal("stale")
        data["audience"] = empty(kind)
        data.pop("audience_query", None)
        if kind != "all":
            flow.step = "audience_pick"
            return await self._save(flow)
        return await self._audience_done(flow)

    async def toggle(self, telegram_id: int, value: str) -> Flow:
        """Only what the picker offers for this programme can be ticked."""
        flow = await self._at(telegram_id, "audience_pick")
        audience = _audience(form_data(flow))
        if value not in {v for v, _ in await self._options(flow, audience["kind"])}:
            raise Refusal("stale")
        actor, _ = await self._programme(flow)
        await self.competitions.audiences.toggle(actor, audience, value)
        return await self._save(flow)

    async def audience_done(self, telegram_id: int) -> Flow:
        return await self._audience_done(await self._at(telegram_id, "audience_pick"))

    async def _audience_done(self, flow: Flow) -> Flow:
        if not await self._entrants(flow):
            raise Refusal("no_entrants")
        form_data(flow).pop("audience_query", None)
        flow.step = "audience"
        return await self._next(flow)

    async def _entrants(self, flow: Flow) -> int:
        actor, pid = await self._programme(flow)
        data = form_data(flow)
        kind = data["values"]["entrant_kind"]
        return len(await self.competitions.entrant_ids(actor, kind, _audience(data), pid))

    async def options(self, telegram_id: int, kind: str) -> list[Option]:
        """The picker's choices, or those found for what was typed."""
        flow = await self._at(telegram_id, "audience_pick")
        found = await self._options(flow, kind)
        query = form_data(flow).get("audience_query")
        return find(found, query) if query else found

    async def search(self, telegram_id: int, raw: str | None) -> Flow:
        """Typed text on the audience's list looks for a place; None shows the whole list."""
        flow = await self._at(telegram_id, "audience_pick")
        form_data(flow)["audience_query"] = fields.text_value(raw, 100) if raw is not None else None
        return await self._save(flow)

    async def _options(self, flow: Flow, kind: str) -> list[Option]:
        """The picker's choices within the programme: places it reaches, its own clusters."""
        actor, pid = await self._programme(flow)
        found = await self.competitions.audiences.options(actor, kind, pid)
        if kind != "clusters":
            return found
        own = {str(c) for c in await repo.cluster_ids(self.db, [], [], pid)}
        return [o for o in found if o[0] in own]

    async def page(self, telegram_id: int) -> Flow:
        return await self._at(telegram_id, "audience_pick")

    async def yes_no(self, telegram_id: int, answer: str) -> Flow:
        flow = await self._at(telegram_id, "needs_residents")
        if answer not in ("yes", "no"):
            raise Refusal("stale")
        form_data(flow)["values"]["needs_residents"] = answer == "yes"
        return await self._next(flow)

    async def preview(self, telegram_id: int) -> Preview:
        flow = await self._at(telegram_id, "preview")
        d = form_data(flow)
        values: CompetitionContent = {**_content(d["values"]), "id": 0, "status": "active",
                                      "version": 1}  # fmt: skip
        _, pid = await self._programme(flow)
        shown = await self.competitions.programmes.label(pid)
        return Preview(values, await self._entrants(flow), d["opens_now"], shown, reminders_of(d))

    async def choose_reminders(self, telegram_id: int, value: str) -> Flow:
        """The defaults in one tap, or none; a list of times is typed (`text`)."""
        flow = await self._at(telegram_id, REMINDERS)
        data = form_data(flow)
        if value == "default":
            data["reminders"] = DEFAULTS["competition"].data()
        elif value == "off":
            data["reminders"] = {**reminders_of(data).data(), "enabled": False}
        else:
            raise Refusal("stale")
        return await self._next(flow)

    async def confirm(self, telegram_id: int) -> tuple[Competition, int]:
        """Creates the competition; the call waits in the outbox until the opening time."""
        flow = await self._at(telegram_id, "preview")
        data = form_data(flow)
        values = _content(data["values"])
        if data["opens_now"]:
            values["opens_at"] = self.now()
        chosen = data.get("programme_id")
        reminders = reminders_of(data) if "reminders" in data else None
        created = await self.competitions.create(
            telegram_id, values, _audience(data), chosen, reminders
        )
        await flows.clear(self.db, telegram_id)
        return created

    async def abort(self, telegram_id: int) -> None:
        """Only this wizard is dropped: an old Cancel button leaves any other flow alone."""
        await self._at(telegram_id, "programme", *STEPS, "audience_pick", "preview", REMINDERS)
        await flows.clear(self.db, telegram_id)

    async def _next(self, flow: Flow) -> Flow:
        data = form_data(flow)
        plan = data["plan"]
        plan.pop(0)
        flow.step = plan[0] if plan else "preview"
        if flow.step == "preview":
            data.pop("revising", None)
        return await self._save(flow)


def _audience(data: FormData) -> Audience:
    """Chosen at the audience step, so there is one at every step after it."""
    audience = data["audience"]
    if audience is None:
        raise Refusal("stale")
    return audience


def _content(values: FormValues) -> Content:
    """Every answer, once the last question is answered."""
    return {
        "code": values["code"],
        "title_ky": values.get("title_ky"),
        "title_ru": values.get("title_ru"),
        "description_ky": values.get("description_ky"),
        "description_ru": values.get("description_ru"),
        "rules_ky": values.get("rules_ky"),
        "rules_ru": values.get("rules_ru"),
        "prizes_ky": values.get("prizes_ky"),
        "prizes_ru": values.get("prizes_ru"),
        "entrant_kind": values["entrant_kind"],
        "opens_at": values["opens_at"],
        "deadline": values["deadline"],
        "max_files": values["max_files"],
        "needs_residents": values["needs_residents"],
    }


def code_value(raw: str) -> str:
    """The receipt prefix (IC-2026-001): typed in any case, kept in capitals."""
    code = (raw or "").strip().upper()
    if not CODE_RE.match(code):
        raise Refusal("bad_code")
    return code


def files_value(raw: str) -> int:
    text = (raw or "").strip()
    if not _NUMBER.match(text):
        raise Refusal("bad_number")
    value = int(text)
    if not 0 <= value <= 30:
        raise Refusal("max_files_range")
    return value
