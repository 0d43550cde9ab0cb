"""Check-in: the code or deep link a member uses in the room, and what staff use there.

A six-digit message is read as a code only when no question is open, so a number typed as an
answer in a wizard still goes to that wizard.
"""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.callback_data import AttendCb, CallbackDataError, SeminarCb
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.refusals import refusal, refusal_text
from bot.seminars.views import checkin as views
from handlers import flow_steps
from handlers.common import PRIVATE, Context, say, services, show, tr_for

CODE = re.compile(r"^\s*(\d{6})\s*$")
REFUSED = (CallbackDataError, NotAllowed, NotFound)


async def check_in(update: Update, context: Context, code: str, via: str) -> None:
    tr = await tr_for(update, context)
    try:
        found = await services(context).attendance.check_in(update.effective_user.id, code, via)
    except Refusal as exc:
        await say(update, refusal_text(tr, exc))
        return
    await say(update, views.checked_in(tr, found.seminar, found.already))


async def from_link(update: Update, context: Context) -> None:
    """/start checkin_123456, which the QR code in the room opens."""
    code = context.args[0].removeprefix("checkin_") if context.args else ""
    await check_in(update, context, code, "link")


async def from_command(update: Update, context: Context) -> None:
    if not context.args:
        tr = await tr_for(update, context)
        await say(update, tr._("Send the six-digit code shown in the room, like: /checkin 123456"))
        return
    await check_in(update, context, context.args[0], "code")


async def from_text(update: Update, context: Context) -> None:
    if await services(context).current_flow(update.effective_user.id) is not None:
        await flow_steps.on_text(update, context)
        return
    await check_in(update, context, CODE.match(update.effective_message.text)[1], "code")


async def on_staff_button(update: Update, context: Context) -> None:
    """The QR card for the screen, and the roster to mark by hand."""
    query = update.callback_query
    tr = await tr_for(update, context)
    svc = services(context)
    tid = update.effective_user.id
    try:
        data = SeminarCb.unpack(query.data)
        seminar, people = await svc.attendance.roster(tid, data.seminar_id)
    except REFUSED:
        await query.answer(refusal_text(tr, Refusal("not_allowed")), show_alert=True)
        return
    await query.answer()
    if data.action == "roster":
        await show(update, views.roster(tr, seminar, people, data.page))
        return
    link = views.deep_link(context.bot.username, seminar.checkin_code)
    caption = views.qr_caption(tr, seminar, link)
    await update.effective_chat.send_photo(views.qr_png(link), caption=caption)


async def on_mark(update: Update, context: Context) -> None:
    query = update.callback_query
    tr = await tr_for(update, context)
    svc = services(context)
    tid = update.effective_user.id
    try:
        data = AttendCb.unpack(query.data)
        await svc.attendance.toggle(tid, data.seminar_id, data.user_id)
        seminar, people = await svc.attendance.roster(tid, data.seminar_id)
    except (*REFUSED, Refusal) as exc:
        await query.answer(refusal(tr, exc, "not_allowed"), show_alert=True)
        return
    await query.answer()
    await show(update, views.roster(tr, seminar, people, data.page))


def register(app: Application) -> None:
    link = filters.Regex(r"^/start checkin_")
    app.add_handler(CommandHandler("start", from_link, filters=PRIVATE & link))
    app.add_handler(CommandHandler("checkin", from_command, filters=PRIVATE))
    app.add_handler(MessageHandler(PRIVATE & filters.Regex(CODE), from_text))
    actions = {"qr", "roster"}
    app.add_handler(CallbackQueryHandler(on_staff_button, pattern=SeminarCb.where(action=actions)))
    app.add_handler(CallbackQueryHandler(on_mark, pattern=AttendCb.matches))
