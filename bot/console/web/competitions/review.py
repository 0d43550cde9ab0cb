"""The review forms: a status move (a rejection with its reason), a revision with its comment and
deadline, a score, a result (a conditional win with its condition and the condition's deadline).
Each calls the service the chat's buttons call, so the entrant's staff hear of a decision
through the outbox and the competition log records who made it.

A form the service refuses (a deadline in the past, a score over 100) comes back with what was
typed and why, in the reader's language. A move that finds the submission already moved (the
same form posted twice, or a colleague was quicker) changes nothing and shows it as it is now.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.console.web.competitions import submission
from bot.console.web.context import services, session, tr_of, whole_number
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text

Action = Callable[[int, int, dict[str, str]], Awaitable[object]]


async def _act(request: web.Request, action: Action) -> web.StreamResponse:
    who = session(request)
    sid = whole_number(request.match_info["sid"])
    form = {k: str(v) for k, v in (await request.post()).items() if k != "csrf"}
    try:
        await action(who.telegram_id, sid, form)
    except Refusal as exc:
        if exc.code == "review_moved":
            raise web.HTTPSeeOther(f"/console/submissions/{sid}?note=moved") from None
        if exc.code == "stale":
            raise
        return await submission.show(request, 400, refusal_text(tr_of(request), exc), form)
    raise web.HTTPSeeOther(f"/console/submissions/{sid}?note=saved")


async def move(request: web.Request) -> web.StreamResponse:
    reviews = services(request).reviews

    async def act(tid: int, sid: int, form: dict[str, str]) -> object:
        wanted = form.get("to", "")
        if wanted not in submission.MOVES:
            raise Refusal("stale")
        return await reviews.set_status(tid, sid, wanted, form.get("reason"))

    return await _act(request, act)


async def revise(request: web.Request) -> web.StreamResponse:
    reviews = services(request).reviews

    async def act(tid: int, sid: int, form: dict[str, str]) -> object:
        return await reviews.revise(tid, sid, form.get("comment", ""), form.get("until", ""))

    return await _act(request, act)


async def score(request: web.Request) -> web.StreamResponse:
    reviews = services(request).reviews

    async def act(tid: int, sid: int, form: dict[str, str]) -> object:
        return await reviews.give_score(tid, sid, form.get("score", ""))

    return await _act(request, act)


async def result(request: web.Request) -> web.StreamResponse:
    results = services(request).results

    async def act(tid: int, sid: int, form: dict[str, str]) -> object:
        award, condition = form.get("award", ""), form.get("condition", "")
        until = form.get("condition_until", "")
        await results.record(tid, sid, award, condition, form.get("grant", ""), until)
        return None

    return await _act(request, act)


async def settle(request: web.Request) -> web.StreamResponse:
    """Once, from the confirmation the page asks: a second post changes nothing."""
    conditions = services(request).results.conditions

    async def act(tid: int, sid: int, form: dict[str, str]) -> object:
        if form.get("met") not in ("yes", "no"):
            raise Refusal("stale")
        return await conditions.settle(tid, sid, form["met"] == "yes")

    return await _act(request, act)
