"""The poll a page's address names, as the signed-in person may see it."""

from __future__ import annotations

from aiohttp import web

from bot.console.web.context import services, session, whole_number
from bot.core.errors import NotFound, Refusal
from bot.polls.service.results import Results


async def results_of(request: web.Request) -> Results:
    """Its live results through the chat card's service; a poll that does not exist is not
    found, one of another programme is refused (403)."""
    svc, who = services(request), session(request)
    raw = request.match_info["id"]
    try:
        return await svc.poll_results.results(who.telegram_id, whole_number(raw))
    except Refusal as exc:
        if exc.code == "stale":
            raise NotFound(raw) from exc
        raise
