"""Seminar reports for staff: one seminar from its card, or a period with /report FROM TO.

A period may hold tens of thousands of invitations: the service reads and counts them in
worker threads, and the spreadsheet is written in one too, so other users' replies don't wait.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

from telegram import InputFile
from telegram.ext import CommandHandler

from bot.seminars.callbacks import SeminarCb
from bot.seminars.service.reports import SeminarReport
from bot.seminars.views.report import period_hint, summary
from bot.seminars.views.xlsx import workbook
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


async def send_report(turn: Turn, report: SeminarReport, name: str) -> None:
    await turn.say(summary(turn.tr, report))
    if report.seminars:
        data = await asyncio.to_thread(workbook, report, turn.tr)
        await turn.send_document(InputFile(data, filename=f"{name}.xlsx"))


@button(SeminarCb, denied="seminar_staff")
async def on_button(turn: Turn, data: SeminarCb) -> None:
    report = await turn.svc.seminar_reports.for_seminar(turn.tid, data.seminar_id)
    await turn.answer()
    await send_report(turn, report, f"seminar-{data.seminar_id}")


@command()
async def report_command(turn: Turn) -> None:
    """Two dates, both included; without them, the last 30 days."""
    svc = turn.svc
    zone = svc.config.zone
    try:
        start, end = _period(turn.args, svc.clock.now().astimezone(zone).date())
    except ValueError:
        await turn.say(period_hint(turn.tr))
        return
    report = await svc.seminar_reports.for_range(
        turn.tid,
        datetime.combine(start, datetime.min.time(), zone),
        datetime.combine(end + timedelta(days=1), datetime.min.time(), zone),
    )
    await send_report(turn, report, f"seminars-{start}-{end}")


def _period(args: list[str], today: date) -> tuple[date, date]:
    if not args:
        return today - timedelta(days=30), today
    if len(args) != 2:
        raise ValueError("two dates")
    start, end = (datetime.strptime(a, "%d.%m.%Y").date() for a in args)
    if end < start:
        raise ValueError("end before start")
    return start, end


def register(app: App) -> None:
    app.add_handler(CommandHandler("report", report_command, filters=PRIVATE))
    app.add_handler(on_button.route(action="report"))
