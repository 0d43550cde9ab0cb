"""The survey after a seminar: a rating from 1 to 5, then an optional comment."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler

from bot.core.callback_data import CallbackDataError, FeedbackCb
from bot.core.errors import NotAllowed, Refusal
from bot.core.keyboards import button
from bot.core.refusals import refusal, refusal_text
from bot.core.screens import Screen
from handlers import flow_steps
from handlers.common import Context, say, services, show, tr_for


async def on_rating(update: Update, context: Context) -> None:
    query = update.callback_query
    tr = await tr_for(update, context)
    svc = services(context).attendance
    tid = update.effective_user.id
    try:
        data = FeedbackCb.unpack(query.data)
        if data.rating == 0:
            await svc.comment(tid, None)
        else:
            await svc.rate(tid, data.seminar_id, data.rating)
    except (CallbackDataError, NotAllowed, Refusal) as exc:
        code = exc.code if isinstance(exc, Refusal) else "not_attendee"
        await query.answer(refusal_text(tr, Refusal(code)), show_alert=True)
        return
    await query.answer()
    if data.rating == 0:
        await show(update, Screen(tr._("Thank you for your answer!")))
        return
    skip = button(tr._("No comment"), FeedbackCb(seminar_id=data.seminar_id, rating=0))
    text = tr._("Thank you! Your rating: {rating} of 5.").format(rating=data.rating)
    text += "\n" + tr._("Would you add a comment? Send it as a message, or press «No comment».")
    await show(update, Screen(text, InlineKeyboardMarkup([[skip]])))


async def on_comment(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    try:
        await services(context).attendance.comment(
            update.effective_user.id, update.effective_message.text or ""
        )
    except (Refusal, NotAllowed) as exc:
        await say(update, refusal(tr, exc))
        return
    await say(update, tr._("Thank you! Your comment is saved."))


async def on_media(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    await say(update, tr._("Please write the comment as text, or press «No comment»."))


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(on_rating, pattern=FeedbackCb.matches))
    flow_steps.OTHER_FLOWS["seminar_feedback"] = (on_comment, on_media)
