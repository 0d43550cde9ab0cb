"""The survey after a seminar: a rating from 1 to 5, then an optional comment."""

from __future__ import annotations

from bot.seminars.callbacks import FeedbackCb
from bot.seminars.views import feedback as views
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import App, Turn
from handlers.routes import command


@button(FeedbackCb, denied="not_attendee", stale="not_attendee")
async def on_rating(turn: Turn, data: FeedbackCb) -> None:
    """0 is the "No comment" button under the thanks for a rating."""
    attendance = turn.svc.attendance
    if data.rating == 0:
        await attendance.comment(turn.tid, None)
        await turn.answer()
        await turn.show(views.no_comment(turn.tr))
        return
    await attendance.rate(turn.tid, data.seminar_id, data.rating)
    await turn.answer()
    await turn.show(views.rated(turn.tr, data.seminar_id, data.rating))


@command(denied="stale")
async def on_comment(turn: Turn) -> None:
    await turn.svc.attendance.comment(turn.tid, turn.text)
    await turn.say(views.comment_saved(turn.tr))


@command()
async def on_media(turn: Turn) -> None:
    await turn.say(views.comment_as_text(turn.tr))


def register(app: App) -> None:
    app.add_handler(on_rating.route())
    flow_steps.flow("seminar_feedback", on_comment, on_media)
