"""Coordinators approve or reject registrations, from the pushed card or from /pending."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.accounts.service.approvals import Outdated
from bot.core.callback_data import ApprovalCb, CallbackDataError
from bot.core.errors import NotAllowed, NotFound
from bot.core.screens import Screen
from bot.delivery.templates import render
from handlers.common import PRIVATE, Context, say, services, show, tr_for


async def on_decision(update: Update, context: Context) -> None:
    """The service checks the presser's rights; a forged press changes nothing."""
    query = update.callback_query
    svc = services(context)
    tr = await tr_for(update, context)
    try:
        data = ApprovalCb.unpack(query.data)
        decision = await svc.approvals.decide(
            update.effective_user.id, data.user_id, data.submission, data.decision == "approve"
        )
    except NotAllowed:
        await query.answer(tr._("You are not allowed to do this."), show_alert=True)
        return
    except (CallbackDataError, Outdated):
        await query.answer(tr._("This button is no longer valid."), show_alert=True)
        return
    except NotFound:
        await query.answer(tr._("This registration no longer exists."), show_alert=True)
        return
    reviewer = escape(decision.reviewer.display_name if decision.reviewer else "?")
    if decision.user.status == "approved":
        outcome = "✅ " + tr._("Approved by {name}").format(name=reviewer)
    else:
        outcome = "❌ " + tr._("Rejected by {name}").format(name=reviewer)
    await query.answer(outcome if not decision.first else None, show_alert=not decision.first)
    text = query.message.text_html if query.message and query.message.text else ""
    await show(update, Screen(text + "\n\n" + outcome))


async def pending_command(update: Update, context: Context) -> None:
    """A way back to every waiting registration, should a pushed card have been missed."""
    svc = services(context)
    tr = await tr_for(update, context)
    try:
        cards, total = await svc.approvals.pending(update.effective_user.id)
    except NotAllowed:
        await say(update, tr._("This command is for project staff."))
        return
    if not cards:
        await say(update, tr._("No registrations are waiting for approval."))
        return
    head = tr.ngettext(
        "{count} registration is waiting:", "{count} registrations are waiting:", total
    ).format(count=total)
    if total > len(cards):
        head += "\n" + tr._("Here are the oldest {shown}; decide them to see the next.").format(
            shown=len(cards)
        )
    await say(update, head)
    for card in cards:
        rendered = render("approval_request", tr, card)
        await say(update, Screen(rendered.text, rendered.markup))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("pending", pending_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_decision, pattern=ApprovalCb.matches))
