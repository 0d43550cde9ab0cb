"""/broadcast: text per language, an optional attachment, an audience, a preview, a time.
The audience's narrowing and `start_with` are in handlers.broadcasts.audience."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.broadcasts.callbacks import BroadcastWizardCb
from bot.broadcasts.views import wizard as views
from bot.core import timeviews
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.quicktimes import TIME_CODES, TimeCb, Unsure, at_minute, pick
from bot.core.refusals import refusal_text
from bot.core.texts import telegram_length
from handlers import basics, flow_steps
from handlers.broadcasts.asking import ask
from handlers.broadcasts.history import post_progress
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@command()
async def broadcast_command(turn: Turn) -> None:
    """Someone who may send in several programmes is asked which one first."""
    wizard = turn.svc.broadcast_wizard
    flow = await wizard.begin(turn.tid)
    if flow.step == "programme":
        await turn.say(views.programme_step(turn.tr, await wizard.programme_choices(turn.tid)))
        return
    await turn.say(views.step_screen(turn.tr, flow))


@command()
async def on_text(turn: Turn) -> None:
    """A text for the current language, or the time for a scheduled broadcast."""
    wizard, message = turn.svc.broadcast_wizard, turn.message
    flow = await wizard.current(turn.tid)
    if flow is not None and flow.step == "schedule":
        try:
            flow = await wizard.when(turn.tid, turn.text)
        except Unsure as unsure:
            await turn.say(views.time_read_back(turn.tr, unsure.pick))
            return
        except Refusal as exc:
            if exc.code not in TIME_CODES:
                raise
            note = timeviews.refused(turn.tr, exc)
            await turn.say(views.time_screen(turn.tr, wizard.picks(), note))
            return
    elif flow is not None and flow.step in ("text_ky", "text_ru"):
        flow = await wizard.text(turn.tid, message.text_html, telegram_length(turn.text))
    elif flow is not None and flow.step == "audience_pick":
        flow = await wizard.search(turn.tid, turn.text)
    else:
        raise Refusal("use_buttons")
    await ask(turn, flow)


@command()
async def on_media(turn: Turn) -> None:
    """A photo or document becomes the attachment; anything else is refused."""
    message = turn.message
    if message.photo:
        kind, file_id, name = "photo", message.photo[-1].file_id, None
    elif message.document:
        kind, file_id, name = "document", message.document.file_id, message.document.file_name
    else:
        await turn.say(views.attach_kinds_only(turn.tr))
        return
    await ask(turn, await turn.svc.broadcast_wizard.attach(turn.tid, kind, file_id, name))


@button(BroadcastWizardCb, denied="forbidden", stale="stale")
async def on_button(turn: Turn, data: BroadcastWizardCb) -> None:
    if data.action == "confirm":
        await _confirm(turn)
        return
    if data.action == "abort":
        flow = await turn.svc.broadcast_wizard.current(turn.tid)
        if flow is None or flow.flow != "broadcast":
            raise Refusal("stale")
        await basics.leave(turn, flow)
        return
    flow, page = await _step(turn, data)
    await turn.answer()
    await ask(turn, flow, page)


async def _step(turn: Turn, data: BroadcastWizardCb) -> tuple[Flow, int]:
    wizard, tid = turn.svc.broadcast_wizard, turn.tid
    if data.action == "programme":
        if not data.value.isdigit():
            raise Refusal("stale")
        return await wizard.choose_programme(tid, int(data.value)), 0
    if data.action in ("skip", "noattach"):
        return await wizard.skip(tid), 0
    if data.action == "kind":
        return await wizard.choose_kind(tid, data.value), 0
    if data.action == "toggle":
        return await wizard.toggle(tid, data.value), data.page
    if data.action == "page":
        if data.value == "all":
            return await wizard.search(tid, None), 0
        return await wizard.page(tid), data.page
    if data.action == "done":
        return await wizard.audience_done(tid), 0
    if data.action == "later":
        return await wizard.ask_time(tid), 0
    return await wizard.when(tid, None), 0


@button(TimeCb, denied="forbidden", stale="stale")
async def on_time(turn: Turn, data: TimeCb) -> None:
    """A quick pick or the yes to a time read back; [Another time] asks to type."""
    wizard = turn.svc.broadcast_wizard
    if data.action == "type":
        flow = await wizard.current(turn.tid)
        if flow is None or flow.step != "schedule":
            raise Refusal("stale")
        await turn.answer()
        await turn.show(views.time_typing(turn.tr))
        return
    try:
        flow = await wizard.at(turn.tid, at_minute(data.minute))
    except Refusal as exc:
        if exc.code not in TIME_CODES:
            raise
        await turn.answer()
        note = timeviews.refused(turn.tr, exc)
        await turn.show(views.time_screen(turn.tr, wizard.picks(), note))
        return
    await turn.answer()
    svc = turn.svc
    await turn.show(views.time_chosen(turn.tr, pick(at_minute(data.minute), svc.clock.now(),
                                                    svc.config.zone)))  # fmt: skip
    await ask(turn, flow)


async def _confirm(turn: Turn) -> None:
    """A scheduled time that passed while the preview was open is asked for again."""
    wizard = turn.svc.broadcast_wizard
    try:
        item = await wizard.confirm(turn.tid)
    except Refusal as exc:
        if exc.code != "time_in_past":
            raise
        await turn.alert(refusal_text(turn.tr, exc))
        flow = await wizard.current(turn.tid)
        if flow is not None:
            await ask(turn, flow)
        return
    await turn.answer()
    await post_progress(turn, item)


def register(app: App) -> None:
    app.add_handler(CommandHandler("broadcast", broadcast_command, filters=PRIVATE))
    app.add_handler(on_button.route())
    app.add_handler(on_time.route(flow="broadcast"))
    flow_steps.flow("broadcast", on_text, on_media)
    basics.resume_with("broadcast", ask)
