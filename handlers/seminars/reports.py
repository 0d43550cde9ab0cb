"""Seminar reports for staff: one seminar from its card, or a period with /report FROM TO.

Where there are several programmes, `/report CODE [FROM TO]` counts one programme only; without
a code, staff get the programmes they work in and an admin gets all of them.

A period may hold tens of thousands of invitations: the service reads and counts them in
worker threads, and the spreadsheet is written in one too, so other users' replies don't wait.
"""

from __future__ import annotations

import asyncio
import re
from datetime import date, datetime, timedelta

from telegram import InputFile
from telegram.ext import CommandHandler

from bot.core.errors import NotAllowed, Refusal
from bot.seminars.callbacks import SeminarCb
from bot.seminars.service.reports import SeminarReport
from bot.seminars.views.report import period_hint, summary
from bot.seminars.views.xlsx import workbook
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command

DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")


async def send_report(turn: Turn, report: SeminarReport, name: str) -> None:
    svc = turn.svc
    programmes = await svc.programmes.known() if await svc.programmes.several() else None
    await turn.say(summary(turn.tr, report, programmes))
    if report.seminars:
        data = await asyncio.to_thread(workbook, report, turn.tr, programmes)
        await turn.send_document(InputFile(data, filename=f"{name}.xlsx"))


@button(SeminarCb, denied="seminar_staff")
async def on_button(turn: Turn, data: SeminarCb) -> None:
    report = await turn.svc.seminar_reports.for_seminar(turn.tid, data.seminar_id)
    await turn.answer()
    await send_report(turn, report, f"seminar-{data.seminar_id}")


@command()
async def report_command(turn: Turn) -> None:
    """Two dates, both included; without them, the last 30 days. A programme's code anywhere
    among them keeps to that programme."""
    svc = turn.svc
    zone = svc.config.zone
    try:
        code, dates = _code(turn.args)
        start, end = _period(dates, svc.clock.now().astimezone(zone).date())
    except ValueError:
        await turn.say(period_hint(turn.tr, await _example_code(turn)))
        return
    if not (await turn.actor()).is_staff:
        raise NotAllowed
    try:
        report = await svc.seminar_reports.for_range(
            turn.tid,
            datetime.combine(start, datetime.min.time(), zone),
            datetime.combine(end + timedelta(days=1), datetime.min.time(), zone),
            code,
        )
    except NotAllowed:
        raise Refusal("forbidden") from None  # staff, but not of the programme named
    prefix = f"seminars-{code.lower()}" if code else "seminars"
    await send_report(turn, report, f"{prefix}-{start}-{end}")


async def _example_code(turn: Turn) -> str | None:
    """A code the reader could name, for the hint; None when there is only one programme."""
    svc = turn.svc
    if not await svc.programmes.several():
        return None
    visible = await svc.programmes.visible_to(await turn.actor())
    return visible[0].code if visible else None


def _code(args: list[str]) -> tuple[str | None, list[str]]:
    """The one argument that is not a date is a programme's code."""
    codes = [a for a in args if not DATE.match(a)]
    if len(codes) > 1:
        raise ValueError("more than one code")
    return (codes[0] if codes else None), [a for a in args if DATE.match(a)]


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
