"""What a press release says, as plain values: the figures come from the reports staff see
(a seminar's report, the donor report for a period, a competition's results board), so a
release never counts anything itself and never disagrees with /report.

Staff get the seminars and competitions they may manage; the command line runs as the
database's owner and checks nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.competitions.service.results import Board, Results
from bot.core.errors import NotFound, Refusal
from bot.core.places.repo import Place
from bot.core.programmes.repo import Programme
from bot.core.programmes.service import Programmes
from bot.press import repo
from bot.press.repo import Names
from bot.reports.service import DonorReports
from bot.seminars.repo import seminars as seminars_repo
from bot.seminars.service.reports import SeminarReport, SeminarReports


@dataclass(frozen=True)
class SeminarsDraft:
    """One seminar (`first_day` is None) or a period's seminars (both days given)."""

    report: SeminarReport
    programmes: list[Programme]
    made_at: datetime
    first_day: date | None = None
    last_day: date | None = None
    region: Place | None = None


@dataclass(frozen=True)
class CompetitionDraft:
    board: Board
    programme: Programme | None
    made_at: datetime
    members: dict[int, list[Names]] = field(default_factory=dict)
    """Each cluster's municipalities, by the cluster's id (empty for municipalities)."""


class PressReleases:
    def __init__(
        self,
        donor_reports: DonorReports,
        seminar_reports: SeminarReports,
        results: Results,
        programmes: Programmes,
    ) -> None:
        self.donor_reports = donor_reports
        self.seminar_reports = seminar_reports
        self.results = results
        self.programmes = programmes
        self.db = seminar_reports.db
        self.clock = results.clock

    async def seminar(self, telegram_id: int, seminar_id: int) -> SeminarsDraft:
        report = await self.seminar_reports.for_seminar(telegram_id, seminar_id)
        return await self._seminars(report)

    async def period(
        self,
        telegram_id: int,
        first: date,
        last: date,
        code: str | None = None,
        region_id: int | None = None,
    ) -> SeminarsDraft:
        found = await self.donor_reports.for_period(telegram_id, first, last, code, region_id)
        return await self._seminars(found.seminars, first, last, found.region)

    async def competition(self, telegram_id: int, competition_id: int) -> CompetitionDraft:
        return await self._competition(await self.results.board(telegram_id, competition_id))

    async def operator_seminar(self, seminar_id: int) -> SeminarsDraft:
        """No permission check: the command line runs as whoever owns the database."""
        seminar = await seminars_repo.get(self.db, seminar_id)
        if seminar is None:
            raise NotFound
        scope = [seminar.programme_id] if seminar.programme_id is not None else None
        return await self._seminars(await self.seminar_reports.build([seminar], scope))

    async def operator_period(
        self, first: date, last: date, region_id: int | None = None
    ) -> SeminarsDraft:
        found = await self.donor_reports.operator(first, last, None, region_id)
        return await self._seminars(found.seminars, first, last, found.region)

    async def operator_competition(self, competition_id: int) -> CompetitionDraft:
        return await self._competition(await self.results.operator_board(competition_id))

    async def _seminars(
        self,
        report: SeminarReport,
        first: date | None = None,
        last: date | None = None,
        region: Place | None = None,
    ) -> SeminarsDraft:
        """Nobody marked as attending: there is nothing true to announce yet."""
        if not report.total.attended:
            raise Refusal("press_no_attendance")
        ids = sorted({s.programme_id for s in report.seminars if s.programme_id is not None})
        programmes = [await self.programmes.get(pid) for pid in ids]
        return SeminarsDraft(report, programmes, self.clock.now(), first, last, region)

    async def _competition(self, board: Board) -> CompetitionDraft:
        if not board.published:
            raise Refusal("press_not_published")
        c = board.competition
        programme = await self.programmes.get(c.programme_id) if c.programme_id else None
        ids = [r["entrant_id"] for r in board.results] if c.entrant_kind == "cluster" else []
        members = await repo.cluster_members(self.db, ids)
        return CompetitionDraft(board, programme, self.clock.now(), members)
