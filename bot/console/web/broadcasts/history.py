"""The announcements sent and scheduled, newest first, as /broadcasts lists them to this reader
(admins every one, a coordinator their own), with the delivery figures; a scheduled one is
cancelled after a page that states the consequence, through the service the chat's Cancel
button calls."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from bot.broadcasts.views import history as views
from bot.broadcasts.views.audience import reach_named
from bot.console.web.broadcasts import words
from bot.console.web.broadcasts.markup import plain
from bot.console.web.broadcasts.rows import row
from bot.console.web.context import services, session, tr_of, whole_number
from bot.console.web.render import page
from bot.core.errors import Refusal

SHOWN = 50


async def listing(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    found = await svc.broadcasts.history(who.telegram_id, SHOWN)
    programmes = await svc.broadcasts.programme_names(who.telegram_id)
    health = views.health(tr, await svc.broadcasts.health(who.telegram_id))
    rows = [await row(svc, tr, item, counts, programmes) for item, counts in found]
    done = request.query.get("done", "")
    notice = None
    if done.isdigit():
        mine = next((r for r in rows if r.id == int(done)), None)
        h = words.history(tr)
        notice = h["done_later"] if mine and mine.state == "scheduled" else h["done_now"]
    elif request.query.get("cancelled"):
        notice = words.history(tr)["cancelled"]
    return page(
        tr, "broadcasts/history.html", csrf=who.csrf, here="broadcasts", h=words.history(tr),
        rows=rows, several=bool(programmes), health=health, notice=notice,
        full=len(rows) >= SHOWN,
    )  # fmt: skip


async def ask_cancel(request: web.Request) -> web.StreamResponse:
    """The consequence with the numbers, as the chat's confirmation says it."""
    svc, who, tr = services(request), session(request), tr_of(request)
    broadcast_id = whole_number(request.match_info["id"])
    item, counts = await svc.broadcasts.entry(who.telegram_id, broadcast_id)
    named = await svc.broadcasts.audience_names(item)
    k = words.cancel(tr)
    return page(
        tr, "broadcasts/cancel.html", csrf=who.csrf, here="broadcasts", k=k, id=item.id,
        audience=plain(reach_named(tr, named, item.total)),
        when=k["scheduled"].format(when=tr.datetime(datetime.fromisoformat(item.send_at))),
        waiting=svc.broadcasts.waiting(item, counts),
    )  # fmt: skip


async def cancel(request: web.Request) -> web.StreamResponse:
    """Posted twice, the second finds it cancelled already and changes nothing; one that
    started meanwhile is said to have started."""
    svc, who, tr = services(request), session(request), tr_of(request)
    broadcast_id = whole_number(request.match_info["id"])
    try:
        await svc.broadcasts.cancel(who.telegram_id, broadcast_id)
    except Refusal as refused:
        if refused.code != "broadcast_started":
            raise
        item, _ = await svc.broadcasts.entry(who.telegram_id, broadcast_id)
        if item.status != "cancelled":
            text = {"title": "409", "text": words.cancel(tr)["started"]}
            return page(tr, "message.html", 409, csrf=who.csrf, here="broadcasts", m=text)
    raise web.HTTPSeeOther("/console/broadcasts?cancelled=1")
