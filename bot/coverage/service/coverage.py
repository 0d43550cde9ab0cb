"""Coverage figures as plain values: the chat, the spreadsheet and later the console show the
same numbers. A coordinator sees the municipalities their programmes reach (the targets, else
the programme's regions, else all), within their region limit; asking about another region is
refused, not answered with an empty list.

For a chosen seminar or competition the scope is the municipalities it concerns (those with an
invitation; the eligible entrants, or the municipalities of eligible clusters), each with its
figures; the seminar or competition must be one the reader may manage, and its programme's
region limit applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.core.errors import NotFound, Refusal
from bot.core.people import Actor, People
from bot.core.places import repo as places
from bot.core.programmes import repo as programmes_repo
from bot.coverage.repo import events as events_repo
from bot.coverage.repo import places as repo
from bot.coverage.repo.events import Event, EventKind, Figures
from bot.coverage.repo.places import MunicipalityRow, PlaceNames
from bot.coverage.service.events import CompetitionLike, Desk, Events, SeminarLike
from bot.db import Database

EventKey = tuple[EventKind, int]


def staff_count(row: MunicipalityRow) -> int:
    return sum(row.approved.values())


def needs_attention(row: MunicipalityRow, event: Event | None) -> bool:
    """Nobody registered; or, for a seminar, someone invited has not answered; or, for a
    competition, nothing submitted yet."""
    if event is None:
        return not staff_count(row)
    if event.kind == "seminar":
        return row.figures.no_answer > 0
    return row.figures.not_yet > 0


@dataclass(frozen=True)
class Group:
    """A region or a district: how many of its municipalities have approved staff, and the
    chosen seminar's or competition's figures summed over them."""

    place: PlaceNames
    municipalities: int
    registered: int
    staff: int
    pending: int
    figures: Figures = field(default_factory=Figures)

    @property
    def nobody(self) -> int:
        return self.municipalities - self.registered


@dataclass(frozen=True)
class CoverageReport:
    programme_id: int
    """The one programme counted, or 0 for every programme the reader works in."""
    region: PlaceNames | None
    district: PlaceNames | None
    municipalities: list[MunicipalityRow]
    groups: list[Group]
    """Regions at the top, the region's districts one level down, none for a district."""
    event: Event | None = None

    @property
    def registered(self) -> int:
        return sum(1 for m in self.municipalities if staff_count(m))

    @property
    def nobody(self) -> list[MunicipalityRow]:
        return [m for m in self.municipalities if not staff_count(m)]

    @property
    def attention(self) -> list[MunicipalityRow]:
        """The municipalities to act on first (see `needs_attention`)."""
        return [m for m in self.municipalities if needs_attention(m, self.event)]

    @property
    def staff(self) -> int:
        return sum(staff_count(m) for m in self.municipalities)

    @property
    def pending(self) -> int:
        return sum(m.pending for m in self.municipalities)

    @property
    def figures(self) -> Figures:
        return sum((m.figures for m in self.municipalities), Figures())


def _groups(rows: list[MunicipalityRow], by_district: bool) -> list[Group]:
    found: dict[int, list[MunicipalityRow]] = {}
    names: dict[int, PlaceNames] = {}
    for row in rows:
        place = row.district if by_district else row.region
        found.setdefault(place.id, []).append(row)
        names[place.id] = place
    return [
        Group(
            names[pid],
            len(members),
            sum(1 for m in members if staff_count(m)),
            sum(staff_count(m) for m in members),
            sum(m.pending for m in members),
            sum((m.figures for m in members), Figures()),
        )
        for pid, members in found.items()
    ]


def _report(
    rows: list[MunicipalityRow], programme_id: int, region_id: int, district_id: int
) -> CoverageReport:
    if district_id:
        rows = [r for r in rows if r.district.id == district_id]
        if not rows:
            raise NotFound(str(district_id))
        return CoverageReport(programme_id, rows[0].region, rows[0].district, rows, [])
    if region_id:
        rows = [r for r in rows if r.region.id == region_id]
        if not rows:
            raise NotFound(str(region_id))
        return CoverageReport(programme_id, rows[0].region, None, rows, _groups(rows, True))
    return CoverageReport(programme_id, None, None, rows, _groups(rows, False))


class Coverage:
    def __init__(
        self,
        db: Database,
        people: People,
        seminars: Desk[SeminarLike],
        competitions: Desk[CompetitionLike],
    ) -> None:
        self.db = db
        self.people = people
        self.events = Events(seminars, competitions)

    async def for_staff(
        self,
        telegram_id: int,
        code: str | None = None,
        programme_id: int = 0,
        region_id: int = 0,
        district_id: int = 0,
        event: EventKey | None = None,
    ) -> CoverageReport:
        """One level of the tree: every region, one region's districts, or one district; for
        a seminar or competition when `event` names one."""
        actor = await self.people.require_staff(telegram_id)
        chosen = await self.events.managed(telegram_id, *event) if event else None
        if chosen is not None:
            programme_id = chosen.programme_id or 0
        elif code and not programme_id:
            programme_id = (await self._programme(code))[0]
        scoped: Actor = actor.within(programme_id) if programme_id else actor
        if district_id and not region_id:
            district = await places.district(self.db, district_id)
            if district is None:
                raise NotFound(str(district_id))
            region_id = district.parent_id or 0
        if region_id and not scoped.covers_region(region_id):
            raise Refusal("coverage_other_region")
        reach = [programme_id] if programme_id else actor.programme_ids()
        rows = await self._rows(None if chosen else reach, scoped.region_ids, chosen)
        return replace(_report(rows, programme_id, region_id, district_id), event=chosen)

    async def choices(self, telegram_id: int, programme_id: int = 0) -> list[Event]:
        """The seminars and competitions this person may see coverage for."""
        await self.people.require_staff(telegram_id)
        return await self.events.choices(telegram_id, programme_id)

    async def operator(
        self, code: str | None = None, event: EventKey | None = None
    ) -> CoverageReport:
        """For the command line, which runs with the rights of the database's owner."""
        chosen = None
        if event is not None:
            chosen = await events_repo.event(self.db, *event)
            if chosen is None:
                raise Refusal("unknown_event", kind=event[0], id=event[1])
        programme_id, programme_ids = await self._programme(code) if code else (0, None)
        if chosen is not None:
            programme_id, programme_ids = chosen.programme_id or 0, None
        rows = await self._rows(programme_ids, (), chosen)
        return replace(_report(rows, programme_id, 0, 0), event=chosen)

    async def _programme(self, code: str) -> tuple[int, list[int]]:
        found = await programmes_repo.by_code(self.db, code)
        if found is None:
            raise Refusal("unknown_programme", given=code)
        return found.id, [found.id]

    async def _rows(
        self, programme_ids: list[int] | None, region_ids: tuple[int, ...], event: Event | None
    ) -> list[MunicipalityRow]:
        """With an event, only the municipalities it concerns (wherever its programme reaches
        now), each with its figures."""
        rows = await repo.municipalities(self.db, programme_ids, region_ids)
        if event is None:
            return rows
        figures = await events_repo.figures(self.db, event)
        concerned = [row for row in rows if row.place.id in figures]
        for row in concerned:
            row.figures = figures[row.place.id]
        return concerned
