"""The donor report as staff get it: the summary (with one region's report a tap away), the
charts as an album, and the spreadsheet. An empty period is named, with the picker again.

Counting, drawing and writing the file run in worker threads, so other users' replies don't
wait while a year's report is made.
"""

from __future__ import annotations

import asyncio
from datetime import date

from telegram import InputFile

from bot.core.errors import NotAllowed, Refusal
from bot.core.screens import Screen
from bot.reports import figures, views
from bot.reports.callbacks import RegionReportCb
from bot.reports.charts import render
from bot.reports.service import DonorReport
from bot.reports.xlsx import workbook
from bot.seminars.views import report as period_views
from bot.seminars.views.report import Period
from handlers.buttons import button
from handlers.common import App, Turn


async def report_for(
    turn: Turn, period: Period, code: str | None, region_id: int | None = None
) -> None:
    svc, tr = turn.svc, turn.tr
    try:
        report = await svc.donor_reports.for_period(turn.tid, *period, code, region_id)
    except NotAllowed:
        raise Refusal("forbidden") from None  # staff, but not of the programme named
    await turn.answer()  # a button's: after the check, so a refusal answers it instead
    if report.empty and region_id is None:
        await turn.say(period_views.nothing_in(tr, period, code))
        return
    programmes = await svc.programmes.to_name()
    name = report.region.name(tr.lang) if report.region is not None else None
    markup = views.region_buttons(tr, report, code, region_id)
    await turn.say(Screen(views.summary(tr, report, programmes, name), markup))
    if report.empty:
        return
    album = await render(figures.charts(tr, report))
    if album:
        await turn.send_album(album)
    data = await asyncio.to_thread(workbook, report, tr, programmes, name)
    await turn.send_document(InputFile(data, filename=_file_name(report, code, region_id)))


def _file_name(report: DonorReport, code: str | None, region_id: int | None) -> str:
    parts = ["report", code.lower() if code else None, f"region{region_id}" if region_id else None]
    head = "-".join(p for p in parts if p)
    return f"{head}-{report.first_day}-{report.last_day}.xlsx"


@button(RegionReportCb, denied="staff_only")
async def on_region(turn: Turn, data: RegionReportCb) -> None:
    """A region a coordinator does not cover is refused by the service, forged or not."""
    try:
        period = (date.fromordinal(data.first), date.fromordinal(data.last))
    except (ValueError, OverflowError):
        raise Refusal("stale") from None
    await report_for(turn, period, None if data.code == "-" else data.code, data.region)


def register(app: App) -> None:
    app.add_handler(on_region.route())
