"""/help, /cancel, and the answers for what no other handler understood."""

from __future__ import annotations

import logging

from telegram import ReplyKeyboardRemove, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.accounts.views import help as help_text
from handlers.common import PRIVATE, Context, say, services, tr_for, with_menu

log = logging.getLogger(__name__)


async def help_command(update: Update, context: Context) -> None:
    """Short on purpose: the menu does most of the work. Staff get their own commands instead
    of the member's, since they run the seminars and competitions rather than enter them."""
    tr = await tr_for(update, context)
    actor = await services(context).people.actor(update.effective_user.id)
    if actor.is_staff:
        lines = help_text.staff(tr, actor.is_admin)
    elif actor.is_approved:
        lines = help_text.member(tr)
    else:
        lines = help_text.newcomer(tr)
    await with_menu(update, context, "\n".join(lines))


async def cancel(update: Update, context: Context) -> None:
    """Leaves any open flow. A registration draft is dropped; a saved profile is untouched."""
    svc = services(context)
    tr = await tr_for(update, context)
    tid = update.effective_user.id
    left = await svc.leave_flow(tid)
    text = tr._("Cancelled.") if left else tr._("There is nothing to cancel.")
    await with_menu(update, context, text, otherwise=ReplyKeyboardRemove())


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
