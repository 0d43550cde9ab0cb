"""/coverage [CODE]: the headline and the municipalities with nobody registered, then a button
per region, and per district inside a region. A region outside the reader's limit is refused."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.coverage.callbacks import CoverageCb
from bot.coverage.service import CoverageReport
from bot.coverage.views import screen
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


async def _screen(turn: Turn, report: CoverageReport) -> None:
    programme = (
        await turn.svc.programmes.label(report.programme_id) if report.programme_id else None
    )
    await turn.show(screen(turn.tr, report, programme))


@command(denied="staff_only")
async def coverage_command(turn: Turn) -> None:
    code = turn.args[0] if turn.args else None
    await _screen(turn, await turn.svc.coverage.for_staff(turn.tid, code))


@button(CoverageCb, denied="staff_only", missing="invalid_button")
async def on_button(turn: Turn, data: CoverageCb) -> None:
    report = await turn.svc.coverage.for_staff(
        turn.tid, None, data.programme_id, data.region_id, data.district_id
    )
    await turn.answer()
    await _screen(turn, report)


def register(app: App) -> None:
    app.add_handler(CommandHandler("coverage", coverage_command, filters=PRIVATE))
    app.add_handler(on_button.route())
