"""How many were invited, said yes and came, in total and by gender, position and place.

The tallies count invitations, not people: someone who attended two seminars counts twice, the
way donors count "108 trained" (trainings given). `people` counts each member once.

A report covers one programme or several: staff get the programmes they work in, or the one
they name; an admin gets every programme unless they name one.
"""

from __future__ import annotations

import asyncio
import calendar
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TypeVar

from bot.core import flows
from bot.core.errors import NotAllowed
from bot.core.flows import Flow
from bot.core.positions import GENDERS, POSITIONS
from bot.db import utcnow_iso
from bot.seminars.repo import guests as guests_repo
from bot.seminars.repo import report_rows as rows_repo
from bot.seminars.repo import seminars as repo
from bot.seminars.repo.guests import Guest
from bot.seminars.repo.report_rows import Participant, Place
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.distinct import Distinct, Rating, distinct, rating
from bot.seminars.service.seminars import Seminars

__all__ = ["Participant", "SeminarReport", "SeminarReports", "Tally", "summarise"]

YES = ("going", "waitlist")
K = TypeVar("K", bound=Hashable)
PERIOD_FLOW = "report_period"
"""Staff asked for "another period" and the bot waits for two typed dates."""
_DATES = re.compile(r"^\s*(\d{1,2}\.\d{1,2}\.\d{4})\s*[-–—]?\s*(\d{1,2}\.\d{1,2}\.\d{4})\s*$")


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_of(choice: str, today: date) -> tuple[date, date]:
    """A picker's period as first and last day, both included: the whole month, the month
    before, the calendar quarter, the year (days still ahead included)."""
    if choice == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end
    if choice == "quarter":
        first = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        return first, _month_end(first.replace(month=first.month + 2))
    if choice == "year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if choice == "month":
        return today.replace(day=1), _month_end(today)
    raise ValueError(choice)


def typed_period(raw: str) -> tuple[date, date]:
    """Two dates as staff write them, "01.11.2026 30.11.2026" (a dash between is fine);
    ValueError for anything else, or an end before the start."""
    found = _DATES.match(raw or "")
    if found is None:
        raise ValueError("two dates")
    start, end = (datetime.strptime(d, "%d.%m.%Y").date() for d in found.groups())
    if end < start:
        raise ValueError("end before start")
    return start, end


@dataclass(frozen=True)
class Tally:
    """`yes` counts the waitlist too: they wanted to come, whether or not a place freed up."""

    invited: int = 0
    yes: int = 0
    attended: int = 0


@dataclass(frozen=True)
class Guests:
    """People at the seminars who are not registered: counted as trained (and as women, when
    they are), never among the distinct registered people."""

    count: int = 0
    women: int = 0
    listed: tuple[Guest, ...] = ()
    """Each of them, for the spreadsheet's list and the month by month figures."""

    def at(self) -> Counter[int]:
        """How many came to each seminar, by its id."""
        return Counter(g.seminar_id for g in self.listed)


@dataclass(frozen=True)
class SeminarReport:
    """Groups keyed None (or an empty place dict) hold members who never said, or were erased."""

    seminars: list[Seminar]
    participants: list[Participant]
    total: Tally
    women: Tally
    by_gender: dict[str | None, Tally]
    by_position: dict[str | None, Tally]
    by_region: list[tuple[Place, Tally]]
    by_municipality: list[tuple[Place, Tally]]
    by_seminar: list[tuple[Seminar, Tally]] = field(default_factory=list)
    by_programme: list[tuple[int | None, Tally]] = field(default_factory=list)
    """Per programme, in the programmes' order (a seminar with no programme last)."""
    programme_ids: list[int] | None = None
    """The programmes the report was asked for (None: all of them)."""
    people: Distinct = field(default_factory=Distinct)
    """Distinct members who attended, where `total` counts person-trainings."""
    rating: Rating = field(default_factory=Rating)
    attendance_rate: float | None = None
    """Of the invitations answered yes, the share that came (walk-ins are not in it); None
    when nobody said yes."""
    guests: Guests = field(default_factory=Guests)
    """Already in `total.attended` and `women.attended` (and per seminar and programme)."""


class SeminarReports:
    def __init__(self, seminars: Seminars) -> None:
        self.seminars = seminars
        self.db = seminars.db
        self.people = seminars.people

    async def for_seminar(self, telegram_id: int, seminar_id: int) -> SeminarReport:
        _, seminar = await self.seminars.manage(telegram_id, seminar_id)
        scope = [seminar.programme_id] if seminar.programme_id is not None else None
        return await self.build([seminar], scope)

    async def for_range(
        self,
        telegram_id: int,
        start: datetime,
        end: datetime,
        code: str | None = None,
        regions: list[int] | None = None,
    ) -> SeminarReport:
        """Only the seminars of the programme named by `code` (else of every programme this
        person works in; an admin's: all) that this person may manage; a limited coordinator
        sees their own. A programme they are not staff of is not allowed. `regions` counts
        only the participants from those regions."""
        await self.people.require_staff(telegram_id)
        scope = await self.seminars.programmes.scope(telegram_id, code)
        found = await repo.between(self.db, utcnow_iso(start), utcnow_iso(end), scope)
        mine = [s for s in found if await self._manages(telegram_id, s)]
        return await self.build(mine, scope, regions)

    async def ask_period(self, telegram_id: int, code: str | None) -> None:
        """For "another period": the next text is read as its two dates (for `code`'s
        programme)."""
        await self.people.require_staff(telegram_id)
        flow = Flow(telegram_id, PERIOD_FLOW, "dates", {"code": code})
        await flows.save(self.db, flow, utcnow_iso(self.seminars.clock.now()))

    async def asked_period(self, telegram_id: int) -> str | None:
        """The programme code the open period question was asked for (None: no code)."""
        flow = await flows.get(self.db, telegram_id)
        if flow is None or flow.flow != PERIOD_FLOW:
            return None
        code = flow.data.get("code")
        return str(code) if code else None

    async def leave_period(self, telegram_id: int) -> None:
        """A period picked, or a report made: the question for typed dates is closed."""
        flow = await flows.get(self.db, telegram_id)
        if flow is not None and flow.flow == PERIOD_FLOW:
            await flows.clear(self.db, telegram_id)

    async def operator_range(
        self,
        start: datetime,
        end: datetime,
        programme_ids: list[int] | None = None,
        regions: list[int] | None = None,
    ) -> SeminarReport:
        """No permission check: the command line runs as whoever owns the database."""
        found = await repo.between(self.db, utcnow_iso(start), utcnow_iso(end), programme_ids)
        return await self.build(found, programme_ids, regions)

    async def _manages(self, telegram_id: int, seminar: Seminar) -> bool:
        """Asks Seminars.manage itself, so the rule can never drift from the one for editing."""
        try:
            await self.seminars.manage(telegram_id, seminar.id)
        except NotAllowed:
            return False
        return True

    async def build(
        self,
        seminars: list[Seminar],
        programme_ids: list[int] | None = None,
        regions: list[int] | None = None,
    ) -> SeminarReport:
        """No permission check: callers decide which seminars may be shown. The rows are read
        and counted in worker threads: a year's report holds tens of thousands of them. With
        `regions`, only participants from them count, and only seminars with one of them."""
        ids = [s.id for s in seminars]
        found = await rows_repo.participants(self.db, ids)
        guests = await guests_repo.of_seminars(self.db, ids)
        return await asyncio.to_thread(summarise, seminars, found, programme_ids, regions, guests)


def tally(rows: list[Participant]) -> Tally:
    return Tally(
        invited=len(rows),
        yes=sum(r.status in YES for r in rows),
        attended=sum(r.attended for r in rows),
    )


def _grouped(
    rows: list[Participant], key: Callable[[Participant], K]
) -> dict[K, list[Participant]]:
    groups: dict[K, list[Participant]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return groups


def _by_code(
    rows: list[Participant], code: Callable[[Participant], str | None], order: tuple[str, ...]
) -> dict[str | None, Tally]:
    """Known codes in their usual order, then anything else, then None (not said)."""
    groups = _grouped(rows, code)
    known: list[str | None] = [c for c in order if c in groups]
    rest = sorted(k for k in groups if k is not None and k not in order)
    keys = known + rest + ([None] if None in groups else [])
    return {k: tally(groups[k]) for k in keys}


def _by_place(
    rows: list[Participant], place: Callable[[Participant], Place]
) -> list[tuple[Place, Tally]]:
    groups = _grouped(rows, lambda r: place(r).get("id"))
    found = [(place(g[0]), tally(g)) for g in groups.values()]
    return sorted(found, key=lambda pair: (-pair[1].attended, pair[0].get("name_en") or ""))


def _by_programme(
    seminars: list[Seminar], per_seminar: dict[int, list[Participant]], guests: Counter[int]
) -> list[tuple[int | None, Tally]]:
    groups: dict[int | None, list[Participant]] = {}
    came: Counter[int | None] = Counter()
    for s in seminars:
        groups.setdefault(s.programme_id, []).extend(per_seminar.get(s.id, []))
        came[s.programme_id] += guests[s.id]
    order = sorted(groups, key=lambda pid: (pid is None, pid or 0))
    return [(pid, _plus(tally(groups[pid]), came[pid])) for pid in order]


def _plus(found: Tally, guests: int) -> Tally:
    """Guests came, though nobody invited them."""
    return replace(found, attended=found.attended + guests) if guests else found


def summarise(
    seminars: list[Seminar],
    rows: list[Participant],
    programme_ids: list[int] | None = None,
    regions: list[int] | None = None,
    guests: Sequence[Guest] = (),
) -> SeminarReport:
    """With `regions`, guests are left out: where they came from is not known."""
    if regions:
        wanted = set(regions)
        rows = [r for r in rows if r.region.get("id") in wanted]
        held = {r.seminar_id for r in rows}
        seminars = [s for s in seminars if s.id in held]
        guests = ()
    per_seminar = _grouped(rows, lambda r: r.seminar_id)
    held_ids = {s.id for s in seminars}
    guests = [g for g in guests if g.seminar_id in held_ids]
    women = sum(g.gender == "female" for g in guests)
    per_guest: Counter[int] = Counter(g.seminar_id for g in guests)
    return SeminarReport(
        seminars=list(seminars),
        participants=rows,
        total=_plus(tally(rows), len(guests)),
        women=_plus(tally([r for r in rows if r.gender == "female"]), women),
        by_gender=_by_code(rows, lambda r: r.gender, GENDERS),
        by_position=_by_code(rows, lambda r: r.position, POSITIONS),
        by_region=_by_place(rows, lambda r: r.region),
        by_municipality=_by_place(rows, lambda r: r.municipality),
        by_seminar=[
            (s, _plus(tally(per_seminar.get(s.id, [])), per_guest[s.id])) for s in seminars
        ],
        by_programme=_by_programme(seminars, per_seminar, per_guest),
        programme_ids=programme_ids,
        people=distinct(rows, GENDERS, POSITIONS),
        rating=rating(rows),
        attendance_rate=_attendance_rate(rows),
        guests=Guests(len(guests), women, tuple(guests)),
    )


def _attendance_rate(rows: list[Participant]) -> float | None:
    said_yes = [r for r in rows if r.status in YES]
    return sum(r.attended for r in said_yes) / len(said_yes) if said_yes else None
