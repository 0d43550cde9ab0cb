"""The invitation's buttons: "I will attend" and "I can't attend", until the RSVP deadline."""

from __future__ import annotations

from bot.seminars.callbacks import RsvpCb
from bot.seminars.pushes.templates import calendar_file
from bot.seminars.views import rsvp as views
from handlers.buttons import button
from handlers.common import App, Turn


@button(RsvpCb, denied="not_invited", stale="stale")
async def on_answer(turn: Turn, data: RsvpCb) -> None:
    """A yes gets the calendar file; a full seminar puts the member on the waitlist."""
    answer = await turn.svc.rsvp.answer(turn.tid, data.seminar_id, data.answer)
    await turn.answer()
    message = views.answered(turn.tr, answer)
    if answer.status == "going" and answer.changed:
        await turn.send_document(calendar_file(turn.tr, answer.seminar), caption=message)
    else:
        await turn.say(message)


def register(app: App) -> None:
    app.add_handler(on_answer.route())
