"""Coordinators approve or reject registrations, from the pushed card or from /pending."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot import commands
from bot.accounts.callbacks import ApprovalCb
from bot.accounts.pushes import approval_card, registration_card_text
from bot.accounts.views import approvals as views
from bot.core.screens import Screen
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@button(ApprovalCb, denied="forbidden", missing="registration_gone")
async def on_decision(turn: Turn, data: ApprovalCb) -> None:
    """The service checks the presser's rights; a forged press changes nothing. The card is
    written again in the reviewer's language, which may have changed since it came."""
    approve = data.decision == "approve"
    decision = await turn.svc.approvals.decide(turn.tid, data.user_id, data.submission, approve)
    outcome = views.outcome(turn.tr, decision)
    await turn.answer(outcome if not decision.first else None, alert=not decision.first)
    member = decision.user.telegram_id
    if decision.first and decision.user.status == "approved" and member is not None:
        # The member's command menu in the language they chose, not their phone's.
        await commands.apply(turn.context.bot, member, await turn.svc.accounts.menu_of(member))
    card = registration_card_text(turn.tr, decision.card)
    await turn.show(Screen(card + "\n\n" + outcome))


@command()
async def pending_command(turn: Turn) -> None:
    """A way back to every waiting registration, should a pushed card have been missed. Each
    card's message id is recorded, so a newer card or an erasure edits it like a pushed one."""
    cards, total = await turn.svc.approvals.pending(turn.tid)
    if not cards:
        await turn.say(views.nothing_pending(turn.tr))
        return
    await turn.say(views.pending_head(turn.tr, len(cards), total))
    for card in cards:
        screen = approval_card(turn.tr, card)
        sent = await turn.context.bot.send_message(
            turn.chat_id, screen.text, reply_markup=screen.markup
        )
        await turn.svc.approvals.shown(turn.tid, card, sent.message_id)


def register(app: App) -> None:
    app.add_handler(CommandHandler("pending", pending_command, filters=PRIVATE))
    app.add_handler(on_decision.route())
