"""Review and results pushes: a submission's new status, an entrant's own result, the winners.

Rows carry ids only; competition_checks adds the competition, entrant, submission and the
recorded results as they are when the row goes out. A status notice also carries the change
itself (status, comment, revision deadline), so two quick changes read as two steps rather
than twice the latest one.
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.competitions.callbacks import SubmitCb
from bot.competitions.pushes.templates import PushContext, Template
from bot.competitions.views import results as views
from bot.competitions.views import text
from bot.core.keyboards import button
from bot.delivery.kinds import Rendered
from bot.i18n import Translator

ICONS = {
    "received": "📨",
    "under_review": "🔍",
    "accepted": "✅",
    "needs_revision": "✏️",
    "rejected": "❌",
}


def submission_status(tr: Translator, p: PushContext) -> Rendered:
    c, s, entrant = p["competition"], p["submission"], p["entrant"]
    status = p.get("status") or s["status"]
    head = (
        ICONS.get(status, "📋")
        + " "
        + tr._("The submission of {entrant} to «{title}» ({receipt}) is now: {status}.").format(
            entrant=text.entrant_name(tr, entrant),
            title=text.title(tr, c),
            receipt=s["receipt"],
            status=text.status(tr, status),
        )
    )
    if status != "needs_revision":
        return Rendered(head)
    lines = [head]
    comment, revision_deadline = p.get("comment"), p.get("revision_deadline")
    if comment:
        lines.append(tr._("Reviewer's comment: {comment}").format(comment=escape(comment)))
    if revision_deadline:
        until = tr.datetime(text.when(revision_deadline))
        lines.append(tr._("Please correct it and send it again by {date}.").format(date=until))
    edit = SubmitCb(competition_id=c["id"], entrant_id=entrant["id"], action="view")
    markup = InlineKeyboardMarkup([[button("✏️ " + tr._("Edit the submission"), edit)]])
    return Rendered("\n".join(lines), markup)


def competition_result(tr: Translator, p: PushContext) -> Rendered:
    c, entrant = p["competition"], p["entrant"]
    head = "🏆 " + tr._("The results of «{title}» are published.").format(title=text.title(tr, c))
    own = views.own_text(tr, entrant, views.own_result(p["results"], int(entrant["id"])))
    note = text.title_note(tr, c)
    return Rendered(head + "\n\n" + own + ("\n" + note if note else ""))


def competition_winners(tr: Translator, p: PushContext) -> Rendered:
    return Rendered(views.winners_message(tr, p["competition"], p["results"]))


TEMPLATES: dict[str, Template] = {
    "submission_status": submission_status,
    "competition_result": competition_result,
    "competition_winners": competition_winners,
}
