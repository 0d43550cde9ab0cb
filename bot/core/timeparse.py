"""Reading a date and time that a coordinator typed, in Asia/Bishkek."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

_PATTERNS = (
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(\d{1,2}):(\d{2})$"), "dmy"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$"), "ymd"),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\s+(\d{1,2}):(\d{2})$"), "dm"),
    (re.compile(r"^(\d{1,2}):(\d{2})$"), "hm"),
)


def parse_local(text: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    """'25.11.2026 14:30', '2026-11-25 14:30', '25.11 14:30' or '14:30' (today, else tomorrow)."""
    text = text.strip()
    local_now = now.astimezone(tz)
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        n = [int(x) for x in match.groups()]
        try:
            if kind == "dmy":
                return datetime(n[2], n[1], n[0], n[3], n[4], tzinfo=tz)
            if kind == "ymd":
                return datetime(n[0], n[1], n[2], n[3], n[4], tzinfo=tz)
            if kind == "dm":
                return datetime(local_now.year, n[1], n[0], n[2], n[3], tzinfo=tz)
            when = local_now.replace(hour=n[0], minute=n[1], second=0, microsecond=0)
            return when if when > local_now else when + timedelta(days=1)
        except ValueError:
            return None
    return None
