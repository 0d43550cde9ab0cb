"""What a seminar's card leads to: the spreadsheet the chat sends, the check-in QR to print,
and the report with its charts. Made by the chat's own builders (the XLSX, the QR, the
summary) and the donor report's charts, so paper, file and chat never disagree."""

from __future__ import annotations

import asyncio
import base64

from aiohttp import web

from bot.console.web.context import bot_username, services, session, tr_of, whole_number
from bot.console.web.render import page
from bot.console.web.seminars import rows, words
from bot.reports import figures
from bot.reports.charts import render
from bot.reports.service import DonorReport
from bot.seminars.service.attendance import CLOSES_AFTER, OPENS_BEFORE
from bot.seminars.views import checkin
from bot.seminars.views.report import summary
from bot.seminars.views.xlsx import workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def spreadsheet(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    sid = whole_number(request.match_info["id"])
    report = await svc.seminar_reports.for_seminar(who.telegram_id, sid)
    programmes = await svc.programmes.to_name()
    data = await asyncio.to_thread(workbook, report, tr, programmes)
    return web.Response(
        body=data,
        content_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="seminar-{sid}.xlsx"'},
    )


async def qr(request: web.Request) -> web.StreamResponse:
    """The chat's QR card as a page for the printer: the deep link the chat's QR opens,
    drawn by the same function, with the title, day and place in large type."""
    svc, who, tr = services(request), session(request), tr_of(request)
    seminar, counts = await svc.seminars.card(
        who.telegram_id, whole_number(request.match_info["id"])
    )
    image = link = None
    name = None if seminar.cancelled else bot_username(request)
    if name is not None:
        link = checkin.deep_link(name, seminar.checkin_code)
        image = base64.b64encode(await asyncio.to_thread(checkin.qr_png, link)).decode()
    _ = tr._
    how = _("Scan the code with your phone's camera, or send this code to the bot: {code}")
    window = _("Check-in is open from {opens} to {closes}.").format(
        opens=tr.time(seminar.starts_at - OPENS_BEFORE),
        closes=tr.time(seminar.ends_at + CLOSES_AFTER),
    )
    return page(
        tr, "seminars/qr.html", csrf=who.csrf, here="seminars", sw=words.qr(tr),
        seminar=rows.summary(tr, seminar, counts, svc.clock.now()), image=image, link=link,
        how=how.split("{code}", 1), code=seminar.checkin_code, window=window,
    )  # fmt: skip


async def report(request: web.Request) -> web.StreamResponse:
    """The chat's summary, and the donor report's charts of this one seminar's day."""
    svc, who, tr = services(request), session(request), tr_of(request)
    sid = whole_number(request.match_info["id"])
    found = await svc.seminar_reports.for_seminar(who.telegram_id, sid)
    seminar, counts = await svc.seminars.card(who.telegram_id, sid)
    day = seminar.starts_at.astimezone(svc.config.zone).date()
    drawn = await render(figures.charts(tr, DonorReport(day, day, found)), "svg")
    return page(
        tr, "seminars/report.html", csrf=who.csrf, here="seminars", sw=words.report(tr),
        seminar=rows.summary(tr, seminar, counts, svc.clock.now()),
        summary=summary(tr, found, await svc.programmes.to_name()),
        charts=[base64.b64encode(svg).decode() for _, svg in drawn],
    )  # fmt: skip
