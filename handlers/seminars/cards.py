"""/seminars: staff get the list and a card per seminar; members get their own seminars."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.core.errors import Refusal
from bot.core.screens import Screen
from bot.seminars.callbacks import SeminarCb
from bot.seminars.views import cards as views
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command

CONCERNED = ("invited", "going", "waitlist")


@command(denied="register_first")
async def seminars_command(turn: Turn) -> None:
    """Staff manage seminars here; members see theirs. Others are told to register first."""
    svc, now = turn.svc, turn.svc.clock.now()
    if (await turn.actor()).is_staff:
        await turn.say(views.listing(turn.tr, await svc.seminars.listing(turn.tid), now))
        return
    await turn.say(views.mine(turn.tr, await svc.rsvp.mine(turn.tid), now))


async def show_card(turn: Turn, seminar_id: int, new_message: bool = False) -> None:
    seminar, counts = await turn.svc.seminars.card(turn.tid, seminar_id)
    screen = views.card(turn.tr, seminar, counts)
    await (turn.say(screen) if new_message else turn.show(screen))


@button(SeminarCb, denied="seminar_staff")
async def on_button(turn: Turn, data: SeminarCb) -> None:
    """Open, list, edit menu, cancel (asked first) and feedback; all checked by the service."""
    screen = await _screen(turn, data)
    await turn.answer()
    await turn.show(screen)


async def _screen(turn: Turn, data: SeminarCb) -> Screen:
    svc, tr, tid = turn.svc, turn.tr, turn.tid
    if data.action == "list":
        return views.listing(tr, await svc.seminars.listing(tid), svc.clock.now())
    told = 0
    if data.action == "cancel_yes":
        _, told = await svc.seminars.cancel(tid, data.seminar_id)
    seminar, counts = await svc.seminars.card(tid, data.seminar_id)
    if data.action == "edit":
        return views.edit_menu(tr, seminar)
    if data.action == "cancel":
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        concerned = sum(counts.get(s, 0) for s in CONCERNED)
        return views.cancel_question(tr, seminar, concerned)
    if data.action == "feedback":
        return views.feedback(tr, await svc.attendance.feedback(tid, data.seminar_id))
    if data.action == "cancel_yes":
        return views.cancelled_card(tr, seminar, counts, told)
    return views.card(tr, seminar, counts)


def register(app: App) -> None:
    app.add_handler(CommandHandler("seminars", seminars_command, filters=PRIVATE))
    actions = {"open", "list", "edit", "cancel", "cancel_yes", "feedback"}
    app.add_handler(on_button.route(action=actions))
