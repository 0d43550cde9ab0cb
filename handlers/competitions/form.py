"""/newcompetition: the competition wizard for staff, one question at a time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram.ext import CommandHandler

from bot.competitions.callbacks import CompetitionFormCb
from bot.competitions.service.form import TIME_STEPS, CompetitionForm, form_data
from bot.competitions.views import form as views
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.quicktimes import TimeCb
from handlers import basics, flow_steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.competitions.flows import media_refused
from handlers.routes import command
from handlers.time_steps import TimeSteps


@command()
async def new_competition(turn: Turn) -> None:
    """The first question (the programme, for someone who works in several); anyone who is
    not staff hears the command is for staff."""
    await ask(turn, await turn.svc.competition_form.begin(turn.tid))


async def ask(turn: Turn, flow: Flow, page: int = 0) -> None:
    """The next question; at the end, the call as members will read it, then the summary."""
    svc = turn.svc.competition_form
    if flow.step == "programme":
        await turn.show(views.programme_step(turn.tr, await svc.programme_choices(turn.tid)))
        return
    if flow.step == "preview":
        preview = await svc.preview(turn.tid)
        for text in views.preview_texts(preview, turn.svc.config.tz):
            await turn.say(text)
        await turn.say(views.preview(turn.tr, preview))
        return
    options = None
    chosen = form_data(flow)["audience"]
    if flow.step == "audience_pick" and chosen is not None:
        options = await svc.options(turn.tid, chosen["kind"])
    quiet = turn.svc.config.quiet_hours
    await turn.show(views.step_screen(turn.tr, flow, options, page, svc.picks(flow), quiet))


async def resume(turn: Turn, flow: Flow) -> None:
    """After "Keep going": the question, or the summary without the call once more."""
    if flow.step == "preview":
        preview = await turn.svc.competition_form.preview(turn.tid)
        await turn.show(views.preview(turn.tr, preview))
        return
    await ask(turn, flow)


@command(denied="competition_staff")
async def on_text(turn: Turn) -> None:
    """A typed answer; a refused one is explained and the same question stays open. A time
    not read for certain is read back; a refused time comes with an example and the picks."""
    await TIMES.typed(turn)


@button(TimeCb, denied="competition_staff", stale="stale")
async def on_time(turn: Turn, data: TimeCb) -> None:
    await TIMES.picked(turn, data)


@button(CompetitionFormCb, denied="competition_staff", missing="stale", stale="stale")
async def on_button(turn: Turn, data: CompetitionFormCb) -> None:
    """Every wizard button; a forged or old one gets an alert and changes nothing."""
    svc = turn.svc.competition_form
    if data.action == "confirm":
        competition, count = await svc.confirm(turn.tid)
        await turn.answer()
        await turn.show(views.created(turn.tr, competition, count, turn.svc.clock.now()))
    elif data.action == "abort":
        flow = await svc.current(turn.tid)
        if flow is None:
            raise Refusal("stale")
        await basics.leave(turn, flow)
    else:
        flow = await _act(svc, turn.tid, data)
        await turn.answer()
        await ask(turn, flow, data.page if data.action in ("toggle", "page") else 0)


async def _act(svc: CompetitionForm, tid: int, data: CompetitionFormCb) -> Flow:
    actions: dict[str, Callable[[], Awaitable[Flow]]] = {
        "programme": lambda: svc.choose_programme(tid, data.value),
        "skip": lambda: svc.skip(tid),
        "entrants": lambda: svc.entrant_kind(tid, data.value),
        "kind": lambda: svc.choose_kind(tid, data.value),
        "toggle": lambda: svc.toggle(tid, data.value),
        "page": lambda: svc.search(tid, None) if data.value == "all" else svc.page(tid),
        "done": lambda: svc.audience_done(tid),
        "yesno": lambda: svc.yes_no(tid, data.value),
        "edit": lambda: svc.edit_part(tid, data.value),
        "keep": lambda: svc.keep(tid),
        "reminders": lambda: svc.choose_reminders(tid, data.value),
    }
    return await actions[data.action]()


TIMES = TimeSteps(lambda turn: turn.svc.competition_form, views, ask, TIME_STEPS)


def register(app: App) -> None:
    app.add_handler(CommandHandler("newcompetition", new_competition, filters=PRIVATE))
    app.add_handler(on_button.route())
    app.add_handler(on_time.route(flow="competition_form"))
    flow_steps.flow("competition_form", on_text, media_refused)
    basics.resume_with("competition_form", resume)
