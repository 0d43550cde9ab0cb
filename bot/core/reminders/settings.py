"""An event's reminders as staff set them: how long before (days or hours), on or off, the hour
of day for the day ones, and an own text per language.

Staff type the times as a short list ("7d 3d 1d 3h", "3 күн 1 күн 2 саат 10:00", "3д 2ч"), so
the reader takes the units people write in ky, ru and en. Everything wrong is refused with the
reason, before anything is saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Literal, TypedDict

from bot.core.errors import Refusal

Event = Literal["seminar", "competition"]
Unit = Literal["d", "h"]
MOST = 6
"""Reminders per event at most: more would be noise."""
FARTHEST = timedelta(days=60)
TEXT_LIMIT = 1000
_UNITS: dict[str, Unit] = {
    **dict.fromkeys(("d", "day", "days", "д", "дн", "день", "дня", "дней", "к", "күн"), "d"),
    **dict.fromkeys(("h", "hr", "hour", "hours", "ч", "час", "часа", "часов", "с", "саат"), "h"),
}
_OFFSET = re.compile(r"^([+-]?\d{1,4})([^\d\W]+)\.?$")
_HOUR = re.compile(r"^(\d{1,3})[:.](\d{2})$")


@dataclass(frozen=True, order=True)
class Offset:
    amount: int
    unit: Unit

    @property
    def delta(self) -> timedelta:
        return timedelta(days=self.amount) if self.unit == "d" else timedelta(hours=self.amount)

    @property
    def tag(self) -> str:
        """As keys and the stored list write it: "3d", "24h"."""
        return f"{self.amount}{self.unit}"


class SettingsData(TypedDict):
    """Settings as a wizard keeps them in its flow's JSON."""

    offsets: str
    enabled: bool
    hour: int | None
    text_ky: str | None
    text_ru: str | None


@dataclass(frozen=True)
class Settings:
    offsets: tuple[Offset, ...]
    """Farthest first."""
    enabled: bool = True
    hour: int | None = None
    """The hour of day (Bishkek) the day ones go at; None: the same time of day as the event."""
    text_ky: str | None = None
    text_ru: str | None = None
    """Replaces the standard reminder text; a missing language falls back to the other."""

    @property
    def own_text(self) -> bool:
        return bool(self.text_ky or self.text_ru)

    @property
    def has_days(self) -> bool:
        return any(o.unit == "d" for o in self.offsets)

    def listed(self) -> str:
        return " ".join(o.tag for o in self.offsets)

    def data(self) -> SettingsData:
        return {"offsets": self.listed(), "enabled": self.enabled, "hour": self.hour,
                "text_ky": self.text_ky, "text_ru": self.text_ru}  # fmt: skip

    @classmethod
    def from_data(cls, data: SettingsData) -> Settings:
        offsets, _ = read(data["offsets"]) if data["offsets"] else ((), None)
        return cls(offsets, bool(data["enabled"]), data["hour"], data["text_ky"], data["text_ru"])

    def with_times(self, offsets: tuple[Offset, ...], hour: int | None) -> Settings:
        """New times (turned on): the own text stays."""
        return replace(self, offsets=offsets, hour=hour, enabled=True)


def read(raw: str) -> tuple[tuple[Offset, ...], int | None]:
    """The typed list: offsets, farthest first, and the hour written as "10:00" if any."""
    tokens = _tokens(raw)
    if not tokens:
        raise Refusal("reminders_unreadable", token=raw.strip() or "—")
    offsets: list[Offset] = []
    hour: int | None = None
    for token in tokens:
        found = _HOUR.match(token)
        if found:
            if hour is not None:
                raise Refusal("reminders_unreadable", token=token)
            hour = _hour(int(found[1]), int(found[2]))
            continue
        offsets.append(_offset(token))
    if not offsets:
        raise Refusal("reminders_unreadable", token=raw.strip())
    return check(offsets), hour


def _tokens(raw: str) -> list[str]:
    """Words of the list, a number and its unit written apart ("3 күн") joined."""
    words = re.sub(r"[,;/]+", " ", raw.lower()).split()
    joined: list[str] = []
    for word in words:
        if joined and re.fullmatch(r"[+-]?\d+", joined[-1]) and not word[0].isdigit():
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def _offset(token: str) -> Offset:
    found = _OFFSET.match(token)
    unit = _UNITS.get(found[2]) if found else None
    if found is None or unit is None:
        raise Refusal("reminders_unreadable", token=token)
    amount = int(found[1])
    if amount <= 0:
        raise Refusal("reminder_not_before", token=token)
    offset = Offset(amount, unit)
    if offset.delta > FARTHEST:
        raise Refusal("reminder_too_far", token=token, days=FARTHEST.days)
    return offset


def _hour(hour: int, minute: int) -> int:
    if not 0 <= hour <= 23 or minute != 0:
        raise Refusal("reminder_hour")
    return hour


def check(offsets: list[Offset]) -> tuple[Offset, ...]:
    """No two at the same time (1d and 24h are the same), at most MOST; farthest first."""
    seen: dict[timedelta, Offset] = {}
    for offset in offsets:
        same = seen.get(offset.delta)
        if same is not None:
            raise Refusal("reminders_same", first=same.tag, second=offset.tag)
        seen[offset.delta] = offset
    if len(offsets) > MOST:
        raise Refusal("reminders_too_many", limit=MOST)
    return tuple(sorted(offsets, key=lambda o: o.delta, reverse=True))


def own_text(raw: str) -> str:
    text = re.sub(r"[ \t]+", " ", raw or "").strip()
    if not text:
        raise Refusal("text_empty")
    if len(text) > TEXT_LIMIT:
        raise Refusal("field_too_long", limit=TEXT_LIMIT, length=len(text))
    return text


DEFAULTS: dict[Event, Settings] = {
    "seminar": Settings(read("24h 2h")[0]),
    "competition": Settings(read("7d 3d 1d 3h")[0]),
}
"""As reminders were before they could be set: what an event without its own settings gets."""
