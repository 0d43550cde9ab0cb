"""Times as people give them: quick picks before typing, and a typed time read back for a yes
when it is not certain.

Every wizard that asks for a time offers a few picks ("Today, 18:00", "Tomorrow, 09:00",
"Monday, 09:00"), only those still ahead and allowed at that step, then reads a typed time with
`bot.core.timeparse`. A pick and the [Yes] of a read-back are the same button: `TimeCb` with the
minute it stands for, checked again by the wizard when pressed like any typed answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.core.callback_data import CallbackData, callback
from bot.core.errors import Refusal
from bot.core.timeparse import Reading, read

TIME_CODES = frozenset({"bad_time", "time_in_past"})
"""Refusals of a typed or picked time that are answered with an example and the picks again."""
MARGIN = timedelta(minutes=10)
"""A pick at least this far ahead, so it is not past by the time it is pressed."""
MAX_PICKS = 4


@callback("qt1")
class TimeCb(CallbackData):
    """A time button of the wizard whose flow is `flow`, at its step `step` (so a button of an
    earlier step is told apart): "at" chooses `minute` (Unix minutes), "type" asks to type."""

    flow: str
    step: str
    action: Literal["at", "type"]
    minute: int = 0


Day = Literal["today", "tomorrow", "other"]


@dataclass(frozen=True)
class Pick:
    """A time to offer or to read back; `day` says whether it is today or tomorrow, so its
    label can say so."""

    when: datetime
    day: Day


class Unsure(Refusal):
    """A typed time that was read but not for certain: it is shown back for a yes."""

    def __init__(self, pick: Pick) -> None:
        super().__init__("time_unsure")
        self.pick = pick


def minute_of(when: datetime) -> int:
    return int(when.timestamp()) // 60


def at_minute(minute: int) -> datetime:
    """The time a button stands for; a forged minute beyond the calendar is a stale button."""
    try:
        return datetime.fromtimestamp(minute * 60, UTC)
    except (OverflowError, OSError, ValueError):
        raise Refusal("stale") from None


def pick(when: datetime, now: datetime, zone: ZoneInfo) -> Pick:
    ahead = (when.astimezone(zone).date() - now.astimezone(zone).date()).days
    day: Day = "today" if ahead == 0 else "tomorrow" if ahead == 1 else "other"
    return Pick(when, day)


def typed(raw: str, now: datetime, zone: ZoneInfo, day_of: datetime | None = None) -> Reading:
    """A typed time in UTC; Refusal('bad_time') when it can't be read. `day_of` is the day a
    bare time means, when the question named one."""
    day = day_of.astimezone(zone).date() if day_of is not None else None
    found = read(raw or "", now, zone, day)
    if found is None:
        raise Refusal("bad_time")
    return Reading(found.when.astimezone(UTC), found.certain)


def unsure(reading: Reading, now: datetime, zone: ZoneInfo) -> None:
    """Raised once a typed time has passed the step's checks, when it was not certain."""
    if not reading.certain:
        raise Unsure(pick(reading.when, now, zone))


def _local(day: date, hour: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)


def _monday(today: date, weeks: int = 0) -> date:
    """The coming Monday (not today), `weeks` later."""
    return today + timedelta(days=7 - today.weekday() + 7 * weeks)


def soon(now: datetime, zone: ZoneInfo) -> list[datetime]:
    """Today 18:00, tomorrow 09:00, Monday 09:00: for an announcement or an opening."""
    today = now.astimezone(zone).date()
    tomorrow = today + timedelta(days=1)
    return [_local(today, 18, zone), _local(tomorrow, 9, zone), _local(_monday(today), 9, zone)]


def meetings(now: datetime, zone: ZoneInfo) -> list[datetime]:
    """Tomorrow 10:00, Monday 10:00, the Monday after: for a seminar's start."""
    today = now.astimezone(zone).date()
    days = (today + timedelta(days=1), _monday(today), _monday(today, 1))
    return [_local(day, 10, zone) for day in days]


def before(limit: datetime, now: datetime, zone: ZoneInfo) -> list[datetime]:
    """Two days and the day before `limit`, at 18:00, then today and tomorrow: for an answer
    deadline before a seminar's start."""
    day = limit.astimezone(zone).date()
    ahead = [_local(day - timedelta(days=n), 18, zone) for n in (2, 1)]
    return [*ahead, *soon(now, zone)[:2]]


def weeks_after(start: datetime, zone: ZoneInfo) -> list[datetime]:
    """A week, two weeks and a month after `start`, at 18:00: for a competition's deadline."""
    day = start.astimezone(zone).date()
    return [_local(day + timedelta(days=n), 18, zone) for n in (7, 14, 30)]


def choose(
    candidates: Iterable[datetime],
    now: datetime,
    zone: ZoneInfo,
    after: datetime | None = None,
    not_after: datetime | None = None,
) -> list[Pick]:
    """The candidates still ahead (and after `after`, not after `not_after`), earliest first,
    each once, at most MAX_PICKS."""
    floor = max(now + MARGIN, after + timedelta(minutes=1) if after else now)
    kept = sorted({c for c in candidates if c >= floor and (not_after is None or c <= not_after)})
    return [pick(c, now, zone) for c in kept[:MAX_PICKS]]
