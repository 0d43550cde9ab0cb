"""Cancelling (asked first) or moving a scheduled broadcast from /broadcasts, until it starts:
the new time by quick pick, typed, or read back when not certain."""

from __future__ import annotations

from bot.broadcasts.callbacks import BroadcastCb
from bot.broadcasts.progress import ProgressCards
from bot.broadcasts.service.history import MOVE_FLOW
from bot.broadcasts.views import history as views
from bot.core import timeviews
from bot.core.errors import Refusal
from bot.core.quicktimes import TIME_CODES, TimeCb, Unsure, at_minute
from bot.core.screens import Screen
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import App, Turn
from handlers.routes import command


async def scheduled(turn: Turn, data: BroadcastCb) -> None:
    """Cancel (asked first), move, or keep a scheduled broadcast; one that started meanwhile
    is redrawn as it stands, with a word why."""
    broadcasts, tid, broadcast_id = turn.svc.broadcasts, turn.tid, data.broadcast_id
    try:
        if data.action == "cancel":
            item, counts = await broadcasts.entry(tid, broadcast_id)
            if not broadcasts.waiting(item, counts):
                raise Refusal("broadcast_started")
            names = await broadcasts.audience_names(item)
            await turn.answer()
            await turn.show(views.cancel_confirm(turn.tr, item, names))
            return
        if data.action == "cancel_yes":
            await broadcasts.cancel(tid, broadcast_id)
            await turn.answer()
        elif data.action == "move":
            item = await broadcasts.begin_move(tid, broadcast_id)
            await turn.answer()
            await turn.show(views.move_question(turn.tr, item, broadcasts.move_picks()))
            return
        else:
            await broadcasts.end_move(tid)
            await turn.answer()
    except Refusal as exc:
        if exc.code != "broadcast_started":
            raise
        await turn.alert(views.started(turn.tr))
    await turn.show(await _item(turn, broadcast_id))
    await _refresh(turn, broadcast_id)


async def _item(turn: Turn, broadcast_id: int) -> Screen:
    """One broadcast as the history shows it now."""
    broadcasts = turn.svc.broadcasts
    item, counts = await broadcasts.entry(turn.tid, broadcast_id)
    names = await broadcasts.programme_names(turn.tid)
    programme = names.get(item.programme_id) if item.programme_id is not None else None
    return views.item(
        turn.tr, item, counts, turn.svc.clock.now(), programme,
        await broadcasts.audience_names(item), broadcasts.waiting(item, counts),
    )  # fmt: skip


async def _refresh(turn: Turn, broadcast_id: int) -> None:
    """The progress card under the wizard says the new time, or that it was stopped."""
    cards: ProgressCards = turn.context.application.bot_data["progress"]
    await cards.refresh(broadcast_id, force=True)


@button(TimeCb, denied="forbidden", missing="invalid_button", stale="stale")
async def on_move_time(turn: Turn, data: TimeCb) -> None:
    """A quick pick or the yes to a time read back moves the broadcast; [Another time] asks to
    type. `step` is the broadcast's id."""
    broadcasts, tid = turn.svc.broadcasts, turn.tid
    broadcast_id = int(data.step) if data.step.isdigit() else 0
    if await broadcasts.moving(tid) != broadcast_id:
        raise Refusal("stale")
    item, _ = await broadcasts.entry(tid, broadcast_id)
    if data.action == "type":
        await turn.answer()
        await turn.show(views.move_typing(turn.tr, item))
        return
    try:
        await broadcasts.move_to(tid, broadcast_id, at_minute(data.minute))
    except Refusal as exc:
        if exc.code in TIME_CODES:
            await turn.answer()
            note = timeviews.refused(turn.tr, exc)
            await turn.show(views.move_question(turn.tr, item, broadcasts.move_picks(), note))
            return
        if exc.code != "broadcast_started":
            raise
        await turn.alert(views.started(turn.tr))
    await turn.answer()
    await turn.show(await _item(turn, broadcast_id))
    await _refresh(turn, broadcast_id)


@command()
async def on_move_text(turn: Turn) -> None:
    """A typed new time: moved when certain, read back when not, refused with an example."""
    broadcasts, tid = turn.svc.broadcasts, turn.tid
    broadcast_id = await broadcasts.moving(tid)
    if broadcast_id is None:
        raise Refusal("stale")
    try:
        await broadcasts.move_typed(tid, turn.text)
    except Unsure as unsure:
        await turn.say(views.move_read_back(turn.tr, broadcast_id, unsure.pick))
        return
    except Refusal as exc:
        if exc.code in TIME_CODES:
            item, _ = await broadcasts.entry(tid, broadcast_id)
            note = timeviews.refused(turn.tr, exc)
            await turn.say(views.move_question(turn.tr, item, broadcasts.move_picks(), note))
            return
        if exc.code != "broadcast_started":
            raise
        await turn.say(views.started(turn.tr))
    await turn.say(await _item(turn, broadcast_id))
    await _refresh(turn, broadcast_id)


@command()
async def on_move_media(turn: Turn) -> None:
    raise Refusal("media")


def register(app: App) -> None:
    app.add_handler(on_move_time.route(flow=MOVE_FLOW))
    flow_steps.flow(MOVE_FLOW, on_move_text, on_move_media)
