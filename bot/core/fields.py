"""Checks on typed answers that every wizard shares: a text within its limit, a Bishkek time.

Each check raises Refusal with a code the person sees in their language; nothing half-checked
is ever saved.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.errors import Refusal
from bot.core.timeparse import parse_local

_TIME_ONLY = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


def text_value(raw: str | None, limit: int, empty_code: str = "text_empty") -> str:
    text = re.sub(r"[ \t]+", " ", raw or "").strip()
    if not text:
        raise Refusal(empty_code)
    if len(text) > limit:
        raise Refusal("field_too_long", limit=limit, length=len(text))
    return text


def when_value(raw: str, now: datetime, zone: ZoneInfo, day_of: datetime | None = None) -> datetime:
    """A Bishkek date and time; a bare time ('17:00') means that time on the day of `day_of`."""
    match = _TIME_ONLY.match(raw or "")
    if match and day_of is not None:
        hour, minute = int(match[1]), int(match[2])
        if hour > 23 or minute > 59:
            raise Refusal("bad_time")
        local = day_of.astimezone(zone).replace(hour=hour, minute=minute, second=0, microsecond=0)
        return local.astimezone(now.tzinfo)
    when = parse_local(raw or "", now, zone)
    if when is None:
        raise Refusal("bad_time")
    return when.astimezone(now.tzinfo)


def as_time(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def whole_number(raw: str | None) -> int | None:
    """Digits only, spaces allowed ('5 000 000', as Babel writes it); None otherwise.

    str.isdigit() also accepts '²' or '①', which int() then refuses, so typed numbers are
    read here rather than with isdigit()."""
    text = re.sub(r"\s", "", raw or "")
    return int(text) if re.fullmatch(r"[0-9]{1,12}", text) else None
