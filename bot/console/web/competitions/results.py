"""A competition's results in the browser: what is recorded, then publishing with the preview the
bot shows (whom it reaches, what is still open, the winners as members will read them). Before
the deadline it asks a second time, as the chat does. Publishing is `Results.publish`: one
transaction stamps the competition and queues every member's message, so a second post finds
the results published and sends nothing."""

from __future__ import annotations

from aiohttp import web
from markupsafe import Markup

from bot.competitions.service.results import PublishCheck
from bot.competitions.views import results as views
from bot.competitions.views import text
from bot.console.web.competitions import words
from bot.console.web.context import services, session, tr_of, whole_number
from bot.console.web.render import page
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text


async def board(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    cid = whole_number(request.match_info["cid"])
    found = await svc.results.board(who.telegram_id, cid)
    check: PublishCheck | None = None
    refused = None
    if not found.published:
        try:
            check = await svc.results.publish_check(who.telegram_id, cid)
        except Refusal as exc:
            refused = refusal_text(tr, exc)
    c = found.competition
    rows = [
        (r["names"][f"name_{tr.lang}"] or r["names"]["name_ru"],  # type: ignore[literal-required]
         views.award_name(tr, r["award"], r["place"]),
         text.kgs(tr, r["grant_kgs"]) if r["grant_kgs"] is not None else "", r["condition"] or "")
        for r in found.results
    ]  # fmt: skip
    published = c.results_published_at
    return page(
        tr, "competitions/results.html", csrf=who.csrf, here="competitions",
        r=words.results(tr), cid=cid, title=text.pick(tr, c.content(), "title"), rows=rows,
        published=tr.datetime(text.when(published)) if published else None, refused=refused,
        preview=Markup(views.preview(tr, check).text) if check else None,
        early=check is not None and check.early, confirm=request.query.get("confirm") == "early",
    )  # fmt: skip


async def publish(request: web.Request) -> web.StreamResponse:
    svc, who = services(request), session(request)
    cid = whole_number(request.match_info["cid"])
    form = await request.post()
    try:
        check = await svc.results.publish_check(who.telegram_id, cid)
        if check.early and form.get("early") != "yes":
            raise web.HTTPSeeOther(f"/console/competitions/{cid}/results?confirm=early")
        await svc.results.publish(who.telegram_id, cid)
    except Refusal as exc:
        if exc.code != "results_published":
            raise
    raise web.HTTPSeeOther(f"/console/competitions/{cid}/results")
