"""People, not trainings: how many different members attended, how the seminars were rated,
and how the trainings spread over the months.

"108 trained" counts person-trainings: someone at two seminars counts twice. A donor also asks
how many distinct people that was, by gender, position and place; each person is counted once,
under what their profile says today.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from bot.seminars.repo.report_rows import Participant, Place

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Distinct:
    """Distinct members who attended at least once; groups keyed None hold the unknown."""

    people: int = 0
    women: int = 0
    by_gender: dict[str | None, int] = field(default_factory=dict)
    by_position: dict[str | None, int] = field(default_factory=dict)
    by_region: list[tuple[Place, int]] = field(default_factory=list)
    by_municipality: list[tuple[Place, int]] = field(default_factory=list)
    by_region_gender: list[tuple[Place, dict[str | None, int]]] = field(default_factory=list)
    """Each region of `by_region`, in its order, with its people by gender."""


@dataclass(frozen=True)
class Rating:
    """Feedback: how many gave a rating, and its mean (None when nobody did)."""

    count: int = 0
    average: float | None = None


@dataclass(frozen=True)
class Month:
    """One calendar month (Bishkek) of the period: its seminars and who attended them."""

    first_day: date
    seminars: int
    attended: int
    people: int


def _once(rows: list[Participant]) -> list[Participant]:
    """Each attending member once (their first attendance in the rows' order)."""
    seen: dict[int, Participant] = {}
    for row in rows:
        if row.attended and row.user_id not in seen:
            seen[row.user_id] = row
    return list(seen.values())


def _count(people: list[Participant], key: Callable[[Participant], K]) -> Counter[K]:
    return Counter(key(p) for p in people)


def _places(
    people: list[Participant], place: Callable[[Participant], Place]
) -> list[tuple[Place, int]]:
    counts: Counter[int | None] = Counter()
    names: dict[int | None, Place] = {}
    for p in people:
        found = place(p)
        counts[found.get("id")] += 1
        names.setdefault(found.get("id"), found)
    return sorted(
        ((names[k], n) for k, n in counts.items()),
        key=lambda pair: (-pair[1], pair[0].get("name_en") or "~"),
    )


def _ordered(counts: Counter[str | None], order: tuple[str, ...]) -> dict[str | None, int]:
    """Known codes in their usual order, then anything else, then None (not said)."""
    keys: list[str | None] = [c for c in order if c in counts]
    keys += sorted(k for k in counts if k is not None and k not in order)
    keys += [None] if None in counts else []
    return {k: counts[k] for k in keys}


def distinct(
    rows: list[Participant], genders: tuple[str, ...], positions: tuple[str, ...]
) -> Distinct:
    people = _once(rows)
    regions = _places(people, lambda p: p.region)
    return Distinct(
        people=len(people),
        women=sum(p.gender == "female" for p in people),
        by_gender=_ordered(_count(people, lambda p: p.gender), genders),
        by_position=_ordered(_count(people, lambda p: p.position), positions),
        by_region=regions,
        by_municipality=_places(people, lambda p: p.municipality),
        by_region_gender=_region_gender(people, regions, genders),
    )


def _region_gender(
    people: list[Participant], regions: list[tuple[Place, int]], genders: tuple[str, ...]
) -> list[tuple[Place, dict[str | None, int]]]:
    counts: dict[int | None, Counter[str | None]] = {}
    for p in people:
        counts.setdefault(p.region.get("id"), Counter())[p.gender] += 1
    return [(place, _ordered(counts[place.get("id")], genders)) for place, _ in regions]


def rating(rows: list[Participant]) -> Rating:
    given = [r.rating for r in rows if r.rating is not None]
    return Rating(len(given), sum(given) / len(given) if given else None)


def months(
    starts: dict[int, datetime],
    rows: list[Participant],
    zone: ZoneInfo,
    guests: Mapping[int, int] | None = None,
) -> list[Month]:
    """`starts`: each seminar's start. Months with no seminar in between are left out.
    `guests`: unregistered people who came, by seminar: trained, but never distinct people."""
    month_of = {sid: at.astimezone(zone).date().replace(day=1) for sid, at in starts.items()}
    seminars = Counter(month_of.values())
    attended: Counter[date] = Counter()
    for sid, count in (guests or {}).items():
        if sid in month_of:
            attended[month_of[sid]] += count
    people: dict[date, set[int]] = {}
    for row in rows:
        if row.attended and row.seminar_id in month_of:
            first = month_of[row.seminar_id]
            attended[first] += 1
            people.setdefault(first, set()).add(row.user_id)
    return [
        Month(first, seminars[first], attended[first], len(people.get(first, ())))
        for first in sorted(seminars)
    ]
