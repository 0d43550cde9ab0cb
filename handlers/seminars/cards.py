"""/seminars: staff get the list and a card per seminar; members get their own seminars.

Where there are several programmes, a reader who works in (or hears from) more than one sees
the lists grouped by programme, and a card names its programme.
"""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.core.errors import Refusal
from bot.core.programmes.repo import Programme
from bot.core.refusals import refusal_text
from bot.core.screens import Screen
from bot.seminars.callbacks import SeminarCb
from bot.seminars.views import cards as views
from bot.seminars.views import comments
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command

CONCERNED = ("invited", "going", "waitlist")


@command(denied="register_first")
async def seminars_command(turn: Turn) -> None:
    """Staff manage seminars here; members see theirs. Others are told to register first."""
    if (await turn.actor()).is_staff:
        await turn.say(await _listing(turn))
        return
    await turn.say(await mine_screen(turn))


async def mine_screen(turn: Turn) -> Screen:
    """A member's own seminars with their answers, grouped by programme when several reach
    them; an answer given on it draws it again (handlers.seminars.rsvp)."""
    svc = turn.svc
    mine = await svc.rsvp.mine(turn.tid)
    grouped = None
    if await svc.programmes.several() and len(await svc.programmes.of_member(turn.tid)) > 1:
        grouped = await svc.programmes.known()
    return views.mine(turn.tr, mine, svc.clock.now(), grouped)


async def _listing(turn: Turn) -> Screen:
    """Grouped by programme for staff of several (an admin, when there are several)."""
    svc = turn.svc
    items = await svc.seminars.listing(turn.tid)
    mine = (await turn.actor()).programme_ids()
    several = await svc.programmes.several() if mine is None else len(mine) > 1
    grouped = await svc.programmes.known() if several else None
    return views.listing(turn.tr, items, svc.clock.now(), grouped)


async def _programme(turn: Turn, programme_id: int | None) -> Programme | None:
    return await turn.svc.programmes.label(programme_id)


async def show_card(turn: Turn, seminar_id: int, new_message: bool = False) -> None:
    seminar, counts = await turn.svc.seminars.card(turn.tid, seminar_id)
    programme = await _programme(turn, seminar.programme_id)
    files = await turn.svc.seminar_files.kept(turn.tid, seminar_id)
    screen = views.card(turn.tr, seminar, counts, programme, files)
    await (turn.say(screen) if new_message else turn.show(screen))


@button(SeminarCb, denied="seminar_staff")
async def on_button(turn: Turn, data: SeminarCb) -> None:
    """Open, list, edit menu, cancel (asked first) and feedback; all checked by the service.
    A cancel pressed on a card of a seminar cancelled meanwhile draws the card as it is now."""
    try:
        screen = await _screen(turn, data)
    except Refusal as exc:
        if exc.code != "seminar_cancelled" or data.action not in ("cancel", "cancel_yes"):
            raise
        await turn.answer(refusal_text(turn.tr, exc))
        screen = await _card(turn, data.seminar_id)
    await turn.answer()
    await turn.show(screen)


async def _card(turn: Turn, seminar_id: int) -> Screen:
    seminar, counts = await turn.svc.seminars.card(turn.tid, seminar_id)
    programme = await _programme(turn, seminar.programme_id)
    files = await turn.svc.seminar_files.kept(turn.tid, seminar_id)
    return views.card(turn.tr, seminar, counts, programme, files)


async def _screen(turn: Turn, data: SeminarCb) -> Screen:
    svc, tr, tid = turn.svc, turn.tr, turn.tid
    if data.action == "list":
        return await _listing(turn)
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
        return comments.feedback(tr, await svc.attendance.feedback(tid, data.seminar_id))
    programme = await _programme(turn, seminar.programme_id)
    files = await svc.seminar_files.kept(tid, data.seminar_id)
    if data.action == "cancel_yes":
        return views.cancelled_card(tr, seminar, counts, told, programme, files)
    return views.card(tr, seminar, counts, programme, files)


def register(app: App) -> None:
    app.add_handler(CommandHandler("seminars", seminars_command, filters=PRIVATE))
    actions = {"open", "list", "edit", "cancel", "cancel_yes", "feedback"}
    app.add_handler(on_button.route(action=actions))
