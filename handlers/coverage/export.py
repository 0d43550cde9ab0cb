"""📥 XLSX on a coverage screen: the whole scope the reader sees (the programme on screen,
their regions), with the seminar's or competition's figures when one is chosen. The file is
written in a worker thread, so other people's replies don't wait for it."""

from __future__ import annotations

import asyncio

from telegram import InputFile

from bot.coverage.callbacks import CoverageCb
from bot.coverage.views.screen import headline
from bot.coverage.views.xlsx import file_name, workbook
from handlers.buttons import button
from handlers.common import App, Turn


@button(CoverageCb, denied="staff_only", missing="invalid_button")
async def on_xlsx(turn: Turn, data: CoverageCb) -> None:
    svc = turn.svc
    report = await svc.coverage.for_staff(turn.tid, None, data.programme_id, event=data.chosen)
    await turn.answer()
    programme = await svc.programmes.label(report.programme_id) if report.programme_id else None
    data_bytes = await asyncio.to_thread(workbook, turn.tr, report)
    name = file_name(report, programme.code if programme is not None else None)
    await turn.send_document(InputFile(data_bytes, filename=name), headline(turn.tr, report))


def register(app: App) -> None:
    app.add_handler(on_xlsx.route(action="xlsx"))
