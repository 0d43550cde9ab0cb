"""The staff action log in the browser (admins only, as /audit), narrowed by action, by staff
member and by Bishkek days, newest first."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from aiohttp import web

from bot.config import Config
from bot.console.web import words
from bot.console.web.context import services, session, tr_of
from bot.console.web.render import page
from bot.core import auditviews
from bot.core.audit import ACTIONS, MAX_LIMIT, Filter


def _day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _start(day: date | None, config: Config) -> datetime | None:
    """Midnight of a Bishkek day."""
    return datetime.combine(day, time(), config.zone) if day is not None else None


def asked(query: dict[str, str], config: Config) -> Filter:
    """The filter the address asks for; what can't be read is left out, not refused."""
    action = query.get("action") if query.get("action") in ACTIONS else None
    who = query.get("who", "")
    last = _day(query.get("to", ""))
    return Filter(
        action=action, actor_id=int(who) if who.isdigit() else None,
        since=_start(_day(query.get("from", "")), config),
        until=_start(last + timedelta(days=1), config) if last else None,
    )  # fmt: skip


async def audit(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    query = dict(request.query)
    entries = await svc.audit.latest(who.telegram_id, MAX_LIMIT, asked(query, svc.config))
    rows = [
        (tr.datetime(datetime.fromisoformat(e.at)), auditviews.who(tr, e),
         auditviews.action_name(tr, e.action), auditviews.what(tr, e), e.detail)
        for e in entries
    ]  # fmt: skip
    return page(
        tr, "audit.html", csrf=who.csrf, here="audit", a=words.audit(tr), rows=rows,
        actions=[(code, auditviews.action_name(tr, code)) for code in ACTIONS],
        people=await svc.audit.actors(who.telegram_id), query=query, limit=MAX_LIMIT,
    )  # fmt: skip


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/console/audit", audit)
