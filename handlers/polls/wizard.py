"""/polls for staff: the list of polls and "New poll", then the wizard: questions, the kind of
answer, options, named or anonymous, the close, a reminder, the audience, a preview, send.
The audience's narrowing is in handlers.polls.audience."""

from __future__ import annotations

from datetime import datetime

from telegram.ext import CommandHandler

from bot.core import timeviews
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.quicktimes import TIME_CODES, TimeCb, at_minute
from bot.polls.callbacks import PollWizardCb
from bot.polls.views import staff as staff_views
from bot.polls.views import wizard as views
from handlers import basics, flow_steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.polls.asking import ask, picks
from handlers.routes import command


@command()
async def polls_command(turn: Turn) -> None:
    """The latest polls with their answers so far, and "New poll"."""
    await turn.say(staff_views.listing(turn.tr, await turn.svc.poll_results.recent(turn.tid)))


async def start(turn: Turn) -> None:
    await ask(turn, await turn.svc.poll_wizard.begin(turn.tid))


@command()
async def on_text(turn: Turn) -> None:
    """A question, its options, a range, the closing time, or a place to find."""
    wizard, message = turn.svc.poll_wizard, turn.message
    flow = await wizard.current(turn.tid)
    step = flow.step if flow is not None else None
    if step in ("closes", "schedule"):
        await _timed(turn, step, turn.text)
        return
    if step in ("q_ky", "q_ru"):
        flow = await wizard.text(turn.tid, message.text_html, turn.text)
    elif step in ("opts_ky", "opts_ru", "range"):
        flow = await wizard.text(turn.tid, turn.text, turn.text)
    elif step == "audience_pick":
        flow = await wizard.search(turn.tid, turn.text)
    else:
        raise Refusal("use_buttons")
    await ask(turn, flow)


@command()
async def on_media(turn: Turn) -> None:
    raise Refusal("use_buttons")


async def _timed(turn: Turn, step: str, when: datetime | str) -> None:
    """A typed or picked time, to close or to send; a refused one is said with an example
    and the picks again."""
    wizard = turn.svc.poll_wizard
    try:
        if step == "schedule":
            flow = await wizard.schedule(turn.tid, when)
        else:
            flow = await wizard.closes(turn.tid, when)
    except Refusal as exc:
        if exc.code not in TIME_CODES:
            raise
        await turn.answer()
        why = timeviews.refused(turn.tr, exc)
        await turn.show(views.time_screen(turn.tr, step, picks(turn, step), why))
        return
    await turn.answer()
    await ask(turn, flow)


@button(PollWizardCb, denied="staff_only", stale="stale")
async def on_button(turn: Turn, data: PollWizardCb) -> None:
    if data.action == "abort":
        flow = await turn.svc.poll_wizard.current(turn.tid)
        if flow is None:
            raise Refusal("stale")
        await basics.leave(turn, flow)
        return
    if data.action == "later":
        flow = await turn.svc.poll_wizard.ask_time(turn.tid)
        await turn.answer()
        await ask(turn, flow)
        return
    if data.action == "send":
        poll = await turn.svc.poll_wizard.send(turn.tid)
        await turn.answer()
        await turn.show(staff_views.shared_poll(turn.tr, poll))
        return
    flow, page = await _step(turn, data)
    await turn.answer()
    await ask(turn, flow, page)


async def _step(turn: Turn, data: PollWizardCb) -> tuple[Flow, int]:
    wizard, tid, value = turn.svc.poll_wizard, turn.tid, data.value
    if data.action in ("programme", "remind") and not value.isdigit():
        raise Refusal("stale")
    if data.action == "programme":
        return await wizard.choose_programme(tid, int(value)), 0
    if data.action == "remind":
        return await wizard.remind(tid, int(value)), 0
    if data.action == "skip":
        return await wizard.skip(tid), 0
    if data.action == "qkind":
        return await wizard.answer_kind(tid, value), 0
    if data.action in ("more", "enough"):
        return await wizard.more(tid, data.action == "more"), 0
    if data.action == "anon":
        return await wizard.anonymous(tid, value == "1"), 0
    if data.action == "kind":
        return await wizard.choose_kind(tid, value), 0
    if data.action == "toggle":
        return await wizard.toggle(tid, value), data.page
    if data.action == "page":
        if value == "all":
            return await wizard.search(tid, None), 0
        return await wizard.page(tid), data.page
    return await wizard.audience_done(tid), 0


@button(TimeCb, denied="staff_only", stale="stale")
async def on_time(turn: Turn, data: TimeCb) -> None:
    """A quick pick of the close or of the time to send; [Another time] asks to type it."""
    flow = await turn.svc.poll_wizard.current(turn.tid)
    if flow is None or flow.step != data.step:
        raise Refusal("stale")
    if data.action == "type":
        await turn.answer()
        await turn.show(views.time_typing(turn.tr, data.step))
        return
    await _timed(turn, data.step, at_minute(data.minute))


def register(app: App) -> None:
    app.add_handler(CommandHandler("polls", polls_command, filters=PRIVATE))
    app.add_handler(on_button.route())
    app.add_handler(on_time.route(flow="poll"))
    flow_steps.flow("poll", on_text, on_media)
    basics.resume_with("poll", ask)
