"""Seminar reports for staff: one seminar from its card, or a period with /report FROM TO."""

from __future__ import annotations

from datetime import datetime, timedelta

from telegram import InputFile, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.core.callback_data import CallbackDataError, SeminarCb
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.refusals import refusal_text
from bot.seminars.service.reports import SeminarReport
from bot.seminars.views.report import summary
from bot.seminars.views.xlsx import workbook
from handlers.common import PRIVATE, Context, say, services, tr_for


async def send_report(update: Update, context: Context, report: SeminarReport, name: str) -> None:
    tr = await tr_for(update, context)
    await say(update, summary(tr, report))
    if report.seminars:
        data = InputFile(workbook(report, tr), filename=f"{name}.xlsx")
        await update.effective_chat.send_document(data)


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    tr = await tr_for(update, context)
    try:
        data = SeminarCb.unpack(query.data)
        report = await services(context).seminar_reports.for_seminar(
            update.effective_user.id, data.seminar_id
        )
    except (CallbackDataError, NotAllowed, NotFound):
        await query.answer(refusal_text(tr, Refusal("not_allowed")), show_alert=True)
        return
    await query.answer()
    await send_report(update, context, report, f"seminar-{data.seminar_id}")


async def report_command(update: Update, context: Context) -> None:
    """Two dates, both included; without them, the last 30 days."""
    svc = services(context)
    tr = await tr_for(update, context)
    zone = svc.config.zone
    try:
        start, end = _period(context.args or [], svc.clock.now().astimezone(zone).date())
        report = await svc.seminar_reports.for_range(
            update.effective_user.id,
            datetime.combine(start, datetime.min.time(), zone),
            datetime.combine(end + timedelta(days=1), datetime.min.time(), zone),
        )
    except NotAllowed:
        await say(update, tr._("This command is for project staff."))
        return
    except ValueError:
        await say(update, tr._("Please write two dates, like: /report 01.11.2026 30.11.2026"))
        return
    await send_report(update, context, report, f"seminars-{start}-{end}")


def _period(args: list[str], today):
    if not args:
        return today - timedelta(days=30), today
    if len(args) != 2:
        raise ValueError("two dates")
    start, end = (datetime.strptime(a, "%d.%m.%Y").date() for a in args)
    if end < start:
        raise ValueError("end before start")
    return start, end


def register(app: Application) -> None:
    app.add_handler(CommandHandler("report", report_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=SeminarCb.where(action="report")))
