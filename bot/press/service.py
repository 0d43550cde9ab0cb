"""What a press release says, as plain values: the figures come from the reports staff see
(a seminar's report, the donor report for a period, a competition's results board), so a
release never counts anything itself and never disagrees with /report.

Staff get the seminars and competitions they may manage; the command line runs as the
database's owner and checks nothing.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from PIL import Image, UnidentifiedImageError

from bot.competitions.service.results import Board, Results
from bot.core.errors import NotFound, Refusal
from bot.core.places.repo import Place
from bot.core.programmes.repo import Programme
from bot.core.programmes.service import Programmes
from bot.press import repo
from bot.press.repo import Names
from bot.reports.service import DonorReport, DonorReports
from bot.seminars.repo import files as files_repo
from bot.seminars.repo import seminars as seminars_repo
from bot.seminars.service.reports import SeminarReport, SeminarReports

Fetch = Callable[[str], Awaitable[bytes]]
"""A Telegram file's bytes by its file_id (the bot's getFile and download)."""
MAX_PHOTOS = 4
TRIED_PHOTOS = 12
"""Photos read at most, to find four that open: a draft never downloads a whole album."""
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Photos:
    """The organiser's follow-up photos that opened, and the ones that did not, by their
    number in the seminar's files, to name at the end of the draft."""

    readable: list[bytes] = field(default_factory=list)
    unreadable: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class SeminarsDraft:
    """One seminar (`first_day` is None) or a period's seminars (both days given)."""

    report: SeminarReport
    programmes: list[Programme]
    made_at: datetime
    first_day: date | None = None
    last_day: date | None = None
    region: Place | None = None
    photos: Photos = field(default_factory=Photos)


@dataclass(frozen=True)
class BriefDraft:
    """A period's donor report, for the one- or two-page brief."""

    report: DonorReport
    programmes: list[Programme]
    made_at: datetime


@dataclass(frozen=True)
class CompetitionDraft:
    board: Board
    programme: Programme | None
    made_at: datetime
    members: dict[int, list[Names]] = field(default_factory=dict)
    """Each cluster's municipalities, by the cluster's id (empty for municipalities)."""

    @property
    def call(self) -> bool:
        """Still open with no results: the draft announces the call for entries."""
        return not self.board.published


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

    async def seminar(
        self, telegram_id: int, seminar_id: int, fetch: Fetch | None = None
    ) -> SeminarsDraft:
        report = await self.seminar_reports.for_seminar(telegram_id, seminar_id)
        return await self._seminars(report, fetch=fetch)

    async def period(
        self,
        telegram_id: int,
        first: date,
        last: date,
        code: str | None = None,
        region_id: int | None = None,
        fetch: Fetch | None = None,
    ) -> SeminarsDraft:
        found = await self.donor_reports.for_period(telegram_id, first, last, code, region_id)
        return await self._seminars(found.seminars, first, last, found.region, fetch)

    async def brief(
        self,
        telegram_id: int,
        first: date,
        last: date,
        code: str | None = None,
        region_id: int | None = None,
    ) -> BriefDraft:
        return await self._brief(
            await self.donor_reports.for_period(telegram_id, first, last, code, region_id)
        )

    async def operator_brief(
        self, first: date, last: date, region_id: int | None = None
    ) -> BriefDraft:
        return await self._brief(await self.donor_reports.operator(first, last, None, region_id))

    async def _brief(self, report: DonorReport) -> BriefDraft:
        """A period with nothing in it has nothing to brief the donor on."""
        if report.empty:
            raise Refusal("brief_empty")
        ids = {s.programme_id for s in report.seminars.seminars}
        ids |= {c.competition.programme_id for c in report.competitions}
        programmes = [await self.programmes.get(pid) for pid in sorted(i for i in ids if i)]
        return BriefDraft(report, programmes, self.clock.now())

    async def competition(self, telegram_id: int, competition_id: int) -> CompetitionDraft:
        return await self._competition(await self.results.board(telegram_id, competition_id))

    async def operator_seminar(self, seminar_id: int, fetch: Fetch | None = None) -> SeminarsDraft:
        """No permission check: the command line runs as whoever owns the database."""
        seminar = await seminars_repo.get(self.db, seminar_id)
        if seminar is None:
            raise NotFound
        scope = [seminar.programme_id] if seminar.programme_id is not None else None
        report = await self.seminar_reports.build([seminar], scope)
        return await self._seminars(report, fetch=fetch)

    async def operator_period(
        self, first: date, last: date, region_id: int | None = None, fetch: Fetch | None = None
    ) -> SeminarsDraft:
        found = await self.donor_reports.operator(first, last, None, region_id)
        return await self._seminars(found.seminars, first, last, found.region, fetch)

    async def operator_competition(self, competition_id: int) -> CompetitionDraft:
        return await self._competition(await self.results.operator_board(competition_id))

    async def _seminars(
        self,
        report: SeminarReport,
        first: date | None = None,
        last: date | None = None,
        region: Place | None = None,
        fetch: Fetch | None = None,
    ) -> SeminarsDraft:
        """Nobody marked as attending: there is nothing true to announce yet."""
        if not report.total.attended:
            raise Refusal("press_no_attendance")
        ids = sorted({s.programme_id for s in report.seminars if s.programme_id is not None})
        programmes = [await self.programmes.get(pid) for pid in ids]
        photos = await self._photos([s.id for s in report.seminars], fetch)
        return SeminarsDraft(report, programmes, self.clock.now(), first, last, region, photos)

    async def _photos(self, seminar_ids: list[int], fetch: Fetch | None) -> Photos:
        """Without a way to download (the command line without a bot token) there are none."""
        found = Photos()
        if fetch is None:
            return found
        for stored in await files_repo.photos(self.db, seminar_ids, TRIED_PHOTOS):
            if len(found.readable) == MAX_PHOTOS:
                break
            try:
                data = await fetch(stored.file_id)
                await asyncio.to_thread(_check_image, data)
            except Exception as exc:  # noqa: BLE001 - any photo that fails is named, not fatal
                log.info("press photo %s left out: %s", stored.id, type(exc).__name__)
                found.unreadable.append(stored.id)
                continue
            found.readable.append(data)
        return found

    async def _competition(self, board: Board) -> CompetitionDraft:
        """Before the deadline, unpublished results make a call for entries instead; after
        it, they must be published first."""
        c = board.competition
        if not board.published and (c.cancelled or self.clock.now() >= c.deadline):
            raise Refusal("press_not_published")
        programme = await self.programmes.get(c.programme_id) if c.programme_id else None
        ids = [r["entrant_id"] for r in board.results] if c.entrant_kind == "cluster" else []
        members = await repo.cluster_members(self.db, ids)
        return CompetitionDraft(board, programme, self.clock.now(), members)


def _check_image(data: bytes) -> None:
    """Raises for bytes that are not a whole picture Word can show."""
    with Image.open(io.BytesIO(data)) as image:
        if image.format not in ("JPEG", "PNG", "GIF", "BMP"):
            raise UnidentifiedImageError(image.format)
        image.load()
