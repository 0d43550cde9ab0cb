"""When an event's reminders go: the settings applied to a start or a deadline, and quiet hours.

Each reminder has a tag for its dedupe key ("3d", "3d@10"): the same reminder planned again
(after a restart, a change of text) keeps its key, so it is never sent twice; one planned for
another hour of day is another reminder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from bot.config import Config
from bot.core.quiet import after_quiet
from bot.core.reminders.settings import Offset, Settings


@dataclass(frozen=True)
class Planned:
    tag: str
    when: datetime

    def hours_before(self, target: datetime) -> int:
        return round((target - self.when) / timedelta(hours=1))


def planned(settings: Settings, target: datetime, now: datetime, config: Config) -> list[Planned]:
    """The reminders still ahead, earliest first. One whose time has passed is not sent late;
    one that quiet hours push to or past `target` is not sent at all, and two that quiet hours
    bring to the same moment go as one."""
    if not settings.enabled:
        return []
    found: list[Planned] = []
    for offset in settings.offsets:
        when = after_quiet(_time(offset, settings.hour, target, config), config)
        if when <= now or when >= target or any(p.when == when for p in found):
            continue
        hour = settings.hour if offset.unit == "d" else None
        found.append(Planned(offset.tag + (f"@{hour}" if hour is not None else ""), when))
    return found


def _time(offset: Offset, hour: int | None, target: datetime, config: Config) -> datetime:
    if offset.unit == "h" or hour is None:
        return target - offset.delta
    day = target.astimezone(config.zone).date() - offset.delta
    return datetime.combine(day, time(hour), tzinfo=config.zone).astimezone(UTC)
