"""The pages staff read: the overview (what needs attention, coverage by region), the donor
report with its charts, its file and its brief. Each asks the service the chat asks, as
the signed-in person, so the figures and the refusals are the same."""

from __future__ import annotations

import asyncio
import base64
from datetime import date, timedelta
from typing import Any

from aiohttp import web

from bot.console.web import words
from bot.console.web.context import services, session, tr_of
from bot.console.web.render import page
from bot.core.programmes.repo import Programme
from bot.core.texts import text_for
from bot.press import brief_files
from bot.reports import figures
from bot.reports import views as report_views
from bot.reports.charts import render
from bot.reports.service import DonorReport
from bot.reports.xlsx import workbook

WEEK = timedelta(days=7)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
Programmes = dict[int, Programme]


async def overview(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    now = svc.clock.now()
    desk = await svc.status.desk(who.telegram_id)
    seminars = [s for s, _ in await svc.seminars.listing(who.telegram_id)
                if not s.cancelled and now <= s.starts_at <= now + WEEK]  # fmt: skip
    deadlines = [c for c, _ in await svc.competitions.listing(who.telegram_id)
                 if not c.cancelled and now <= c.deadline <= now + WEEK]  # fmt: skip
    coverage = await svc.coverage.for_staff(who.telegram_id)
    week = sorted(
        [(s.starts_at, text_for(tr.lang, s.title_ky, s.title_ru), "") for s in seminars]
        + [(c.deadline, text_for(tr.lang, c.title_ky, c.title_ru), "⏰") for c in deadlines]
    )
    return page(
        tr, "overview.html", csrf=who.csrf, here="overview", o=words.overview(tr), desk=desk,
        week=[(tr.datetime(at), title, mark) for at, title, mark in week], coverage=coverage,
    )  # fmt: skip


def _period(request: web.Request, today: date) -> tuple[date, date] | None:
    """?from=&to= as ISO dates, both included; this year when not given; None when unreadable."""
    try:
        first = date.fromisoformat(request.query.get("from") or f"{today.year}-01-01")
        last = date.fromisoformat(request.query.get("to") or f"{today.year}-12-31")
    except ValueError:
        return None
    return (first, last) if first <= last else None


def _region(request: web.Request) -> int | None:
    raw = request.query.get("region", "")
    return int(raw) if raw.isdigit() else None


async def _asked(request: web.Request) -> tuple[DonorReport, Programmes | None, str | None]:
    """The report the query asks for (?from=&to=&region=), the programmes to name in it and
    the region's name; HTTPBadRequest for dates that can't be read."""
    svc, who, tr = services(request), session(request), tr_of(request)
    period = _period(request, svc.clock.now().astimezone(svc.config.zone).date())
    if period is None:
        raise web.HTTPBadRequest()
    found = await svc.donor_reports.for_period(who.telegram_id, *period, None, _region(request))
    name = found.region.name(tr.lang) if found.region is not None else None
    return found, await svc.programmes.to_name(), name


async def report(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    regions = await svc.directory.regions()
    context: dict[str, Any] = {
        "r": words.report(tr), "regions": [(p.id, p.name(tr.lang)) for p in regions],
        "region": _region(request), "here": "report",
    }  # fmt: skip
    try:
        found, programmes, name = await _asked(request)
    except web.HTTPBadRequest:
        return page(tr, "report.html", 400, csrf=who.csrf, bad=True, **context)
    drawn = await render(figures.charts(tr, found), "svg")
    return page(
        tr, "report.html", csrf=who.csrf, period=(found.first_day, found.last_day),
        charts=[base64.b64encode(svg).decode() for _, svg in drawn],
        summary=report_views.summary(tr, found, programmes, name), query=request.query_string,
        brief=not found.empty, **context,
    )  # fmt: skip


async def report_file(request: web.Request) -> web.StreamResponse:
    found, programmes, name = await _asked(request)
    data = await asyncio.to_thread(workbook, found, tr_of(request), programmes, name)
    filename = f"report-{found.first_day}-{found.last_day}.xlsx"
    return web.Response(
        body=data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


async def brief_file(request: web.Request) -> web.StreamResponse:
    """The donor brief of the report on the page, as the chat's 📄 Donor brief makes it; the
    same checks, through the same service (an empty period has none)."""
    svc, who, tr = services(request), session(request), tr_of(request)
    period = _period(request, svc.clock.now().astimezone(svc.config.zone).date())
    if period is None:
        raise web.HTTPBadRequest()
    found = await svc.press.brief(who.telegram_id, *period, None, _region(request))
    made = await brief_files.make(tr, found)
    pdf = request.match_info["kind"] == "pdf"
    body, name = (made.pdf, made.pdf_name) if pdf else (made.docx, made.docx_name)
    kind = "application/pdf" if pdf else DOCX
    attachment = {"Content-Disposition": f'attachment; filename="{name}"'}
    return web.Response(body=body, content_type=kind, headers=attachment)


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/console/overview", overview)
    router.add_get("/console/report", report)
    router.add_get("/console/report.xlsx", report_file)
    router.add_get(r"/console/report/brief.{kind:(docx|pdf)}", brief_file)
