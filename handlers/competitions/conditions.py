"""Settling a conditional win after publication: the question that says what each answer does,
then met or not met, and the submission's card as it now stands."""

from __future__ import annotations

from bot.competitions.callbacks import ConditionCb
from bot.competitions.views import results as result_views
from bot.competitions.views import review as views
from handlers.buttons import button
from handlers.common import App, Turn


@button(ConditionCb, denied="competition_staff", stale="competition_staff")
async def on_condition(turn: Turn, data: ConditionCb) -> None:
    tid, sid = turn.tid, data.submission_id
    if data.action == "ask":
        card = await turn.svc.reviews.card(tid, sid)
        await turn.answer()
        await turn.show(result_views.condition_question(turn.tr, card))
        return
    met = data.action == "met"
    done = await turn.svc.results.conditions.settle(tid, sid, met)
    note = result_views.settled_note(turn.tr, met, done.told, done.changed)
    await turn.answer()
    await turn.show(views.card(turn.tr, done.card, note))


def register(app: App) -> None:
    app.add_handler(on_condition.route())
