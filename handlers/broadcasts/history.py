"""Broadcasts after the wizard: the progress card, stopping, the history with CSVs, and /mute."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.broadcasts.repo import Broadcast
from bot.broadcasts.views import progress
from bot.core import labels
from bot.core.callback_data import BroadcastCb, CallbackDataError
from bot.core.errors import NotAllowed, NotFound
from bot.core.keyboards import button
from bot.core.screens import Screen
from handlers.common import PRIVATE, Context, say, services, show, tr_for


async def post_progress(update: Update, context: Context, item: Broadcast) -> None:
    """Replaces the preview with the progress card, which the dispatcher then keeps current."""
    svc = services(context)
    tr = await tr_for(update, context)
    screen = progress(tr, item, await svc.broadcasts.counts(item.id), svc.clock.now())
    message = await update.callback_query.edit_message_text(screen.text, reply_markup=screen.markup)
    await svc.broadcasts.set_progress_message(item.id, message.chat_id, message.message_id)
    await context.application.bot_data["progress"].refresh(item.id, force=True)  # sent already?


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    svc = services(context)
    tr = await tr_for(update, context)
    try:
        data = BroadcastCb.unpack(query.data)
        if data.action == "csv":
            rows = await svc.broadcasts.deliveries(update.effective_user.id, data.broadcast_id)
        else:
            item = await svc.broadcasts.stop(update.effective_user.id, data.broadcast_id)
    except NotAllowed:
        await query.answer(tr._("You are not allowed to do this."), show_alert=True)
        return
    except (CallbackDataError, NotFound):
        await query.answer(tr._("This button is no longer valid."), show_alert=True)
        return
    await query.answer()
    if data.action == "csv":
        name = f"broadcast-{data.broadcast_id}.csv"
        await update.effective_chat.send_document(InputFile(_csv(tr, rows), filename=name))
        return
    counts = await svc.broadcasts.counts(item.id)
    await show(update, progress(tr, item, counts, svc.clock.now()))


def _csv(tr, rows: list[dict]) -> bytes:
    """One line per recipient, headed and worded in the reader's language."""
    _ = tr._
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("Telegram ID"), _("Name"), _("Position"), _("Status"), _("Attempts"), _("Error"),
         _("Sent at (Bishkek time)")]
    )  # fmt: skip
    for r in rows:
        sent = tr.datetime(datetime.fromisoformat(r["sent_at"])) if r["sent_at"] else ""
        position = labels.position(tr, r["position"]) if r["position"] else ""
        writer.writerow(
            [r["chat_id"], _cell(r["full_name"] or ""), position, labels.delivery(tr, r["status"]),
             r["attempts"], _cell(r["last_error"] or ""), sent]
        )  # fmt: skip
    return out.getvalue().encode("utf-8-sig")


def _cell(text: str) -> str:
    """A name typed as =SUM(...) stays text when the sheet is opened in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


async def history(update: Update, context: Context) -> None:
    svc = services(context)
    tr = await tr_for(update, context)
    try:
        items = await svc.broadcasts.history(update.effective_user.id)
    except NotAllowed:
        await say(update, tr._("This command is for project staff."))
        return
    if not items:
        await say(update, tr._("No broadcasts yet. Start one with /broadcast."))
        return
    for item, counts in items:
        when = tr.datetime(datetime.fromisoformat(item.send_at))
        text = progress(tr, item, counts, svc.clock.now()).text + "\n" + when
        csv_button = button(
            tr._("Recipients (CSV)"), BroadcastCb(broadcast_id=item.id, action="csv")
        )
        await say(update, Screen(text, InlineKeyboardMarkup([[csv_button]])))


async def mute(update: Update, context: Context) -> None:
    await _set_muted(update, context, True)


async def unmute(update: Update, context: Context) -> None:
    await _set_muted(update, context, False)


async def _set_muted(update: Update, context: Context, muted: bool) -> None:
    tr = await tr_for(update, context)
    known = await services(context).people.set_muted(update.effective_user.id, muted)
    if not known:
        await say(update, tr._("You are not registered yet. Send /start to register."))
    elif muted:
        text = tr._(
            "Announcements are off. Messages about your own seminars, submissions and account "
            "still arrive. Send /unmute to turn them on."
        )
        await say(update, text)
    else:
        await say(update, tr._("Announcements are on again."))


def register(app: Application) -> None:
    private = PRIVATE
    app.add_handler(CommandHandler("broadcasts", history, filters=private))
    app.add_handler(CommandHandler("mute", mute, filters=private))
    app.add_handler(CommandHandler("unmute", unmute, filters=private))
    app.add_handler(CallbackQueryHandler(on_button, pattern=BroadcastCb.matches))
