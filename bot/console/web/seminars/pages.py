"""The seminars in the browser: the list the chat's /seminars shows, and a seminar's card with
its roster, waitlist and feedback, where staff mark attendance by hand. Each page asks the
services the chat asks, as the signed-in person: a seminar they may not manage is refused
before anything of it is read, and a mark goes through the same audit entry and survey push."""

from __future__ import annotations

from aiohttp import web

from bot.console.web.context import services, session, tr_of, whole_number
from bot.console.web.render import page
from bot.console.web.seminars import files, rows, words
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.seminars.service.attendance import OPENS_BEFORE


async def listing(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    now = svc.clock.now()
    found = [rows.summary(tr, s, counts, now) for s, counts in await svc.seminars.listing(
        who.telegram_id)]  # fmt: skip
    return page(
        tr, "seminars/list.html", csrf=who.csrf, here="seminars", sw=words.listing(tr),
        upcoming=[r for r in found if not r["past"]], past=[r for r in found if r["past"]],
    )  # fmt: skip


async def card(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    sid, tid = whole_number(request.match_info["id"]), who.telegram_id
    seminar, counts = await svc.seminars.card(tid, sid)
    _, roster = await svc.attendance.roster(tid, sid)
    report = await svc.seminar_reports.for_seminar(tid, sid)
    marked, others = rows.people(tr, roster, report.participants)
    opens = seminar.starts_at - OPENS_BEFORE
    closed = None
    if seminar.cancelled:
        closed = refusal_text(tr, Refusal("seminar_cancelled"))
    elif svc.clock.now() < opens:
        closed = refusal_text(tr, Refusal("checkin_not_open", opens=opens))
    programme = await svc.programmes.get(seminar.programme_id) if seminar.programme_id else None
    return page(
        tr, "seminars/card.html", csrf=who.csrf, here="seminars", sw=words.card(tr),
        seminar=rows.summary(tr, seminar, counts, svc.clock.now()),
        s=rows.details(tr, seminar, counts), closed=closed, roster=marked, others=others,
        waitlist=[r for r in marked if r["waiting"]],
        programme=programme.name(tr.lang) if programme else None,
        feedback=rows.feedback(tr, await svc.attendance.feedback(tid, sid)),
    )  # fmt: skip


async def mark(request: web.Request) -> web.StreamResponse:
    """The form says which state it wants (attended=1 or 0), so a second post of it, or an
    old page's, changes nothing."""
    svc, who = services(request), session(request)
    sid, user_id = (
        whole_number(request.match_info["id"]),
        whole_number(request.match_info["user_id"]),
    )
    wanted = (await request.post()).get("attended")
    if wanted not in ("0", "1"):
        raise Refusal("stale")
    await svc.attendance.set_attended(who.telegram_id, sid, user_id, wanted == "1")
    raise web.HTTPSeeOther(f"/console/seminars/{sid}#u{user_id}")


async def quote(request: web.Request) -> web.StreamResponse:
    """Marks a consented comment for the press (marked=1) or takes the mark back (0); the
    form says which, so a second post changes nothing. Without the author's leave: refused."""
    svc, who = services(request), session(request)
    sid, user_id = (
        whole_number(request.match_info["id"]),
        whole_number(request.match_info["user_id"]),
    )
    wanted = (await request.post()).get("marked")
    if wanted not in ("0", "1"):
        raise Refusal("stale")
    await svc.quotes.mark(who.telegram_id, sid, user_id, wanted == "1")
    raise web.HTTPSeeOther(f"/console/seminars/{sid}#q{user_id}")


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/console/seminars", listing)
    router.add_get("/console/seminars/{id}.xlsx", files.spreadsheet)
    router.add_get("/console/seminars/{id}", card)
    router.add_get("/console/seminars/{id}/qr", files.qr)
    router.add_get("/console/seminars/{id}/report", files.report)
    router.add_post("/console/seminars/{id}/attendance/{user_id}", mark)
    router.add_post("/console/seminars/{id}/quotes/{user_id}", quote)
