"""Which period a report covers: the menu's "📊 Reports" (and /report alone) offers this month,
last month, this quarter, this year or another period typed as two dates; /report FROM TO
gives it at once. Where there are several programmes, `/report CODE [FROM TO]` counts one
programme only; without a code, staff get the programmes they work in and an admin all."""

from __future__ import annotations

import re

from telegram.error import BadRequest
from telegram.ext import CommandHandler

from bot.core.errors import NotAllowed
from bot.http import retrying
from bot.seminars.callbacks import ReportCb
from bot.seminars.service.reports import PERIOD_FLOW, period_of, typed_period
from bot.seminars.views import report as views
from bot.seminars.views.report import Period, period_hint
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.reports.sending import report_for
from handlers.routes import command

DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")


@command()
async def report_command(turn: Turn) -> None:
    """Two dates, both included: the report at once. Without them, the period picker. A
    programme's code anywhere among them keeps to that programme."""
    try:
        code, dates = _code(turn.args)
        period = _period(dates) if dates else None
    except ValueError:
        await turn.say(period_hint(turn.tr, await _example_code(turn)))
        return
    if not (await turn.actor()).is_staff:
        raise NotAllowed
    if period is None:
        await turn.svc.seminar_reports.leave_period(turn.tid)
        await turn.say(views.picker(turn.tr, code))
        return
    await report_for(turn, period, code)


@button(ReportCb, denied="staff_only")
async def on_period(turn: Turn, data: ReportCb) -> None:
    """A period from the picker: the picker says which, and the report follows; "another
    period" asks for two dates."""
    svc, tr = turn.svc, turn.tr
    code = None if data.code == "-" else data.code
    if not (await turn.actor()).is_staff:
        raise NotAllowed
    if data.period == "other":
        await svc.seminar_reports.ask_period(turn.tid, code)
        await turn.answer()
        await _strip(turn)
        await turn.say(views.ask_dates(tr, code))
        return
    await svc.seminar_reports.leave_period(turn.tid)
    period = period_of(data.period, svc.clock.now().astimezone(svc.config.zone).date())
    await turn.answer()
    await _strip(turn)
    await report_for(turn, period, code)


async def _strip(turn: Turn) -> None:
    """The pressed picker's buttons go (one live picker); its text stays, and what follows
    names the period."""
    try:
        await retrying(lambda: turn.query.edit_message_reply_markup(None))
    except BadRequest as exc:
        if "not modified" not in exc.message:
            raise


@command()
async def on_dates(turn: Turn) -> None:
    """The two dates of "another period"; unreadable ones get the example and the picker,
    and the question stays open."""
    reports = turn.svc.seminar_reports
    code = await reports.asked_period(turn.tid)
    try:
        period = typed_period(turn.text)
    except ValueError:
        await turn.say(views.bad_dates(turn.tr, code))
        return
    await reports.leave_period(turn.tid)
    await report_for(turn, period, code)


@command()
async def on_media(turn: Turn) -> None:
    await turn.say(views.bad_dates(turn.tr, await turn.svc.seminar_reports.asked_period(turn.tid)))


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


def _period(args: list[str]) -> Period:
    if len(args) != 2:
        raise ValueError("two dates")
    return typed_period(" ".join(args))


def register(app: App) -> None:
    app.add_handler(CommandHandler("report", report_command, filters=PRIVATE))
    app.add_handler(on_period.route())
    flow_steps.flow(PERIOD_FLOW, on_dates, on_media)
