"""The survey after a seminar: a rating from 1 to 5, an optional comment, and whether the
project may quote it; staff mark consented quotes for the press on the feedback screen."""

from __future__ import annotations

from bot.seminars.callbacks import FeedbackCb, QuoteConsentCb, QuoteMarkCb
from bot.seminars.views import comments
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
    seminar = await turn.svc.attendance.comment(turn.tid, turn.text)
    await turn.say(views.comment_saved(turn.tr, seminar.id))


@button(QuoteConsentCb, denied="not_attendee")
async def on_consent(turn: Turn, data: QuoteConsentCb) -> None:
    allowed = data.answer == "yes"
    await turn.svc.quotes.consent(turn.tid, data.seminar_id, allowed)
    await turn.answer()
    shown = views.consent_given if allowed else views.consent_refused
    await turn.show(shown(turn.tr, data.seminar_id))


@button(QuoteMarkCb, denied="seminar_staff", missing="stale")
async def on_mark(turn: Turn, data: QuoteMarkCb) -> None:
    """The feedback screen drawn again with the new mark."""
    svc = turn.svc
    await svc.quotes.mark(turn.tid, data.seminar_id, data.user_id, data.mark == "on")
    await turn.answer()
    await turn.show(
        comments.feedback(turn.tr, await svc.attendance.feedback(turn.tid, data.seminar_id))
    )


@command()
async def on_media(turn: Turn) -> None:
    await turn.say(views.comment_as_text(turn.tr))


def register(app: App) -> None:
    app.add_handler(on_rating.route())
    app.add_handler(on_consent.route())
    app.add_handler(on_mark.route())
    flow_steps.flow("seminar_feedback", on_comment, on_media)
