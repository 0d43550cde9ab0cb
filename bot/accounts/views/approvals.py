"""Coordinators' screens for registrations: the decision on the card, and /pending."""

from __future__ import annotations

from html import escape

from bot.accounts.service.approvals import Decision
from bot.i18n import Translator


def outcome(tr: Translator, decision: Decision) -> str:
    reviewer = escape(decision.reviewer.display_name if decision.reviewer else "?")
    if decision.user.status == "approved":
        return "✅ " + tr._("Approved by {name}").format(name=reviewer)
    return "❌ " + tr._("Rejected by {name}").format(name=reviewer)


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
