"""Coordinators approve or reject registrations, from the pushed card or from /pending. A
rejection asks why first: a preset reason from a button, or one typed in the next message."""

from __future__ import annotations

from contextlib import suppress

from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import CommandHandler

from bot import commands
from bot.accounts.callbacks import ApprovalCb, RejectCb
from bot.accounts.pushes import approval_card, registration_card_text
from bot.accounts.service.approvals import REASON_FLOW, Decision, Reason, RegistrationCard
from bot.accounts.views import approvals as views
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.core.screens import Screen
from bot.http import retrying
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@button(ApprovalCb, denied="forbidden", missing="registration_gone")
async def on_decision(turn: Turn, data: ApprovalCb) -> None:
    """Approve decides at once; Reject turns the card into the question why. The service
    checks the presser's rights; a forged press changes nothing. The card is written again
    in the reviewer's language, which may have changed since it came."""
    approvals = turn.svc.approvals
    if data.decision == "reject":
        found = await approvals.decided(turn.tid, data.user_id, data.submission)
        if found is not None:
            await _decided(turn, found)
            return
        await approvals.drop_reason(turn.tid)
        await turn.answer()
        await turn.show(views.reasons(turn.tr, await _card(turn, data.user_id, data.submission)))
        return
    await _decided(turn, await approvals.decide(turn.tid, data.user_id, data.submission, True))


@button(RejectCb, denied="forbidden", missing="registration_gone")
async def on_reason(turn: Turn, data: RejectCb) -> None:
    """A preset reason rejects; "Another reason" waits for the typed one; "Back" brings the
    card's Approve and Reject back."""
    approvals, tid = turn.svc.approvals, turn.tid
    if data.reason == "back":
        await approvals.drop_reason(tid)
        found = await approvals.decided(tid, data.user_id, data.submission)
        if found is not None:
            await _decided(turn, found)
            return
        await turn.answer()
        await turn.show(approval_card(turn.tr, await _card(turn, data.user_id, data.submission)))
        return
    if data.reason == "other":
        message = turn.query.message
        found = await approvals.ask_reason(
            tid, data.user_id, data.submission, message.message_id if message else 0
        )
        if found is not None:
            await _decided(turn, found)
            return
        await turn.answer()
        card = await _card(turn, data.user_id, data.submission)
        await turn.show(views.reason_prompt(turn.tr, card))
        return
    await approvals.drop_reason(tid)
    decision = await approvals.decide(
        tid, data.user_id, data.submission, False, Reason(code=data.reason), turn.user.username
    )
    await _decided(turn, decision)


async def _card(turn: Turn, user_id: int, submission: int) -> RegistrationCard:
    return await turn.svc.approvals.card(turn.tid, user_id, submission)


async def _decided(turn: Turn, decision: Decision) -> None:
    """The card, written again with who decided (and why); someone else's earlier decision
    is also said in an alert."""
    outcome = views.outcome(turn.tr, decision)
    await turn.answer(outcome if not decision.first else None, alert=not decision.first)
    member = decision.user.telegram_id
    if decision.first and decision.user.status == "approved" and member is not None:
        # The member's command menu in the language they chose, not their phone's.
        await commands.apply(turn.context.bot, member, await turn.svc.accounts.menu_of(member))
    card = registration_card_text(turn.tr, decision.card)
    await turn.show(Screen(card + "\n\n" + outcome))


@command(missing="registration_gone")
async def on_typed_reason(turn: Turn) -> None:
    """The reason, typed: the registration is rejected with it and the card above says so.
    A reason too long is refused and can be written again."""
    approvals = turn.svc.approvals
    decision, message_id = await approvals.typed_reason(turn.tid, turn.text, turn.user.username)
    card = registration_card_text(turn.tr, decision.card)
    text = card + "\n\n" + views.outcome(turn.tr, decision)
    if message_id:
        bot = turn.context.bot
        # A card gone or too old to edit: the note below says it all.
        with suppress(BadRequest):
            await retrying(
                lambda: bot.edit_message_text(
                    text, turn.chat_id, message_id, parse_mode=ParseMode.HTML
                )
            )
    await turn.say(views.rejected_note(turn.tr, decision))


@command()
async def reason_media(turn: Turn) -> None:
    await turn.say(refusal_text(turn.tr, Refusal("media")))


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
    app.add_handler(on_reason.route())
    flow_steps.flow(REASON_FLOW, on_typed_reason, reason_media)
