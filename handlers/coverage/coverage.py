"""/coverage [CODE]: the headline and the municipalities to act on first, then a button per
region, and per district inside a region; "For a seminar or competition…" lists the ones the
reader runs, and the same tree then counts invitations or submissions. A region outside the
reader's limit, or a seminar or competition they don't run, is refused."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.coverage.callbacks import CoverageCb
from bot.coverage.service.coverage import CoverageReport
from bot.coverage.views.events import chooser
from bot.coverage.views.screen import screen
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
        turn.tid, None, data.programme_id, data.region_id, data.district_id, data.chosen
    )
    await turn.answer()
    await _screen(turn, report)


@button(CoverageCb, denied="staff_only")
async def on_pick(turn: Turn, data: CoverageCb) -> None:
    """The seminars and competitions to count for, in the programme on screen."""
    found = await turn.svc.coverage.choices(turn.tid, data.programme_id)
    await turn.answer()
    await turn.show(chooser(turn.tr, found, data.programme_id))


def register(app: App) -> None:
    app.add_handler(CommandHandler("coverage", coverage_command, filters=PRIVATE))
    app.add_handler(on_button.route(action="open"))
    app.add_handler(on_pick.route(action="pick"))
