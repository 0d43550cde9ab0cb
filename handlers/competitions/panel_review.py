"""A panel reviewer's screens: their list, one assigned submission with their own scores, its
files, and the scores typed one criterion at a time; and, for managers, every reviewer's
scores on one submission."""

from __future__ import annotations

from bot.competitions.callbacks import ScoreCb
from bot.competitions.views import panel_review as views
from bot.core import replies
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import App, Turn
from handlers.competitions.flows import media_refused
from handlers.competitions.review import send_version
from handlers.routes import Refusals, command

REVIEWER = Refusals(denied="not_assigned", stale="not_assigned")


@button(ScoreCb, denied="not_assigned", stale="not_assigned")
async def on_reviewer(turn: Turn, data: ScoreCb) -> None:
    """The reviewer's list, a sheet, its files, and Score (its first question)."""
    svc, tr, tid, sid = turn.svc.scoring, turn.tr, turn.tid, data.submission_id
    if data.action == "mine":
        found = await svc.queue(tid)
        await turn.answer()
        await turn.show(views.queue(tr, found))
        return
    if data.action == "files":
        sheet = await svc.sheet(tid, sid)
        await turn.answer()
        if sheet.version is not None:
            await send_version(turn, sheet.submission.receipt, sheet.version)
        return
    if data.action == "score":
        flow, sheet = await svc.begin(tid, sid)
        await turn.answer()
        await turn.say(views.score_prompt(tr, sheet, int(flow.data["index"])))
        return
    sheet = await svc.sheet(tid, sid)
    await turn.answer()
    await turn.show(views.sheet(tr, sheet))


@button(ScoreCb, denied="competition_staff", stale="competition_staff")
async def on_scores(turn: Turn, data: ScoreCb) -> None:
    """Every reviewer's scores on one submission: the competition's managers only."""
    card, panel = await turn.svc.scoring.summary(turn.tid, data.submission_id)
    await turn.answer()
    await turn.show(views.scores(turn.tr, card, panel))


async def _refused(turn: Turn, exc: Exception) -> None:
    """A score out of range keeps the question open; losing the assignment closes it."""
    await turn.refuse(REVIEWER.code_for(exc))


@command(on_refusal=_refused)
async def on_text(turn: Turn) -> None:
    """One criterion's score, then the next criterion; the sheet once all are given."""
    flow, sheet = await turn.svc.scoring.text(turn.tid, turn.text)
    if flow.step == "done":
        await turn.say(views.sheet(turn.tr, sheet, replies.saved(turn.tr)))
        return
    await turn.say(views.score_prompt(turn.tr, sheet, int(flow.data["index"])))


def register(app: App) -> None:
    app.add_handler(on_scores.route(action="scores"))
    app.add_handler(on_reviewer.route(action={"mine", "open", "score", "files"}))
    flow_steps.flow("panel_score", on_text, media_refused)
