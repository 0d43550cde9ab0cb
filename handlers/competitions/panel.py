"""The review panel as a competition's managers run it: the Panel screen from the competition's
card, adding a reviewer from the programme's staff, one reviewer's submissions, and the criteria
typed as lines."""

from __future__ import annotations

from bot.competitions.callbacks import PanelCb
from bot.competitions.views import panel as views
from bot.core import replies
from bot.core.screens import Screen
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import App, Turn
from handlers.competitions.flows import leave_when_denied, media_refused
from handlers.routes import command


@button(PanelCb, denied="competition_staff", stale="competition_staff")
async def on_panel(turn: Turn, data: PanelCb) -> None:
    """Every panel button; the criteria question is a new message, the rest replace the
    screen."""
    panel, tid, cid, uid = turn.svc.panel, turn.tid, data.competition_id, data.user_id
    if data.action == "criteria":
        await panel.begin_criteria(tid, cid)
        await turn.answer()
        await turn.say(views.criteria_prompt(turn.tr))
        return
    screen: Screen
    if data.action == "add":
        board = await panel.board(tid, cid)
        screen = views.candidates(turn.tr, board, await panel.candidates(tid, cid))
    elif data.action == "pick":
        screen = views.board(turn.tr, await panel.add(tid, cid, uid), replies.saved(turn.tr))
    elif data.action == "drop":
        screen = views.board(turn.tr, await panel.drop(tid, cid, uid), replies.saved(turn.tr))
    elif data.action == "desk":
        screen = views.desk(turn.tr, await panel.desk(tid, cid, uid))
    elif data.action in ("every", "chosen"):
        every = data.action == "every"
        screen = views.desk(turn.tr, await panel.set_every(tid, cid, uid, every))
    elif data.action == "toggle":
        screen = views.desk(turn.tr, await panel.toggle(tid, cid, uid, data.submission_id))
    else:
        screen = views.board(turn.tr, await panel.board(tid, cid))
    await turn.answer()
    await turn.show(screen)


@command(on_refusal=leave_when_denied)
async def on_criteria(turn: Turn) -> None:
    """The criteria, one a line; a line that can't be read keeps the question open."""
    board = await turn.svc.panel.text(turn.tid, turn.text)
    await turn.say(views.board(turn.tr, board, replies.saved(turn.tr)))


def register(app: App) -> None:
    app.add_handler(on_panel.route())
    flow_steps.flow("panel_criteria", on_criteria, media_refused)
