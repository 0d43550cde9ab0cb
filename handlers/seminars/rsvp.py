"""The invitation's buttons: "I will attend" and "I can't attend", until the RSVP deadline."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from bot.core.callback_data import CallbackDataError, RsvpCb
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.refusals import refusal_text
from bot.i18n import Translator
from bot.seminars.pushes.templates import calendar_file
from bot.seminars.service.rsvp import Answer
from bot.seminars.views import text
from handlers.common import Context, say, services, tr_for


async def on_answer(update: Update, context: Context) -> None:
    """A yes gets the calendar file; a full seminar puts the member on the waitlist."""
    query = update.callback_query
    tr = await tr_for(update, context)
    try:
        data = RsvpCb.unpack(query.data)
        answer = await services(context).rsvp.answer(
            update.effective_user.id, data.seminar_id, data.answer
        )
    except (CallbackDataError, NotAllowed, NotFound) as exc:
        code = "stale" if isinstance(exc, CallbackDataError) else "not_invited"
        await query.answer(refusal_text(tr, Refusal(code)), show_alert=True)
        return
    except Refusal as exc:
        await query.answer(refusal_text(tr, exc), show_alert=True)
        return
    await query.answer()
    message = _message(tr, answer)
    if answer.status == "going" and answer.changed:
        await update.effective_chat.send_document(
            calendar_file(tr, answer.seminar.content()), caption=message
        )
    else:
        await say(update, message)


def _message(tr: Translator, answer: Answer) -> str:
    _ = tr._
    title = text.title(tr, answer.seminar.content())
    if answer.status == "going":
        head = _("✅ You are on the list for «{title}».").format(title=title)
        if answer.changed:
            head += " " + _("Open the file to add it to your calendar.")
        return head
    if answer.status == "waitlist":
        return _(
            "⏳ «{title}» is full. You are on the waitlist, number {position}. "
            "If a place opens up, I will tell you at once."
        ).format(title=title, position=answer.position)
    return _("Thank you for letting us know. You can change your answer until {deadline}.").format(
        deadline=tr.datetime(answer.seminar.rsvp_deadline)
    )


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(on_answer, pattern=RsvpCb.matches))
