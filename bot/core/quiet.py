"""Quiet hours: nothing planned ahead (a reminder, a scheduled broadcast) wakes a member at night.

The rule is applied when a row is planned, to its `not_before`, so the moved time is in the
database and a restart keeps it. What staff send "now" is not planned and is not moved.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.config import Config


def inside(when: datetime, config: Config) -> bool:
    """Whether `when` falls in the quiet hours (the end's minute is no longer quiet)."""
    quiet = config.quiet_hours
    if quiet is None:
        return False
    start, end = quiet
    local = when.astimezone(config.zone)
    minute = local.hour * 60 + local.minute
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end


def after_quiet(when: datetime, config: Config) -> datetime:
    """`when`, or the end of the quiet hours it falls in (in UTC)."""
    if config.quiet_hours is None or not inside(when, config):
        return when
    start, end = config.quiet_hours
    local = when.astimezone(config.zone)
    day = local.date()
    if start > end and local.hour * 60 + local.minute >= start:
        day += timedelta(days=1)
    ends = datetime.combine(day, time(end // 60, end % 60), tzinfo=config.zone)
    return ends.astimezone(UTC)
