"""/newseminar and the edit buttons on a seminar card: the seminar wizard, one step at a time,
ending in a summary where each part can be changed."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.quicktimes import TimeCb
from bot.core.screens import Screen
from bot.seminars.callbacks import SeminarEditCb, SeminarFormCb
from bot.seminars.service.form import PROGRAMME, TIME_STEPS, form_data
from bot.seminars.views import form as views
from handlers import basics, flow_steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command
from handlers.seminars.cards import CONCERNED, show_card
from handlers.time_steps import TimeSteps


@command()
async def new_seminar(turn: Turn) -> None:
    """Staff only; someone who works in several programmes is first asked which one."""
    await ask(turn, await turn.svc.seminar_form.begin(turn.tid))


async def ask(turn: Turn, flow: Flow, page: int = 0) -> None:
    """The next question; at the end, the invitation as members will see it, then the
    summary."""
    svc = turn.svc
    if flow.step == "preview":
        preview = await svc.seminar_form.preview(turn.tid)
        programme = await svc.programmes.label(preview.seminar.programme_id)
        for message in views.preview_messages(preview, svc.config.tz, programme):
            await turn.send_rendered(message)
        await turn.say(await _summary(turn))
        return
    if flow.step == PROGRAMME:
        await turn.show(views.programme_step(turn.tr, await svc.seminar_form.programmes(turn.tid)))
        return
    options = None
    if flow.step == "audience_pick":
        options = await svc.seminar_form.options(turn.tid, form_data(flow)["audience"]["kind"])
    picks = svc.seminar_form.picks(flow)
    quiet = svc.config.quiet_hours
    await turn.show(views.step_screen(turn.tr, flow, options, page, picks, quiet))


async def _summary(turn: Turn) -> Screen:
    svc = turn.svc
    preview = await svc.seminar_form.preview(turn.tid)
    concerned = 0
    if preview.editing:
        _, counts = await svc.seminars.card(turn.tid, preview.seminar.id)
        concerned = sum(counts.get(s, 0) for s in CONCERNED)
    return views.preview(turn.tr, preview, concerned)


async def resume(turn: Turn, flow: Flow) -> None:
    """After "Keep going": the question again, or the summary (without the invitation once
    more), in place of the question to leave."""
    if flow.step == "preview":
        await turn.show(await _summary(turn))
        return
    await ask(turn, flow)


@command()
async def on_text(turn: Turn) -> None:
    """An answer; a time not read for certain is read back, a refused one shown again with an
    example and the quick picks."""
    await TIMES.typed(turn)


@button(TimeCb, denied="forbidden", stale="stale")
async def on_time(turn: Turn, data: TimeCb) -> None:
    await TIMES.picked(turn, data)


@command()
async def on_media(turn: Turn) -> None:
    """A map location answers the location step; other media can't answer anything here."""
    location = turn.message.location
    if location is None:
        raise Refusal("media")
    form = turn.svc.seminar_form
    await ask(turn, await form.location(turn.tid, location.latitude, location.longitude))


@button(SeminarFormCb, denied="forbidden", stale="stale")
async def on_button(turn: Turn, data: SeminarFormCb) -> None:
    form, tid = turn.svc.seminar_form, turn.tid
    if data.action == "confirm":
        seminar, count, editing = await form.confirm(tid)
        await turn.answer()
        await turn.show(views.done(turn.tr, count, editing))
        await show_card(turn, seminar.id, new_message=True)
        return
    if data.action == "abort":
        flow = await form.current(tid)
        if flow is None:
            raise Refusal("stale")
        await basics.leave(turn, flow)
        return
    flow, page = await _step(turn, data)
    await turn.answer()
    await ask(turn, flow, page)


async def _step(turn: Turn, data: SeminarFormCb) -> tuple[Flow, int]:
    form, tid = turn.svc.seminar_form, turn.tid
    if data.action == "programme":
        return await form.choose_programme(tid, data.value), 0
    if data.action == "skip":
        return await form.skip(tid), 0
    if data.action == "reminders":
        return await form.choose_reminders(tid, data.value), 0
    if data.action == "edit":
        return await form.edit_part(tid, data.value), 0
    if data.action == "kind":
        return await form.choose_kind(tid, data.value), 0
    if data.action == "toggle":
        return await form.toggle(tid, data.value), data.page
    if data.action == "page":
        if data.value == "all":
            return await form.search(tid, None), 0
        flow = await form.current(tid)
        if flow is None or flow.step != "audience_pick":
            raise Refusal("stale")
        return flow, data.page
    return await form.audience_done(tid), 0


@button(SeminarEditCb, denied="seminar_staff", stale="seminar_staff")
async def on_edit(turn: Turn, data: SeminarEditCb) -> None:
    """A part of the seminar to change: its questions are asked again, with the current value."""
    flow = await turn.svc.seminar_form.begin_edit(turn.tid, data.seminar_id, data.part)
    await turn.answer()
    await ask(turn, flow)


TIMES = TimeSteps(lambda turn: turn.svc.seminar_form, views, ask, TIME_STEPS)


def register(app: App) -> None:
    app.add_handler(CommandHandler("newseminar", new_seminar, filters=PRIVATE))
    app.add_handler(on_button.route())
    app.add_handler(on_edit.route())
    app.add_handler(on_time.route(flow="seminar_form"))
    flow_steps.flow("seminar_form", on_text, on_media)
    basics.resume_with("seminar_form", resume)
