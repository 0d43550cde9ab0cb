"""One seminar's report for staff, from its card: the counts in the chat and every
participant in the spreadsheet. A period's report is the donor report (handlers.reports)."""

from __future__ import annotations

import asyncio

from telegram import InputFile

from bot.seminars.callbacks import SeminarCb
from bot.seminars.service.reports import SeminarReport
from bot.seminars.views.report import summary
from bot.seminars.views.xlsx import workbook
from handlers.buttons import button
from handlers.common import App, Turn


async def send_report(turn: Turn, report: SeminarReport, name: str) -> None:
    svc = turn.svc
    programmes = await svc.programmes.to_name()
    await turn.say(summary(turn.tr, report, programmes))
    if report.seminars:
        data = await asyncio.to_thread(workbook, report, turn.tr, programmes)
        await turn.send_document(InputFile(data, filename=f"{name}.xlsx"))


@button(SeminarCb, denied="seminar_staff")
async def on_button(turn: Turn, data: SeminarCb) -> None:
    report = await turn.svc.seminar_reports.for_seminar(turn.tid, data.seminar_id)
    await turn.answer()
    await send_report(turn, report, f"seminar-{data.seminar_id}")


def register(app: App) -> None:
    app.add_handler(on_button.route(action="report"))
