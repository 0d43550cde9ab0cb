"""Registrations waiting, decided from the browser: the same `Approvals.decide` the chat's
Approve and Reject buttons call, so the member hears the outcome through the outbox, the
audit log records it, and a second post of the same form changes nothing."""

from __future__ import annotations

from aiohttp import web

from bot.accounts.service.approvals import REASONS, Reason
from bot.accounts.views.approvals import reason_label
from bot.console.web import words
from bot.console.web.context import services, session, tr_of
from bot.console.web.render import page
from bot.core import labels
from bot.core.errors import Refusal

SHOWN = 50


async def listing(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    cards, total = await svc.approvals.pending(who.telegram_id, limit=SHOWN)
    rows = [
        {
            "user_id": c["user_id"], "submission": c.get("submission", 0),
            "name": c.get("full_name") or c.get("tg_name") or "—", "phone": c.get("phone") or "",
            "position": labels.position(tr, c.get("position"), c.get("position_detail")),
            "place": {"ky": c["place_ky"], "ru": c["place_ru"]}.get(tr.lang, c["place_en"]),
        }
        for c in cards
    ]  # fmt: skip
    reasons = [(code, reason_label(tr, code)) for code in REASONS]
    return page(tr, "registrations.html", csrf=who.csrf, here="registrations",
                g=words.registrations(tr), rows=rows, total=total, reasons=reasons)  # fmt: skip


async def decide(request: web.Request) -> web.StreamResponse:
    svc, who = services(request), session(request)
    form = await request.post()
    try:
        user_id = int(request.match_info["user_id"])
        submission = int(request.match_info["submission"])
    except ValueError:
        raise Refusal("stale") from None
    approve = request.match_info["verdict"] == "approve"
    code = str(form.get("reason", "")) or None
    reason = None if approve or code is None else Reason(code=code)
    await svc.approvals.decide(who.telegram_id, user_id, submission, approve, reason)
    raise web.HTTPSeeOther("/console/registrations")


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/console/registrations", listing)
    router.add_post(
        "/console/registrations/{user_id}/{submission}/{verdict:approve|reject}", decide
    )
