"""Broadcasts after the wizard: the progress card, stopping, the history with CSVs, and /mute
(cancelling or moving a scheduled one: handlers.broadcasts.schedule)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import InputFile
from telegram.ext import CommandHandler

from bot.broadcasts.callbacks import BroadcastCb
from bot.broadcasts.progress import ProgressCards
from bot.broadcasts.views import history as views
from bot.broadcasts.views.progress import progress
from handlers.broadcasts import schedule
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
        await schedule.scheduled(turn, data)
        return
    item = await svc.broadcasts.stop(turn.tid, data.broadcast_id)
    await turn.answer()
    counts = await svc.broadcasts.counts(item.id)
    await turn.show(progress(turn.tr, item, counts, svc.clock.now()))


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
