"""/programmes: a member mutes or hears again each programme that works with their
municipality; staff see the programmes, and an administrator closes one, told first what
closing will stop."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.core.programmes import views
from bot.core.programmes.callbacks import ProgrammeCb
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@command()
async def programmes(turn: Turn) -> None:
    actor = await turn.actor()
    if actor.is_staff:
        found = await turn.svc.programmes.visible_to(actor)
        await turn.say(views.staff_list(turn.tr, found, actor.is_admin))
        return
    await turn.say(views.memberships(turn.tr, await turn.svc.programmes.of_member(turn.tid)))


@button(ProgrammeCb, denied="admins_only", missing="invalid_button")
async def on_button(turn: Turn, data: ProgrammeCb) -> None:
    svc = turn.svc.programmes
    pid = data.programme_id
    if data.action in ("mute", "unmute"):
        found = await svc.set_muted(turn.tid, pid, data.action == "mute")
        await turn.answer()
        await turn.show(views.memberships(turn.tr, found))
        return
    if data.action == "close":
        programme, waiting = await svc.closing(turn.tid, pid)
        await turn.answer()
        await turn.show(views.close_confirm(turn.tr, programme, waiting))
        return
    if data.action == "confirm_close":
        programme, _ = await svc.closing(turn.tid, pid)
        dropped = await svc.close(turn.tid, pid)
        await turn.answer()
        await turn.show(views.closed(turn.tr, programme, dropped))
        return
    actor = await turn.actor()
    await turn.answer()
    await turn.show(views.staff_list(turn.tr, await svc.visible_to(actor), actor.is_admin))


def register(app: App) -> None:
    app.add_handler(CommandHandler("programmes", programmes, filters=PRIVATE))
    app.add_handler(on_button.route())
