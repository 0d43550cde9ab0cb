"""The donor report: a period's seminars, competitions and registrations as plain values, so the
chat, the spreadsheet, the charts and later the web console show the same figures.

It composes the features from above: the seminars' own report (with distinct people), the
competitions staff may manage, and the approved members. Who may see what follows the rest of
the bot: staff see their programmes, a region-limited coordinator their regions; asking for
another region is refused, not answered with zeros.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from bot.competitions.repo import competitions as competitions_repo
from bot.competitions.repo.competitions import Competition
from bot.competitions.repo.submissions import Result
from bot.competitions.service.competitions import may_manage
from bot.competitions.service.results import shown_award
from bot.core.errors import Refusal
from bot.core.people import Actor, People
from bot.core.places import repo as places
from bot.core.places.repo import Place
from bot.core.programmes.service import Programmes
from bot.db import Database, utcnow_iso
from bot.grants.service import donor as grants
from bot.grants.service.donor import GrantFigures
from bot.polls.service.results import PollResults, Reach
from bot.reports import repo
from bot.reports.repo import EntrantRow
from bot.seminars.service.distinct import Month, months
from bot.seminars.service.reports import SeminarReport, SeminarReports

NOT_SENT = "not_sent"
"""The status key of eligible entrants who sent nothing."""


@dataclass(frozen=True)
class CompetitionFigures:
    competition: Competition
    entrants: list[EntrantRow]

    @property
    def eligible(self) -> int:
        return len(self.entrants)

    @property
    def submitted(self) -> int:
        return sum(e.status is not None for e in self.entrants)

    @property
    def by_status(self) -> dict[str, int]:
        return dict(Counter(e.status or NOT_SENT for e in self.entrants))

    @property
    def winners(self) -> list[EntrantRow]:
        """Placed entrants, by place (shared places stay together)."""
        return [e for e in self.entrants if e.award == "place"]

    def awarded(self, award: str) -> list[EntrantRow]:
        return [e for e in self.entrants if e.award == award]

    @property
    def grants_kgs(self) -> int:
        return sum(e.grant_kgs or 0 for e in self.entrants)

    @property
    def published(self) -> bool:
        return self.competition.results_published_at is not None


@dataclass(frozen=True)
class Registrations:
    approved: int = 0
    """Approved members at the end of the period."""
    new: int = 0
    """Of them, approved within the period."""


@dataclass(frozen=True)
class DonorReport:
    first_day: date
    last_day: date
    """Both included."""
    seminars: SeminarReport
    months: list[Month] = field(default_factory=list)
    competitions: list[CompetitionFigures] = field(default_factory=list)
    registrations: Registrations = field(default_factory=Registrations)
    programme_ids: list[int] | None = None
    region_ids: list[int] = field(default_factory=list)
    """The regions it is limited to (empty: all)."""
    region: Place | None = None
    """The one region it was asked for, to name it."""
    grants: GrantFigures = field(default_factory=lambda: GrantFigures([]))
    """The grant projects under way in the period, as they stand today."""
    polls: list[Reach] = field(default_factory=list)
    """The polls sent in the period, answered of asked (within its regions)."""

    @property
    def empty(self) -> bool:
        """Nothing happened: no seminar, no competition, nobody approved, no grant under way,
        no poll sent."""
        return (
            not self.seminars.seminars
            and not self.competitions
            and not self.registrations.new
            and not self.grants.records
            and not self.polls
        )

    @property
    def grants_kgs(self) -> int:
        return sum(c.grants_kgs for c in self.competitions)


def region_limit(actor: Actor, scope: list[int] | None) -> list[int] | None:
    """The regions a report for `scope` may show this person (None: all of them): limited
    only when every programme in it limits them."""
    if actor.is_admin:
        return None
    ids = scope if scope is not None else actor.programme_ids() or []
    limits = [actor.programmes.get(pid, ()) for pid in ids]
    if not limits or any(not limit for limit in limits):
        return None
    return sorted(set().union(*limits))


def _allowed(actor: Actor, scope: list[int] | None, region: Place | None) -> list[int]:
    """The regions the report counts: the one asked for, if this person covers it (else
    refused), or all they may see (empty: every region)."""
    limit = region_limit(actor, scope)
    if region is None:
        return limit or []
    if limit is not None and region.id not in limit:
        raise Refusal("forbidden")
    return [region.id]


class DonorReports:
    def __init__(
        self,
        seminar_reports: SeminarReports,
        people: People,
        programmes: Programmes,
        polls: PollResults,
    ) -> None:
        """`polls`: the service behind the chat's poll card, so both count alike."""
        self.seminar_reports = seminar_reports
        self.polls = polls
        self.people = people
        self.programmes = programmes
        self.db: Database = people.db
        self.zone = people.config.zone

    def _bounds(self, first: date, last: date) -> tuple[datetime, datetime]:
        start = datetime.combine(first, time(), self.zone)
        return start, datetime.combine(last + timedelta(days=1), time(), self.zone)

    async def for_period(
        self,
        telegram_id: int,
        first: date,
        last: date,
        code: str | None = None,
        region_id: int | None = None,
    ) -> DonorReport:
        """As staff: their programmes (or the one named), within their regions; a region
        they do not cover is refused."""
        actor = await self.people.require_staff(telegram_id)
        scope = await self.programmes.scope(telegram_id, code)
        region = await self._region(region_id)
        if region is None and region_id is not None:
            raise Refusal("stale")
        regions = _allowed(actor, scope, region)
        start, end = self._bounds(first, last)
        report = await self.seminar_reports.for_range(telegram_id, start, end, code, regions)
        found = await self._competitions(start, end, scope, regions, actor)
        under_way = await self._grants(start, end, scope, regions, actor)
        assembled = await self._assemble(
            first, last, report, found, scope, regions, region, under_way
        )
        polls = await self.polls.sent_between(start, end, scope, regions, actor)
        return replace(assembled, polls=polls)

    async def operator(
        self,
        first: date,
        last: date,
        programme_ids: list[int] | None = None,
        region_id: int | None = None,
    ) -> DonorReport:
        """No permission check: the command line runs as whoever owns the database."""
        regions = [region_id] if region_id is not None else []
        start, end = self._bounds(first, last)
        report = await self.seminar_reports.operator_range(start, end, programme_ids, regions)
        found = await self._competitions(start, end, programme_ids, regions, None)
        region = await self._region(region_id)
        under_way = await self._grants(start, end, programme_ids, regions, None)
        assembled = await self._assemble(
            first, last, report, found, programme_ids, regions, region, under_way
        )
        polls = await self.polls.sent_between(start, end, programme_ids, regions, None)
        return replace(assembled, polls=polls)

    async def _grants(
        self,
        start: datetime,
        end: datetime,
        scope: list[int] | None,
        regions: list[int],
        actor: Actor | None,
    ) -> GrantFigures:
        now = self.people.clock.now()
        return await grants.for_period(self.db, self.zone, now, start, end, scope, regions, actor)

    async def _region(self, region_id: int | None) -> Place | None:
        return await places.region(self.db, region_id) if region_id is not None else None

    async def _competitions(
        self,
        start: datetime,
        end: datetime,
        scope: list[int] | None,
        regions: list[int],
        actor: Actor | None,
    ) -> list[CompetitionFigures]:
        """`actor` None: the operator's, every one."""
        ids = await repo.competition_ids(self.db, utcnow_iso(start), utcnow_iso(end), scope)
        found = []
        for competition_id in ids:
            competition = await competitions_repo.get(self.db, competition_id)
            if competition is None or (actor is not None and not may_manage(actor, competition)):
                continue
            published = competition.results_published_at is not None
            rows = [_as_shown(row) for row in await repo.entrants(
                self.db, competition.id, competition.entrant_kind, published, regions
            )]  # fmt: skip
            if rows or not regions:
                found.append(CompetitionFigures(competition, rows))
        return found

    async def _assemble(
        self,
        first: date,
        last: date,
        report: SeminarReport,
        competitions: list[CompetitionFigures],
        scope: list[int] | None,
        regions: list[int],
        region: Place | None,
        under_way: GrantFigures | None = None,
    ) -> DonorReport:
        start, end = self._bounds(first, last)
        approved, new = await repo.registrations(
            self.db, utcnow_iso(start), utcnow_iso(end), regions, scope
        )
        starts = {s.id: s.starts_at for s in report.seminars}
        by_month = await asyncio.to_thread(
            months, starts, report.participants, self.zone, report.guests.at()
        )
        return DonorReport(
            first_day=first,
            last_day=last,
            seminars=report,
            months=by_month,
            competitions=competitions,
            registrations=Registrations(approved, new),
            programme_ids=scope,
            region_ids=regions,
            region=region,
            grants=under_way or GrantFigures([]),
        )


def _as_shown(row: EntrantRow) -> EntrantRow:
    """A settled conditional win as it now stands (`shown_award`): a met condition is a win, a
    lapsed one no result and no grant."""
    if row.award is None:
        return row
    stored = Result(row.entrant_id, row.award, row.place, row.grant_kgs, None,
                    condition_state=row.condition_state)  # fmt: skip
    award = shown_award(stored)
    if award == "lapsed":
        return replace(row, award=None, grant_kgs=None)
    return replace(row, award=award)
