"""The checks on a seminar's fields, shared by the in-bot wizard and the file import.

Each check raises Refusal with a code the person sees in their language; nothing half-checked
is ever saved.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Literal

from bot.core.errors import Refusal
from bot.core.fields import as_time, text_value, when_value
from bot.seminars.repo.seminars import SeminarFields

__all__ = ["as_time", "text_value", "when_value"]

MAX_TITLE = 200
MAX_DESCRIPTION = 2000
"""Title, description, venue and organiser together stay well inside one 4096-character message."""
MAX_PLACE = 200
MAX_ORGANISER = 200
MAX_CAPACITY = 5000
TextField = Literal[
    "title_ky", "title_ru", "description_ky", "description_ru", "city", "address", "organiser"
]  # fmt: skip
TEXT_LIMITS: dict[TextField, int] = {
    "title_ky": MAX_TITLE,
    "title_ru": MAX_TITLE,
    "description_ky": MAX_DESCRIPTION,
    "description_ru": MAX_DESCRIPTION,
    "city": MAX_PLACE,
    "address": MAX_PLACE,
    "organiser": MAX_ORGANISER,
}
_COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def capacity_value(raw: object) -> int:
    """A number as typed, or as a file's cell holds it (text or a number)."""
    text = str(raw).strip()
    if not re.fullmatch(r"[+-]?\d{1,9}", text):
        raise Refusal("bad_number")
    value = int(text)
    if value <= 0:
        raise Refusal("capacity_positive")
    if value > MAX_CAPACITY:
        raise Refusal("capacity_too_big", limit=MAX_CAPACITY)
    return value


def location_value(raw: str) -> tuple[float, float]:
    """'42.4907, 72.9856' as typed or copied from a map."""
    match = _COORDINATES.match(raw or "")
    if not match:
        raise Refusal("bad_location")
    return coordinates(float(match[1]), float(match[2]))


def coordinates(lat: float, lon: float) -> tuple[float, float]:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise Refusal("bad_location")
    return round(lat, 6), round(lon, 6)


def check_schedule(values: SeminarFields, now: datetime, moved: bool = True) -> None:
    """Start in the future, end after start, RSVP deadline not after the start.

    `moved` is False when editing something else: a seminar under way may still get a new
    address or capacity without its start being in the future."""
    starts, ends = as_time(values["starts_at"]), as_time(values["ends_at"])
    deadline = as_time(values["rsvp_deadline"])
    if moved and starts <= now:
        raise Refusal("time_in_past")
    if ends <= starts:
        raise Refusal("ends_before_start")
    if ends - starts > timedelta(days=14):
        raise Refusal("too_long_seminar")
    if deadline > starts:
        raise Refusal("deadline_after_start")


def check_titles(values: SeminarFields) -> None:
    if not values.get("title_ky") and not values.get("title_ru"):
        raise Refusal("no_text")
