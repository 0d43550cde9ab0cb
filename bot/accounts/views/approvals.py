"""Coordinators' screens for registrations: the decision on the card, the reason for a
rejection, and /pending."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.accounts.callbacks import RejectCb, RejectChoice, RejectReason
from bot.accounts.pushes import reason_text, registration_card_text
from bot.accounts.service.approvals import Decision, RegistrationCard
from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.i18n import Translator


def outcome(tr: Translator, decision: Decision) -> str:
    """Who decided, with their organisation when their staff profile has one."""
    by = decision.reviewer
    reviewer = escape(by.display_name if by else "?")
    org = escape(by.organisation) if by is not None and by.organisation else None
    if decision.user.status != "rejected":  # approved, or deactivated since
        if org:
            return "✅ " + tr._("Approved by {name}, {organisation}").format(
                name=reviewer, organisation=org
            )
        return "✅ " + tr._("Approved by {name}").format(name=reviewer)
    if org:
        line = "❌ " + tr._("Rejected by {name}, {organisation}").format(
            name=reviewer, organisation=org
        )
    else:
        line = "❌ " + tr._("Rejected by {name}").format(name=reviewer)
    reason = decision.reason
    if reason is not None:
        said = reason_text(tr, {"reason_code": reason.code, "reason": reason.text})
        if said:
            line += "\n" + tr._("Reason: {reason}").format(reason=said)
    return line


def reason_label(tr: Translator, code: str) -> str:
    """A preset reason on the coordinator's button: short, the member reads it in full."""
    _ = tr._
    return {
        "not_staff": _("Not staff of this municipality"),
        "wrong_details": _("Details look wrong"),
        "twice": _("Registered twice"),
    }[code]


def reasons(tr: Translator, card: RegistrationCard) -> Screen:
    """Reject tapped: the card with the question why, the preset reasons, and a typed one."""
    uid, n = card["user_id"], card.get("submission", 0)

    def cb(reason: RejectChoice) -> RejectCb:
        return RejectCb(user_id=uid, submission=n, reason=reason)

    presets: tuple[RejectReason, ...] = ("not_staff", "wrong_details", "twice")
    keyboard = [[button(reason_label(tr, code), cb(code))] for code in presets]
    keyboard += [[button("✍️ " + tr._("Another reason"), cb("other"))],
                 [button("« " + tr._("Back"), cb("back"))]]  # fmt: skip
    question = "❌ " + tr._("Why is it rejected? The person will read the reason.")
    return Screen(registration_card_text(tr, card) + "\n\n" + question,
                  InlineKeyboardMarkup(keyboard))  # fmt: skip


def reason_prompt(tr: Translator, card: RegistrationCard) -> Screen:
    """After "Another reason": the next message is the reason."""
    back = RejectCb(user_id=card["user_id"], submission=card.get("submission", 0), reason="back")
    prompt = "✍️ " + tr._(
        "Write the reason in one message. The person will read it as you write it."
    )
    return Screen(registration_card_text(tr, card) + "\n\n" + prompt,
                  InlineKeyboardMarkup([[button("« " + tr._("Back"), back)]]))  # fmt: skip


def rejected_note(tr: Translator, decision: Decision) -> str:
    """Below the typed reason: the card above now says it was rejected."""
    name = escape(decision.user.display_name)
    if not decision.first:
        return outcome(tr, decision)
    return "❌ " + tr._("Rejected. {name} will get your reason.").format(name=name)


def nothing_pending(tr: Translator) -> str:
    return tr._("No registrations are waiting for approval.")


def pending_head(tr: Translator, shown: int, total: int) -> str:
    head = tr.ngettext(
        "{count} registration is waiting:", "{count} registrations are waiting:", total
    ).format(count=total)
    if total > shown:
        head += "\n" + tr._("Here are the oldest {shown}; decide them to see the next.").format(
            shown=shown
        )
    return head
