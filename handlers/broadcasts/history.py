"""Broadcasts after the wizard: the progress card, stopping, the history with CSVs, cancelling or
moving a scheduled broadcast, and /mute."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import InputFile
from telegram.ext import CommandHandler

from bot.broadcasts.callbacks import BroadcastCb
from bot.broadcasts.progress import ProgressCards
from bot.broadcasts.service.history import MOVE_FLOW
from bot.broadcasts.views import history as views
from bot.broadcasts.views.progress import progress
from bot.core import timeviews
from bot.core.errors import Refusal
from bot.core.quicktimes import TIME_CODES, TimeCb, Unsure, at_minute
from bot.core.screens import Screen
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command

if TYPE_CHECKING:
    from bot.broadcasts.repo import Broadcast


async def post_progress(turn: Turn, item: Broadcast) -> None:
    """Replaces the preview with the progress card, which the dispatcher then keeps current."""
    svc = turn.svc
    screen = progress(turn.tr, item, await svc.broadcasts.counts(item.id), svc.clock.now())
    message = await turn.replace(screen)
    if message is not None:
        await svc.broadcasts.set_progress_message(item.id, message.chat_id, message.message_id)
    cards: ProgressCards = turn.context.application.bot_data["progress"]
    await cards.refresh(item.id, force=True)  # some may have gone out already


@button(BroadcastCb, missing="invalid_button")
async def on_button(turn: Turn, data: BroadcastCb) -> None:
    svc = turn.svc
    if data.action == "csv":
        rows = await svc.broadcasts.deliveries(turn.tid, data.broadcast_id)
        await turn.answer()
        name = f"broadcast-{data.broadcast_id}.csv"
        await turn.send_document(InputFile(views.deliveries_csv(turn.tr, rows), filename=name))
        return
    if data.action != "stop":
        await _scheduled(turn, data)
        return
    item = await svc.broadcasts.stop(turn.tid, data.broadcast_id)
    await turn.answer()
    counts = await svc.broadcasts.counts(item.id)
    await turn.show(progress(turn.tr, item, counts, svc.clock.now()))


async def _scheduled(turn: Turn, data: BroadcastCb) -> None:
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


@command()
async def history(turn: Turn) -> None:
    items = await turn.svc.broadcasts.history(turn.tid)
    health = views.health(turn.tr, await turn.svc.broadcasts.health(turn.tid))
    if health is not None:
        await turn.say(health)
    if not items:
        await turn.say(views.nothing_yet(turn.tr))
        return
    broadcasts = turn.svc.broadcasts
    names = await broadcasts.programme_names(turn.tid)
    for item, counts in items:
        programme = names.get(item.programme_id) if item.programme_id is not None else None
        audience = await broadcasts.audience_names(item)
        waiting = broadcasts.waiting(item, counts)
        now = turn.svc.clock.now()
        await turn.say(views.item(turn.tr, item, counts, now, programme, audience, waiting))


@command()
async def mute(turn: Turn) -> None:
    known = await turn.svc.broadcasts.set_muted(turn.tid, True)
    await turn.say(views.muted(turn.tr, known, on=True))


@command()
async def unmute(turn: Turn) -> None:
    known = await turn.svc.broadcasts.set_muted(turn.tid, False)
    await turn.say(views.muted(turn.tr, known, on=False))


def register(app: App) -> None:
    app.add_handler(CommandHandler("broadcasts", history, filters=PRIVATE))
    app.add_handler(CommandHandler("mute", mute, filters=PRIVATE))
    app.add_handler(CommandHandler("unmute", unmute, filters=PRIVATE))
    app.add_handler(on_button.route())
    app.add_handler(on_move_time.route(flow=MOVE_FLOW))
    flow_steps.flow(MOVE_FLOW, on_move_text, on_move_media)
