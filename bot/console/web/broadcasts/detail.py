"""One announcement: its texts in both languages, whom it reached, the figures, and every
recipient with their municipality, how their message stands and why, in the words of the
chat's CSV (which is offered too). Only its author or an admin gets it: the list names people."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from aiohttp import web

from bot.broadcasts.service.history import reason
from bot.broadcasts.views.history import REASONS, deliveries_csv
from bot.console.web.broadcasts import markup, words
from bot.console.web.broadcasts.rows import row
from bot.console.web.context import services, session, tr_of, whole_number
from bot.console.web.render import page
from bot.core import labels
from bot.i18n import Translator
from bot.wiring import Services

if TYPE_CHECKING:
    from bot.broadcasts.repo import Delivery

LISTED = 500
STATES = ("sent", "pending", "sending", "failed", "blocked", "unreached", "cancelled")


async def _recipient(svc: Services, tr: Translator, r: Delivery) -> dict[str, str]:
    why = reason(r["status"], r["last_error"])
    path = await svc.directory.path(r["municipality_id"])
    sent = r["sent_at"]
    return {
        "name": r["full_name"] or "—",
        "place": path.municipality.name(tr.lang) if path else "—",
        "position": labels.position(tr, r["position"]) if r["position"] else "—",
        "state": r["status"], "delivery": labels.delivery(tr, r["status"]),
        "reason": tr._(REASONS[why.code]) if why.code else "", "telegram": why.telegram,
        "sent_at": tr.datetime(datetime.fromisoformat(sent)) if sent else "",
    }  # fmt: skip


async def one(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    broadcast_id = whole_number(request.match_info["id"])
    item, counts = await svc.broadcasts.entry(who.telegram_id, broadcast_id)
    deliveries = await svc.broadcasts.deliveries(who.telegram_id, broadcast_id)
    wanted = request.query.get("state", "")
    chosen = [d for d in deliveries if d["status"] == wanted] if wanted in STATES else deliveries
    programmes = await svc.broadcasts.programme_names(who.telegram_id)
    filters = [(s, labels.delivery(tr, s), counts.get(s, 0)) for s in STATES if counts.get(s)]
    return page(
        tr, "broadcasts/one.html", csrf=who.csrf, here="broadcasts", b=words.one(tr),
        h=words.history(tr), r=await row(svc, tr, item, counts, programmes),
        texts=[(lang, markup.safe(text)) for lang, text in
               (("ky", item.text_ky), ("ru", item.text_ru))],
        recipients=[await _recipient(svc, tr, d) for d in chosen[:LISTED]],
        more=len(chosen) > LISTED, filters=filters, wanted=wanted if wanted in STATES else "",
    )  # fmt: skip


async def spreadsheet(request: web.Request) -> web.StreamResponse:
    """The chat's CSV of every recipient, in the reader's language."""
    svc, who, tr = services(request), session(request), tr_of(request)
    broadcast_id = whole_number(request.match_info["id"])
    rows = await svc.broadcasts.deliveries(who.telegram_id, broadcast_id)
    return web.Response(
        body=deliveries_csv(tr, rows), content_type="text/csv", charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="broadcast-{broadcast_id}.csv"'},
    )  # fmt: skip
