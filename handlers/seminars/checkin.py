"""Check-in: the code or deep link a member uses in the room, and what staff use there.

A six-digit message is read as a code only when no question is open, so a number typed as an
answer in a wizard still goes to that wizard.
"""

from __future__ import annotations

import re

from telegram.ext import CommandHandler, MessageHandler, filters

from bot.seminars.callbacks import AttendCb, SeminarCb
from bot.seminars.views import checkin as views
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command

CODE = re.compile(r"^\s*(\d{6})\s*$")


async def check_in(turn: Turn, code: str, via: str) -> None:
    found = await turn.svc.attendance.check_in(turn.tid, code, via)
    await turn.say(views.checked_in(turn.tr, found.seminar, found.already))


@command()
async def from_link(turn: Turn) -> None:
    """/start checkin_123456, which the QR code in the room opens."""
    code = turn.args[0].removeprefix("checkin_") if turn.args else ""
    await check_in(turn, code, "link")


@command()
async def from_command(turn: Turn) -> None:
    if not turn.args:
        await turn.say(views.how_to_check_in(turn.tr))
        return
    await check_in(turn, turn.args[0], "code")


@command()
async def from_text(turn: Turn) -> None:
    if await turn.svc.current_flow(turn.tid) is not None:
        await flow_steps.on_text.run(turn)
        return
    found = CODE.match(turn.text)
    await check_in(turn, found[1] if found else "", "code")


@button(SeminarCb, denied="seminar_staff")
async def on_staff_button(turn: Turn, data: SeminarCb) -> None:
    """The QR card for the screen, and the roster to mark by hand."""
    if data.action == "roster":
        await show_roster(turn, data.seminar_id, data.page)
        await turn.answer()
        return
    seminar, _ = await turn.svc.attendance.roster(turn.tid, data.seminar_id)
    await turn.answer()
    link = views.deep_link(turn.context.bot.username, seminar.checkin_code)
    await turn.send_photo(views.qr_png(link), caption=views.qr_caption(turn.tr, seminar, link))


@button(AttendCb, denied="seminar_staff", stale="seminar_staff")
async def on_mark(turn: Turn, data: AttendCb) -> None:
    await turn.svc.attendance.toggle(turn.tid, data.seminar_id, data.user_id)
    await turn.answer()
    await show_roster(turn, data.seminar_id, data.page)


async def show_roster(turn: Turn, seminar_id: int, page: int = 0, new: bool = False) -> None:
    """The roster with the guests recorded; in place of the pressed message unless `new`."""
    seminar, people = await turn.svc.attendance.roster(turn.tid, seminar_id)
    guests = await turn.svc.walkins.guests(turn.tid, seminar_id)
    screen = views.roster(turn.tr, seminar, people, page, guests)
    await (turn.say(screen) if new else turn.show(screen))


def register(app: App) -> None:
    link = filters.Regex(r"^/start checkin_")
    app.add_handler(CommandHandler("start", from_link, filters=PRIVATE & link))
    app.add_handler(CommandHandler("checkin", from_command, filters=PRIVATE))
    app.add_handler(MessageHandler(PRIVATE & filters.Regex(CODE), from_text))
    app.add_handler(on_staff_button.route(action={"qr", "roster"}))
    app.add_handler(on_mark.route())
