"""The invitation's answers: "I will attend" and "I can't attend", until the RSVP deadline.

An answer edits the message it was given on: the invitation (or a reminder) shows the answer
with [Change answer], the member's /seminars list is drawn again. The button's own short
answer says what was saved; the same answer again changes nothing and sends nothing.
"""

from __future__ import annotations

from telegram import Message

from bot.core.screens import Screen
from bot.seminars.callbacks import MyRsvpCb, RsvpCb
from bot.seminars.pushes.templates import calendar_file
from bot.seminars.service.rsvp import Answer
from bot.seminars.views import rsvp as views
from bot.seminars.views.calendar import deep_link
from handlers.buttons import button
from handlers.common import App, Turn
from handlers.seminars.cards import mine_screen


@button(RsvpCb, denied="not_invited", stale="stale")
async def on_answer(turn: Turn, data: RsvpCb) -> None:
    """A yes gets the calendar file; a full seminar puts the member on the waitlist."""
    rsvp, now = turn.svc.rsvp, turn.svc.clock.now()
    if data.answer == "change":
        current = await rsvp.state(turn.tid, data.seminar_id)
        await turn.answer()
        await _edit(turn, views.choosing(turn.tr, current, now))
        return
    answer = await rsvp.answer(turn.tid, data.seminar_id, data.answer)
    await turn.answer(views.notice(turn.tr, answer))
    await _edit(turn, views.answered(turn.tr, answer, now))
    await _calendar(turn, answer)


@button(MyRsvpCb, denied="not_invited", stale="stale")
async def on_list_answer(turn: Turn, data: MyRsvpCb) -> None:
    """The same answer from the member's list; the list shows it at once."""
    answer = await turn.svc.rsvp.answer(turn.tid, data.seminar_id, data.answer)
    await turn.answer(views.notice(turn.tr, answer))
    await _edit(turn, await mine_screen(turn))
    await _calendar(turn, answer)


async def _edit(turn: Turn, screen: Screen) -> None:
    """In place of the pressed message; a file's caption (a button pressed there by a modified
    client) can't become this text, so the screen comes as a new message then."""
    query = turn.update.callback_query
    message = query.message if query is not None else None
    if isinstance(message, Message) and message.text is None:
        await turn.say(screen)
        return
    await turn.show(screen)


async def _calendar(turn: Turn, answer: Answer) -> None:
    """The calendar file comes with a new place, once: not with the same answer again."""
    if answer.status == "going" and answer.changed:
        caption = views.calendar_caption(turn.tr, answer.seminar)
        link = deep_link(turn.context.bot.username, answer.seminar.id)
        await turn.send_document(calendar_file(turn.tr, answer.seminar, link), caption=caption)


def register(app: App) -> None:
    app.add_handler(on_answer.route())
    app.add_handler(on_list_answer.route())
