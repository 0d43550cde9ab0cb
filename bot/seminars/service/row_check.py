"""One row of a seminar file checked the way the wizard checks its answers.

The checks are the wizard's own (`fields`), so a file can't create a seminar the wizard would
refuse, and the reasons are worded by the caller's views from the same refusal codes. Every
problem in a row is collected, not just the first, so one run shows all that needs fixing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

from bot.core.audience.lookup import AudienceLookup
from bot.core.audience.service import Audience
from bot.core.errors import Refusal
from bot.core.tabular import Columns, blank, cell_text
from bot.db import utcnow_iso
from bot.seminars.repo import seminars as repo
from bot.seminars.repo.seminars import SeminarFields
from bot.seminars.service import fields
from bot.seminars.service.seminars import Seminars

COLUMNS = (
    "title_ky", "title_ru", "description_ky", "description_ru", "starts", "ends",
    "rsvp_deadline", "city", "address", "latitude", "longitude", "capacity", "organiser",
    "audience_kind", "audience", "programme",
)  # fmt: skip
"""`programme` (a programme's code) is read by the importer, not here."""
REQUIRED = ("starts", "ends", "city", "address", "capacity", "organiser")
SEMINAR_COLUMNS = Columns(COLUMNS, REQUIRED, ("title_ky", "title_ru"), "seminars")
TEXTS = fields.TEXT_LIMITS
_SCHEDULE_FIELD = {
    "time_in_past": "starts",
    "ends_before_start": "ends",
    "too_long_seminar": "ends",
    "deadline_after_start": "rsvp_deadline",
}
_YEAR = re.compile(r"\d{4}")
_BARE_TIME = re.compile(r"^\s*\d{1,2}:\d{2}\s*$")


Explain = Callable[[Refusal], str]
"""Words a refusal for the report (the caller's views decide how)."""

Item = Mapping[str | None, object]
"""One CSV row or YAML item by column; a CSV row's cells past the header sit under None."""

T = TypeVar("T")


class _Attempt(Protocol):
    """Runs one check: what it makes, or None with the reason added to the row's problems."""

    def __call__(self, name: str, make: Callable[[], T]) -> T | None: ...


class RowChecker:
    """One row at a time into the values Seminars.create_as takes, or every problem it has."""

    def __init__(
        self, seminars: Seminars, found: AudienceLookup, zone: ZoneInfo, unit: str, explain: Explain
    ) -> None:
        self.seminars = seminars
        self.explain = explain
        self.places = found
        self.zone = zone
        self.unit = unit
        self.now = seminars.clock.now()
        self.seen: dict[tuple[datetime, str | None, str | None], int] = {}

    async def check(
        self, number: int, data: object
    ) -> tuple[list[str], SeminarFields, Audience | None]:
        """The problems, and the values and audience (complete only when there are none)."""
        if not isinstance(data, dict):
            return [f"expected a mapping with keys such as {', '.join(COLUMNS[:6])}"], {}, None
        problems: list[str] = []
        values, audience = self._fields(data, problems)
        if not problems:
            problems += await self._conflicts(number, values)
        return problems, values, audience

    def _fields(self, data: Item, problems: list[str]) -> tuple[SeminarFields, Audience | None]:
        problems += _strays([k for k, v in data.items() if k not in COLUMNS and not blank(v)])
        empty = [n for n in REQUIRED if blank(data.get(n))]
        problems += [f"{n}: {'empty' if self.unit == 'line' else 'missing'}" for n in empty]

        def attempt(name: str, make: Callable[[], T]) -> T | None:
            if name in empty:
                return None
            try:
                return make()
            except Refusal as exc:
                where = _SCHEDULE_FIELD.get(exc.code, name) if name == "schedule" else name
                problems.append(f"{where}: {self.explain(exc)}")
            except ValueError as exc:
                problems.append(f"{name}: {exc}")
            return None

        values: SeminarFields = {}
        for n in TEXTS:
            values[n] = attempt(n, partial(_text_value, data.get(n), TEXTS[n]))
        titles: SeminarFields = {
            "title_ky": cell_text(data.get("title_ky")),
            "title_ru": cell_text(data.get("title_ru")),
        }
        attempt("title_ky/title_ru", lambda: fields.check_titles(titles))
        capacity = attempt("capacity", lambda: fields.capacity_value(data["capacity"]))
        if capacity is not None:
            values["capacity"] = capacity
        place = attempt("latitude/longitude", lambda: _location(data))
        values["latitude"], values["longitude"] = place or (None, None)
        values |= self._times(data, attempt) or {}
        kind, chosen = data.get("audience_kind"), data.get("audience")
        audience = attempt("audience", lambda: _audience(self.places.audience(kind, chosen)))
        return values, audience

    def _times(self, data: Item, attempt: _Attempt) -> SeminarFields | None:
        starts = attempt("starts", lambda: self._when(data["starts"]))
        if starts is None:
            return None
        ends = attempt("ends", lambda: self._when(data["ends"], starts))
        deadline: datetime | None = starts
        if not blank(data.get("rsvp_deadline")):
            deadline = attempt("rsvp_deadline", lambda: self._when(data["rsvp_deadline"]))
        if ends is None or deadline is None:
            return None
        times: SeminarFields = {"starts_at": starts, "ends_at": ends, "rsvp_deadline": deadline}
        attempt("schedule", lambda: fields.check_schedule(times, self.now))
        if deadline != starts:
            attempt("rsvp_deadline", lambda: _future(deadline, self.now))
        return times

    def _when(self, raw: object, day_of: datetime | None = None) -> datetime:
        """Bishkek time with its year; the end may be a bare time on the start's day."""
        if isinstance(raw, datetime):
            return (raw if raw.tzinfo else raw.replace(tzinfo=self.zone)).astimezone(UTC)
        text = cell_text(raw)
        if not (_YEAR.search(text) or (day_of and _BARE_TIME.match(text))):
            raise Refusal("bad_time")
        return fields.when_value(text, self.now, self.zone, day_of)

    async def _conflicts(self, number: int, values: SeminarFields) -> list[str]:
        problems = []
        starts_at = fields.as_time(values["starts_at"])
        key = (starts_at, values["title_ky"], values["title_ru"])
        if key in self.seen:
            problems.append(f"same title and start as {self.unit} {self.seen[key]}")
        self.seen.setdefault(key, number)
        starts = utcnow_iso(starts_at)
        after = utcnow_iso(starts_at + timedelta(seconds=1))
        for old in await repo.between(self.seminars.db, starts, after):
            if (old.title_ky, old.title_ru) == key[1:]:
                problems.append(f"already there as seminar {old.id} (same title and start)")
        return problems


def _strays(keys: list[str | None]) -> list[str]:
    """A CSV row with more cells than the header has no name for them; YAML keys have one."""
    found = ["more cells than there are columns"] if any(not k for k in keys) else []
    named = [str(k) for k in keys if k]
    return found + ([f"unknown keys: {', '.join(named)}"] if named else [])


def _text_value(raw: object, limit: int) -> str | None:
    return None if blank(raw) else fields.text_value(cell_text(raw), limit)


def _location(data: Item) -> tuple[float | None, float | None]:
    """Both or neither; a decimal comma, as a Russian-locale Excel writes it, is read too."""
    lat, lon = cell_text(data.get("latitude")), cell_text(data.get("longitude"))
    if not lat and not lon:
        return None, None
    if not lat or not lon:
        raise ValueError("give both latitude and longitude, or neither")
    try:
        return fields.coordinates(float(lat.replace(",", ".")), float(lon.replace(",", ".")))
    except ValueError as exc:
        raise Refusal("bad_location") from exc


def _audience(found: Mapping[str, Any]) -> Audience:
    """The lookup's plain dict (kind and values) as the audience a seminar keeps."""
    return {"kind": found["kind"], "values": found["values"]}


def _future(when: datetime, now: datetime) -> None:
    if when <= now:
        raise Refusal("time_in_past")
