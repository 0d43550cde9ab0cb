"""Milestones as staff type them: one a line, the title and then the due day,
"Procure pumps; 15.02.2027". Every line is read before any is kept, so a message with one bad
line stores nothing and says which line to fix."""

from __future__ import annotations

import re
from datetime import date

from bot.core.errors import Refusal
from bot.core.fields import text_value

MAX_TITLE = 200
MAX_LINES = 20
_DATE = re.compile(
    r"^(?P<title>.*?)[\s;,:—–-]+(?P<d>\d{1,2})[./](?P<m>\d{1,2})(?:[./](?P<y>\d{2}|\d{4}))?\.?$"
)
_ISO = re.compile(r"^(?P<title>.*?)[\s;,:—–-]+(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")


def _day(match: re.Match[str], today: date) -> date | None:
    year_text = match["y"]
    try:
        if year_text is None:
            found = date(today.year, int(match["m"]), int(match["d"]))
            return found if found >= today else found.replace(year=today.year + 1)
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        return date(year, int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def read_line(line: str, number: int, today: date) -> tuple[str, date]:
    text = " " + re.sub(r"\s+", " ", line).strip()
    match = _DATE.match(text) or _ISO.match(text)
    due = _day(match, today) if match else None
    title = match["title"].strip(" ;,:—–-") if match else ""
    if match is None or due is None or not title:
        raise Refusal("milestone_line", line=number)
    if due < today:
        raise Refusal("milestone_past", line=number)
    return text_value(title, MAX_TITLE), due


def read_lines(raw: str, today: date) -> list[tuple[str, date]]:
    """Every non-empty line, or a refusal naming the first bad one (numbered from 1)."""
    lines = [line for line in (raw or "").splitlines() if line.strip()]
    if not lines:
        raise Refusal("milestone_line", line=1)
    if len(lines) > MAX_LINES:
        raise Refusal("milestone_many", limit=MAX_LINES)
    return [read_line(line, n, today) for n, line in enumerate(lines, 1)]
