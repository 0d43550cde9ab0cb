"""/help, /cancel, and the answers for what no other handler understood."""

from __future__ import annotations

import logging

from telegram import ReplyKeyboardRemove, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.views import Screen
from handlers.common import PRIVATE, Context, say, services, tr_for

log = logging.getLogger(__name__)


async def help_command(update: Update, context: Context) -> None:
    """Members and staff see different commands: each only what they can use."""
    tr = await tr_for(update, context)
    _ = tr._
    lines = [
        _("/start – register or continue registration"),
        _("/profile – see and change your details"),
        _("/seminars – your seminar invitations and answers"),
        _("/checkin 123456 – check in at a seminar with the code shown in the room"),
        _("/competitions – open competitions, the time left, and our submission"),
        _("/mysubmissions – our submissions: status, reviewer's comments, deadlines"),
        _("/results – published competition results"),
        _("/language – change the language"),
        _("/cancel – stop what you are doing"),
        _("/deleteme – delete your personal data"),
        _("/mute, /unmute – turn announcements off or on"),
    ]
    actor = await services(context).people.actor(update.effective_user.id)
    if actor.is_staff:
        lines += [
            _("/pending – registrations waiting for approval"),
            _("/staff – project staff"),
            _("/broadcast – send an announcement"),
            _("/broadcasts – past announcements, with delivery per recipient"),
            _("/newseminar – create a seminar and invite members"),
            _("/seminars – seminars: answers, check-in QR, attendance, reports"),
            _("/report 01.11.2026 30.11.2026 – seminar numbers for a period, with an XLSX file"),
            _("/newcompetition – announce a competition"),
            _("/newcluster – make a cluster of municipalities"),
            _("/competitions – competitions: submissions, review, deadlines, results, export"),
            _("/submissions ID – a competition's submissions, by status"),
            _("/exportsubmissions ID – a competition's submissions as XLSX, with a ZIP of files"),
        ]
    if actor.is_admin:
        lines.append(_("/promote ID [admin] [regions] – make someone a coordinator or admin"))
        lines.append(_("/demote ID – make a coordinator or admin a member again"))
    await say(update, "\n".join(lines))


async def cancel(update: Update, context: Context) -> None:
    """Leaves any open flow. A registration draft is dropped; a saved profile is untouched."""
    svc = services(context)
    tr = await tr_for(update, context)
    tid = update.effective_user.id
    left = await svc.leave_flow(tid)
    text = tr._("Cancelled.") if left else tr._("There is nothing to cancel.")
    await say(update, Screen(text, ReplyKeyboardRemove()))


async def unknown_command(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    await say(update, tr._("I don't know this command. Send /help to see what I can do."))


async def edited(update: Update, context: Context) -> None:
    """An edit of an earlier message is not read as a new answer; say so instead of ignoring it."""
    tr = await tr_for(update, context)
    await say(update, tr._("I only read new messages. Please send your answer again."))


async def stale_button(update: Update, context: Context) -> None:
    """Buttons from older versions of the bot, or data nobody should be able to send."""
    tr = await tr_for(update, context)
    await update.callback_query.answer(tr._("This button is no longer valid."), show_alert=True)


async def on_error(update: object, context: Context) -> None:
    log.error("update failed", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        tr = await tr_for(update, context)
        await say(update, tr._("Something went wrong on our side. Please try again."))


def register(app: Application) -> None:
    private = PRIVATE
    app.add_handler(CommandHandler("help", help_command, filters=private))
    app.add_handler(CommandHandler("cancel", cancel, filters=private))


def register_fallbacks(app: Application) -> None:
    """Added last, after every feature, so they only see what nothing else took."""
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, unknown_command))
    app.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.ChatType.PRIVATE, edited)
    )
    app.add_handler(CallbackQueryHandler(stale_button))
    app.add_error_handler(on_error)
