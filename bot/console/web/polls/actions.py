"""Closing a poll early and sharing its results, each asked once more on a page of its own
with the consequence in numbers, then done by the service calls the chat's buttons make
(`PollResults.close`, `PollResults.share`): the same audit entry, the same outbox rows. A
second post changes nothing: a closed poll stays closed, shared results are not sent again."""

from __future__ import annotations

from aiohttp import web

from bot.console.web.context import services, session, tr_of, whole_number
from bot.console.web.polls import rows, words
from bot.console.web.polls.asked import results_of
from bot.console.web.render import page
from bot.core.errors import Refusal


async def _ask(request: web.Request, what: str) -> web.StreamResponse:
    who, tr = session(request), tr_of(request)
    results = await results_of(request)
    poll = results.poll
    done = results.closed if what == "close" else poll.shared_at is not None
    if done:
        raise web.HTTPSeeOther(f"/console/polls/{poll.id}")
    people = tr.ngettext(
        "Send the results to the {count} person asked?",
        "Send the results to the {count} people asked?",
        poll.total,
    ).format(count=poll.total)
    return page(
        tr, "polls/confirm.html", csrf=who.csrf, here="polls", k=words.confirm(tr), what=what,
        p=rows.head(tr, poll, results.answered, results.closed), people=people,
    )  # fmt: skip


async def ask_close(request: web.Request) -> web.StreamResponse:
    return await _ask(request, "close")


async def ask_share(request: web.Request) -> web.StreamResponse:
    return await _ask(request, "share")


async def close(request: web.Request) -> web.StreamResponse:
    svc, who = services(request), session(request)
    poll_id = whole_number(request.match_info["id"])
    await svc.poll_results.close(who.telegram_id, poll_id)
    raise web.HTTPSeeOther(f"/console/polls/{poll_id}")


async def share(request: web.Request) -> web.StreamResponse:
    svc, who = services(request), session(request)
    poll_id = whole_number(request.match_info["id"])
    try:
        count = await svc.poll_results.share(who.telegram_id, poll_id)
    except Refusal as exc:
        if exc.code != "poll_shared":
            raise
        raise web.HTTPSeeOther(f"/console/polls/{poll_id}") from exc
    raise web.HTTPSeeOther(f"/console/polls/{poll_id}?shared={count}")
