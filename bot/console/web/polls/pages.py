"""The poll pages: the list the chat's /polls shows and a poll's live results, each asking
`PollResults` as the signed-in person, the service behind the chat's card, so the figures and
the refusals are the same. The chart is drawn by the chat's own chart specs (as SVG), and the
spreadsheet is the file the chat sends."""

from __future__ import annotations

import base64

from aiohttp import web

from bot.console.web.context import services, session, tr_of
from bot.console.web.polls import actions, rows, words
from bot.console.web.polls.asked import results_of
from bot.console.web.render import page
from bot.i18n import Translator
from bot.polls.service.answers import closed
from bot.polls.views import files
from bot.polls.views import staff as staff_views
from bot.reports.charts import render

ONE = "/console/polls/{id:\\d+}"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def listing(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    now = svc.clock.now()
    found = [rows.head(tr, poll, answered, closed(poll, now))
             for poll, answered in await svc.poll_results.recent(who.telegram_id)]  # fmt: skip
    return page(tr, "polls/list.html", csrf=who.csrf, here="polls", pw=words.listing(tr),
                polls=found)  # fmt: skip


async def card(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    results = await results_of(request)
    poll = results.poll
    answers = [] if poll.anonymous else await svc.poll_results.who(who.telegram_id, poll.id)
    drawn = await render(files.chart_specs(tr, results), "svg")
    return page(
        tr, "polls/card.html", csrf=who.csrf, here="polls", pw=words.card(tr),
        p=rows.head(tr, poll, results.answered, results.closed),
        questions=[(rows.question(tr, q), rows.option_names(tr, q.question))
                   for q in results.questions],
        charts=[base64.b64encode(svg).decode() for _, svg in drawn],
        who=rows.who(tr, results, answers), more=max(len(answers) - rows.WHO_LISTED, 0),
        listed=rows.WHO_LISTED, notice=_notice(tr, request.query.get("shared", "")),
        limited=staff_views.limited(tr) if results.regions else None,
    )  # fmt: skip


def _notice(tr: Translator, shared: str) -> str | None:
    """After Share: how many the results are on their way to, in the chat's words."""
    return staff_views.shared(tr, int(shared)) if shared.isdigit() and len(shared) < 9 else None


async def spreadsheet(request: web.Request) -> web.StreamResponse:
    """The file the chat's 📄 Spreadsheet sends, built by the same function."""
    svc, who, tr = services(request), session(request), tr_of(request)
    results = await results_of(request)
    poll = results.poll
    answers = [] if poll.anonymous else await svc.poll_results.who(who.telegram_id, poll.id)
    data = await files.workbook(tr, results, answers)
    return web.Response(
        body=data, content_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="poll-{poll.id}.xlsx"'},
    )  # fmt: skip


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/console/polls", listing)
    router.add_get(ONE, card)
    router.add_get(ONE + ".xlsx", spreadsheet)
    router.add_get(ONE + "/close", actions.ask_close)
    router.add_post(ONE + "/close", actions.close)
    router.add_get(ONE + "/share", actions.ask_share)
    router.add_post(ONE + "/share", actions.share)
