"""The /polls wizard: questions, the kind of answer, options, named or anonymous, the close, a
reminder, then the broadcast's own audience selector and a preview; the draft is in the flows
table, so a restart resumes it.

Steps: ["programme"] → "q_ky" → "q_ru" → "qkind" → ["opts_ky"] → ["opts_ru"] | ["range"] →
"more" (another question, up to MAX_QUESTIONS) → "anon" → "closes" → "remind" → "audience" …
"preview" (see AudienceSteps) → send. One language of a question may be left out, as for
announcements; its options are then asked only in the other.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from typing import Any

from bot.broadcasts.service.audience_steps import AudienceSteps
from bot.core.audience.service import Audiences
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.people import People
from bot.core.programmes.repo import Programme
from bot.core.programmes.service import Programmes
from bot.core.quicktimes import Pick, choose, typed
from bot.core.texts import telegram_length
from bot.db import utcnow_iso
from bot.delivery.outbox import Outbox

FLOW = "poll"
KINDS = ("one", "many", "number", "text")
MAX_QUESTIONS = 10
MIN_OPTIONS, MAX_OPTIONS = 2, 10
MAX_QUESTION = 1000
MAX_OPTION = 200
REMINDERS = (24, 3)
"""Hours before the close a reminder may go."""
_RANGE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:-|–|—|\.\.)\s*(-?\d+(?:[.,]\d+)?)\s*$")


class PollWizard(AudienceSteps):
    flow_name = FLOW

    @classmethod
    def answers(cls, flow: Flow) -> int:
        """Each question written counts, and each choice after them."""
        d = flow.data
        return (
            len(d.get("questions") or []) * 2
            + len(d.get("q") or {})
            + (1 if d.get("closes_at") else 0)
        )

    def __init__(self, outbox: Outbox, people: People) -> None:
        self.outbox = outbox
        self.people = people
        self.db = outbox.db
        self.clock = outbox.clock
        self.audiences = Audiences(self.db, self.clock)
        self.programmes = Programmes(self.db, people)

    async def begin(self, telegram_id: int) -> Flow:
        """Someone who may ask in several programmes chooses one first."""
        actor = await self.people.require_staff(telegram_id)
        if len(await self.programmes.open_to(actor)) > 1:
            return await self._save(Flow(telegram_id, FLOW, "programme", {"questions": []}))
        programme = await self.programmes.pick(actor, None)
        data: dict[str, Any] = {"programme": programme.id, "questions": [], "q": {}}
        return await self._save(Flow(telegram_id, FLOW, "q_ky", data))

    async def programme_choices(self, telegram_id: int) -> list[Programme]:
        return await self.programmes.open_to(await self.people.require_staff(telegram_id))

    async def choose_programme(self, telegram_id: int, programme_id: int) -> Flow:
        flow = await self._at(telegram_id, "programme")
        actor = await self.people.require_staff(telegram_id)
        flow.data["programme"] = (await self.programmes.pick(actor, programme_id)).id
        flow.data["q"] = {}
        flow.step = "q_ky"
        return await self._save(flow)

    async def text(self, telegram_id: int, html: str, plain: str) -> Flow:
        """Typed text at a text step: a question, its options, a range, or the close."""
        flow = await self._at(telegram_id, "q_ky", "q_ru", "opts_ky", "opts_ru", "range")
        q = flow.data["q"]
        if flow.step in ("q_ky", "q_ru"):
            if telegram_length(plain) > MAX_QUESTION:
                raise Refusal("poll_question_long", limit=MAX_QUESTION)
            q[flow.step[-2:]] = html
            flow.step = "q_ru" if flow.step == "q_ky" else "qkind"
        elif flow.step in ("opts_ky", "opts_ru"):
            lang = flow.step[-2:]
            q[f"options_{lang}"] = _options(plain, q.get("options_ky") if lang == "ru" else None)
            flow.step = "opts_ru" if lang == "ky" and q.get("ru") else "more"
        else:
            q["min"], q["max"] = _range(plain)
            flow.step = "more"
        return await self._save(flow)

    async def skip(self, telegram_id: int) -> Flow:
        """A language of the question left out (not both), or a number with no range."""
        flow = await self._at(telegram_id, "q_ky", "q_ru", "range")
        if flow.step == "q_ky":
            flow.step = "q_ru"
        elif flow.step == "q_ru":
            if not flow.data["q"].get("ky"):
                raise Refusal("no_text")
            flow.step = "qkind"
        else:
            flow.step = "more"
        return await self._save(flow)

    async def answer_kind(self, telegram_id: int, kind: str) -> Flow:
        """How the question is answered: options, a number or a short text."""
        flow = await self._at(telegram_id, "qkind")
        if kind not in KINDS:
            raise Refusal("stale")
        q = flow.data["q"]
        q["kind"] = kind
        if kind in ("one", "many"):
            flow.step = "opts_ky" if q.get("ky") else "opts_ru"
        else:
            flow.step = "range" if kind == "number" else "more"
        return await self._save(flow)

    async def more(self, telegram_id: int, another: bool) -> Flow:
        """The question is done: another one, or on to who is asked."""
        flow = await self._at(telegram_id, "more")
        d = flow.data
        d["questions"].append(d["q"])
        d["q"] = {}
        if another and len(d["questions"]) < MAX_QUESTIONS:
            flow.step = "q_ky"
        else:
            flow.step = "anon"
        return await self._save(flow)

    async def anonymous(self, telegram_id: int, anonymous: bool) -> Flow:
        flow = await self._at(telegram_id, "anon")
        flow.data["anonymous"] = anonymous
        flow.step = "closes"
        return await self._save(flow)

    def picks(self) -> list[Pick]:
        """Tomorrow, in three days and in a week, at 18:00 Bishkek."""
        now, zone = self.clock.now(), self.people.config.zone
        day = now.astimezone(zone).date()
        at = [
            datetime.combine(day + timedelta(days=n), time(18), tzinfo=zone).astimezone(UTC)
            for n in (1, 3, 7)
        ]
        return choose(at, now, zone)

    async def closes(self, telegram_id: int, when: datetime | str) -> Flow:
        """A pick, or a typed Bishkek time; it must be ahead."""
        flow = await self._at(telegram_id, "closes")
        now = self.clock.now()
        if isinstance(when, str):
            when = typed(when, now, self.people.config.zone).when
        if when <= now:
            raise Refusal("time_in_past")
        flow.data["closes_at"] = utcnow_iso(when)
        flow.step = "remind"
        return await self._save(flow)

    def reminders(self, flow: Flow) -> list[int]:
        """The reminders still ahead of now, in hours before the close."""
        closes = datetime.fromisoformat(flow.data["closes_at"])
        now = self.clock.now()
        return [h for h in REMINDERS if closes - timedelta(hours=h) > now]

    async def remind(self, telegram_id: int, hours: int) -> Flow:
        """0: no reminder."""
        flow = await self._at(telegram_id, "remind")
        if hours and hours not in self.reminders(flow):
            raise Refusal("stale")
        flow.data["remind"] = hours
        flow.data["audience"] = self._fresh(flow, "all")
        flow.step = "audience"
        return await self._save(flow)


def _options(text: str, other: list[str] | None) -> list[str]:
    """One option a line, 2 to 10; the second language must have as many as the first."""
    found = [line.strip() for line in text.splitlines() if line.strip()]
    if not MIN_OPTIONS <= len(found) <= MAX_OPTIONS:
        raise Refusal("poll_options", low=MIN_OPTIONS, high=MAX_OPTIONS)
    if any(len(o) > MAX_OPTION for o in found):
        raise Refusal("poll_option_long", limit=MAX_OPTION)
    if other is not None and len(other) != len(found):
        raise Refusal("poll_options_match", count=len(other))
    return found


def _range(text: str) -> tuple[float, float]:
    """ "1-100", "0 – 10", "1..5"; the lower first."""
    found = _RANGE.match(text)
    if found is None:
        raise Refusal("poll_range_format")
    low, high = (float(v.replace(",", ".")) for v in found.groups())
    if low >= high:
        raise Refusal("poll_range_format")
    return low, high


def programme_of(flow: Flow) -> int | None:
    found = flow.data.get("programme")
    return int(found) if found is not None else None
