"""Coverage figures as plain values: the chat, the spreadsheet and later the console show the
same numbers. A coordinator sees the municipalities their programmes reach (the targets, else
the programme's regions, else all), within their region limit; asking about another region is
refused, not answered with an empty list."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.errors import NotFound, Refusal
from bot.core.people import Actor, People
from bot.core.places import repo as places
from bot.core.programmes import repo as programmes_repo
from bot.coverage import repo
from bot.coverage.repo import MunicipalityRow, PlaceNames
from bot.db import Database


def staff_count(row: MunicipalityRow) -> int:
    return sum(row.approved.values())


@dataclass(frozen=True)
class Group:
    """A region or a district: how many of its municipalities have approved staff."""

    place: PlaceNames
    municipalities: int
    registered: int
    staff: int
    pending: int

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

    @property
    def registered(self) -> int:
        return sum(1 for m in self.municipalities if staff_count(m))

    @property
    def nobody(self) -> list[MunicipalityRow]:
        return [m for m in self.municipalities if not staff_count(m)]

    @property
    def staff(self) -> int:
        return sum(staff_count(m) for m in self.municipalities)

    @property
    def pending(self) -> int:
        return sum(m.pending for m in self.municipalities)


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
    def __init__(self, db: Database, people: People) -> None:
        self.db = db
        self.people = people

    async def for_staff(
        self,
        telegram_id: int,
        code: str | None = None,
        programme_id: int = 0,
        region_id: int = 0,
        district_id: int = 0,
    ) -> CoverageReport:
        """One level of the tree: every region, one region's districts, or one district."""
        actor = await self.people.require_staff(telegram_id)
        if code and not programme_id:
            found = await programmes_repo.by_code(self.db, code)
            if found is None:
                raise Refusal("unknown_programme", given=code)
            programme_id = found.id
        scoped: Actor = actor.within(programme_id) if programme_id else actor
        programme_ids = [programme_id] if programme_id else actor.programme_ids()
        if district_id and not region_id:
            district = await places.district(self.db, district_id)
            if district is None:
                raise NotFound(str(district_id))
            region_id = district.parent_id or 0
        if region_id and not scoped.covers_region(region_id):
            raise Refusal("coverage_other_region")
        rows = await repo.municipalities(self.db, programme_ids, scoped.region_ids)
        return _report(rows, programme_id, region_id, district_id)

    async def operator(self, code: str | None = None) -> CoverageReport:
        """For the command line, which runs with the rights of the database's owner."""
        programme_ids: list[int] | None = None
        programme_id = 0
        if code:
            found = await programmes_repo.by_code(self.db, code)
            if found is None:
                raise Refusal("unknown_programme", given=code)
            programme_id, programme_ids = found.id, [found.id]
        rows = await repo.municipalities(self.db, programme_ids, ())
        return _report(rows, programme_id, 0, 0)
