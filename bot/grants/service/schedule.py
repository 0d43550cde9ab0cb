"""When the bot asks an entrant for a report, and what counts as late.

Requests go at 10:00 in Bishkek, on the same day of each month (the month's last day when it is
shorter) or every N days, counted from the request before; the first comes one period after
the tracking was opened. A report is overdue a week after the request that asked for it, if
nothing came since.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.errors import Refusal

ASK_AT = time(10, 0)
GRACE = timedelta(days=7)
MAX_DAYS = 365


@dataclass(frozen=True)
class Schedule:
    kind: str
    """'monthly', 'days' or 'off'."""
    every_days: int | None = None


MONTHLY = Schedule("monthly")


def check_schedule(kind: str, days: int) -> Schedule:
    """A schedule from a button; anything else is a forged one."""
    if kind in ("monthly", "off"):
        return Schedule(kind)
    if kind == "days" and 1 <= days <= MAX_DAYS:
        return Schedule("days", days)
    raise Refusal("stale")


def _plus_month(day: date) -> date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_request(schedule: Schedule, after: datetime, zone: ZoneInfo) -> datetime | None:
    """One period after `after`, at 10:00 Bishkek; None when the schedule is off."""
    day = after.astimezone(zone).date()
    if schedule.kind == "off":
        return None
    if schedule.kind == "days":
        day += timedelta(days=schedule.every_days or 1)
    else:
        day = _plus_month(day)
    return datetime.combine(day, ASK_AT, zone).astimezone(after.tzinfo)


def following(schedule: Schedule, due: datetime, now: datetime, zone: ZoneInfo) -> datetime | None:
    """The first request after `now` on the schedule `due` stands on: a bot that was down for
    two periods asks once, not twice, and keeps its day of the month."""
    found: datetime | None = due
    while found is not None and found <= now:
        found = next_request(schedule, found, zone)
    return found


def report_overdue(
    last_request_at: datetime | None, last_report_at: datetime | None, now: datetime
) -> bool:
    """Asked more than a week ago, and nothing came since."""
    if last_request_at is None or now <= last_request_at + GRACE:
        return False
    return last_report_at is None or last_report_at < last_request_at
