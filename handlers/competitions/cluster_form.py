"""/newcluster: staff name a cluster and tick its municipalities, then save it."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.competitions.callbacks import ClusterFormCb
from bot.competitions.service.cluster_form import ClusterForm
from bot.competitions.views import cluster_form as views
from bot.core.errors import Refusal
from bot.core.flows import Flow
from handlers import basics, flow_steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.competitions.flows import media_refused
from handlers.routes import command


@command()
async def new_cluster(turn: Turn) -> None:
    """The first question (the programme, for someone who works in several); anyone who is
    not staff hears the command is for staff."""
    await ask(turn, await turn.svc.cluster_form.begin(turn.tid))


async def ask(turn: Turn, flow: Flow, page: int = 0) -> None:
    svc = turn.svc.cluster_form
    if flow.step == "programme":
        await turn.show(views.programme_step(turn.tr, await svc.programme_choices(turn.tid)))
        return
    if flow.step == "summary":
        await turn.show(views.summary(turn.tr, await svc.summary(turn.tid)))
        return
    choices = await svc.choices(turn.tid) if flow.step == "members" else []
    await turn.show(views.step_screen(turn.tr, flow, choices, page))


@command()
async def on_text(turn: Turn) -> None:
    """A name, or on the list a search; a refused answer is explained and nothing is lost."""
    await ask(turn, await turn.svc.cluster_form.text(turn.tid, turn.text))


@button(ClusterFormCb, denied="staff_only", missing="stale", stale="stale")
async def on_button(turn: Turn, data: ClusterFormCb) -> None:
    """A forged button from someone who is not staff, or an old one, changes nothing."""
    svc = turn.svc.cluster_form
    if data.action == "confirm":
        _, saved = await svc.confirm(turn.tid)
        await turn.answer()
        await turn.show(views.saved(turn.tr, saved))
    elif data.action == "abort":
        flow = await svc.current(turn.tid)
        if flow is None:
            raise Refusal("stale")
        await basics.leave(turn, flow)  # asks first when several answers would be lost
    else:
        flow = await _act(svc, turn.tid, data)
        await turn.answer()
        await ask(turn, flow, data.page)


async def _act(svc: ClusterForm, tid: int, data: ClusterFormCb) -> Flow:
    if data.action == "programme":
        return await svc.choose_programme(tid, data.value)
    if data.action == "toggle":
        return await svc.toggle(tid, data.value)
    if data.action == "page":
        return await svc.page(tid, data.value)
    return await svc.done(tid)


def register(app: App) -> None:
    app.add_handler(CommandHandler("newcluster", new_cluster, filters=PRIVATE))
    app.add_handler(on_button.route())
    flow_steps.flow("cluster_form", on_text, media_refused)
    basics.resume_with("cluster_form", ask)
