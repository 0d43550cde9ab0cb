"""The competition wizard: one question per step, kept in the flows table, so a coordinator
cut off by a restart carries on where they were.

Nothing is created until the preview is confirmed; the checks here are the ones
`competitions.create` applies again, so a wizard answer is refused at its own step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.competitions.repo.competitions import CONTENT, Competition
from bot.competitions.service.competitions import CODE_RE, LIMITS, Competitions
from bot.core import fields, flows
from bot.core.audience.repo import Option
from bot.core.audience.service import empty
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.places import clusters as clusters_repo
from bot.core.wizard import Wizard
from bot.db import utcnow_iso

FLOW = "competition_form"
TEXT_LIMITS = {f"{field}_{lang}": limit for field, limit in LIMITS.items() for lang in ("ky", "ru")}
STEPS = [
    "title_ky", "title_ru", "description_ky", "description_ru", "rules_ky", "rules_ru",
    "prizes_ky", "prizes_ru", "code", "entrant_kind", "audience", "opens_at", "deadline",
    "max_files", "needs_residents",
]  # fmt: skip
OPTIONAL = {*TEXT_LIMITS, "opens_at", "max_files"}
"""Texts may be left empty; the opening may be "now" and the file limit its default."""
DEFAULT_FILES = 10
AUDIENCE_KINDS = {
    "municipality": ("all", "regions", "districts", "municipalities", "clusters"),
    "cluster": ("all", "clusters"),
}
_NUMBER = re.compile(r"^[+-]?\d{1,3}$")


@dataclass(frozen=True)
class Preview:
    values: dict[str, Any]
    """Content as `Competition.content()` gives it, so the call renders from it."""
    entrants: int
    opens_now: bool


class CompetitionForm(Wizard):
    flow_name = FLOW

    def __init__(self, competitions: Competitions) -> None:
        self.competitions = competitions
        self.people = competitions.people
        self.db = competitions.db
        self.clock = competitions.clock
        self.zone = competitions.people.config.zone

    async def begin(self, telegram_id: int) -> Flow:
        await self.people.require_staff(telegram_id)
        data = {"plan": list(STEPS), "values": {}, "audience": None, "opens_now": False}
        return await self._save(Flow(telegram_id, FLOW, STEPS[0], data))

    async def _at(self, telegram_id: int, *steps: str) -> Flow:
        """Staff only at every step: a coordinator demoted mid-wizard can't finish it."""
        await self.people.require_staff(telegram_id)
        return await super()._at(telegram_id, *steps)

    async def text(self, telegram_id: int, raw: str) -> Flow:
        flow = await self._at(telegram_id, *STEPS, "audience_pick", "preview")
        step, values = flow.step, flow.data["values"]
        if step in TEXT_LIMITS:
            values[step] = fields.text_value(raw, TEXT_LIMITS[step])
        elif step == "code":
            values["code"] = code_value(raw)
        elif step == "opens_at":
            values["opens_at"] = utcnow_iso(self._opening(raw))
            flow.data["opens_now"] = False
        elif step == "deadline":
            values["deadline"] = utcnow_iso(self._deadline(raw, values["opens_at"]))
        elif step == "max_files":
            values["max_files"] = files_value(raw)
        else:
            raise Refusal("use_buttons")
        return await self._next(flow)

    def _opening(self, raw: str):
        now = self.clock.now()
        when = fields.when_value(raw, now, self.zone)
        if when <= now:
            raise Refusal("time_in_past")
        return when

    def _deadline(self, raw: str, opens: str):
        now = self.clock.now()
        when = fields.when_value(raw, now, self.zone)
        if when <= now:
            raise Refusal("time_in_past")
        if when <= fields.as_time(opens):
            raise Refusal("deadline_before_opening")
        return when

    async def skip(self, telegram_id: int) -> Flow:
        """An empty text, an opening right away, or the default number of files."""
        flow = await self._at(telegram_id, *OPTIONAL)
        values = flow.data["values"]
        if flow.step == "title_ru" and not values.get("title_ky"):
            raise Refusal("no_text")
        if flow.step == "opens_at":
            values["opens_at"] = self.now()
            flow.data["opens_now"] = True
        elif flow.step == "max_files":
            values["max_files"] = DEFAULT_FILES
        else:
            values[flow.step] = None
        return await self._next(flow)

    async def entrant_kind(self, telegram_id: int, kind: str) -> Flow:
        flow = await self._at(telegram_id, "entrant_kind")
        if kind not in AUDIENCE_KINDS:
            raise Refusal("stale")
        if kind == "cluster" and not await clusters_repo.all_clusters(self.db):
            raise Refusal("no_clusters")
        flow.data["values"]["entrant_kind"] = kind
        return await self._next(flow)

    async def choose_kind(self, telegram_id: int, kind: str) -> Flow:
        flow = await self._at(telegram_id, "audience", "audience_pick")
        if kind not in AUDIENCE_KINDS[flow.data["values"]["entrant_kind"]]:
            raise Refusal("stale")
        flow.data["audience"] = empty(kind)
        if kind != "all":
            flow.step = "audience_pick"
            return await self._save(flow)
        return await self._audience_done(flow)

    async def toggle(self, telegram_id: int, value: str) -> Flow:
        flow = await self._at(telegram_id, "audience_pick")
        actor = await self.people.require_staff(telegram_id)
        await self.competitions.audiences.toggle(actor, flow.data["audience"], value)
        return await self._save(flow)

    async def audience_done(self, telegram_id: int) -> Flow:
        return await self._audience_done(await self._at(telegram_id, "audience_pick"))

    async def _audience_done(self, flow: Flow) -> Flow:
        if not await self._entrants(flow):
            raise Refusal("no_entrants")
        flow.step = "audience"
        return await self._next(flow)

    async def _entrants(self, flow: Flow) -> int:
        actor = await self.people.require_staff(flow.telegram_id)
        kind = flow.data["values"]["entrant_kind"]
        return len(await self.competitions.entrant_ids(actor, kind, flow.data["audience"]))

    async def options(self, telegram_id: int, kind: str) -> list[Option]:
        actor = await self.people.require_staff(telegram_id)
        return await self.competitions.audiences.options(actor, kind)

    async def page(self, telegram_id: int) -> Flow:
        return await self._at(telegram_id, "audience_pick")

    async def yes_no(self, telegram_id: int, answer: str) -> Flow:
        flow = await self._at(telegram_id, "needs_residents")
        if answer not in ("yes", "no"):
            raise Refusal("stale")
        flow.data["values"]["needs_residents"] = answer == "yes"
        return await self._next(flow)

    async def preview(self, telegram_id: int) -> Preview:
        flow = await self._at(telegram_id, "preview")
        d = flow.data
        values = {f: d["values"].get(f) for f in CONTENT}
        values.update(id=0, status="active", version=1)
        return Preview(values, await self._entrants(flow), d["opens_now"])

    async def confirm(self, telegram_id: int) -> tuple[Competition, int]:
        """Creates the competition; the call waits in the outbox until the opening time."""
        flow = await self._at(telegram_id, "preview")
        values = {f: flow.data["values"].get(f) for f in CONTENT}
        if flow.data["opens_now"]:
            values["opens_at"] = self.now()
        created = await self.competitions.create(telegram_id, values, flow.data["audience"])
        await flows.clear(self.db, telegram_id)
        return created

    async def abort(self, telegram_id: int) -> None:
        """Only this wizard is dropped: an old Cancel button leaves any other flow alone."""
        await self._at(telegram_id, *STEPS, "audience_pick", "preview")
        await flows.clear(self.db, telegram_id)

    async def _next(self, flow: Flow) -> Flow:
        plan = flow.data["plan"]
        plan.pop(0)
        flow.step = plan[0] if plan else "preview"
        return await self._save(flow)


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
