"""/start seminar_42: the link in a seminar's calendar entry. Its staff get the card; a member
invited to it gets the invitation, with its answers and the agenda."""

from __future__ import annotations

from telegram.ext import CommandHandler, filters

from bot.core.errors import NotAllowed, NotFound
from bot.core.screens import Screen
from bot.seminars.pushes.templates import SeminarPush, rsvp_buttons, seminar_invite
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command
from handlers.seminars.cards import show_card

PREFIX = "seminar_"


@command(denied="not_invited", missing="not_invited")
async def from_link(turn: Turn) -> None:
    raw = turn.args[0].removeprefix(PREFIX) if turn.args else ""
    if not raw.isdigit():
        raise NotFound(raw)
    seminar_id = int(raw)
    if (await turn.actor()).is_staff:
        try:
            await show_card(turn, seminar_id, new_message=True)
            return
        except NotAllowed:
            pass
    seminar, _ = await turn.svc.rsvp.invitation(turn.tid, seminar_id)
    agenda = await turn.svc.seminar_files.agenda(seminar_id)
    invite = seminar_invite(turn.tr, SeminarPush(seminar, {"seminar_id": seminar.id}))
    markup = rsvp_buttons(turn.tr, seminar.id, agenda.id if agenda else None)
    await turn.say(Screen(invite.text, markup))


def register(app: App) -> None:
    link = filters.Regex(r"^/start seminar_")
    app.add_handler(CommandHandler("start", from_link, filters=PRIVATE & link))
