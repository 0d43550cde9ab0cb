"""Review and results pushes: a submission's new status, the reader's own result with the
winners, the winners alone.

Rows carry ids only; `kind.py` adds the competition, entrant, submission and the recorded
results as they are when the row goes out. A status notice also carries the change itself
(status, comment, revision deadline); a revision request ends with [See what to fix], which
opens the draft with the comment and the revision's date. A result congratulates any award
(or thanks for taking part) and ends with [All results].
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.competitions.callbacks import SubmitCb
from bot.competitions.pushes.templates import PushContext, Template, all_results, our_submissions
from bot.competitions.repo.competitions import EntrantData
from bot.competitions.views import results as views
from bot.competitions.views import text
from bot.core.keyboards import button
from bot.core.screens import fit_lines
from bot.delivery.kinds import Rendered
from bot.i18n import Translator

if TYPE_CHECKING:
    from bot.competitions.service.results import NamedResult

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
    if status == "rejected" and p.get("comment"):
        reason = tr._("Reason: {reason}").format(reason=escape(p.get("comment") or ""))
        return Rendered(head + "\n" + reason, InlineKeyboardMarkup([[our_submissions(tr)]]))
    if status != "needs_revision":
        return Rendered(head, InlineKeyboardMarkup([[our_submissions(tr)]]))
    lines = [head]
    comment, revision_deadline = p.get("comment"), p.get("revision_deadline")
    if comment:
        lines.append(tr._("Reviewer's comment: {comment}").format(comment=escape(comment)))
    if revision_deadline:
        until = tr.datetime(text.when(revision_deadline))
        lines.append(tr._("Please correct it and send it again by {date}.").format(date=until))
    fix = SubmitCb(competition_id=c["id"], entrant_id=entrant["id"], action="start")
    markup = InlineKeyboardMarkup([[button("✏️ " + tr._("See what to fix"), fix)]])
    return Rendered("\n".join(lines), markup)


def _own(tr: Translator, entrant: EntrantData, result: NamedResult | None) -> str:
    """A win of any kind is congratulated; otherwise own_text already thanks them."""
    own = views.own_text(tr, entrant, result)
    return own if result is None else "🎉 " + tr._("Congratulations!") + " " + own


def competition_result(tr: Translator, p: PushContext) -> Rendered:
    """The reader's own result (each entrant they speak for) and the winners, in one message."""
    c = p["competition"]
    head = "🏆 " + tr._("The results of «{title}» are published.").format(title=text.title(tr, c))
    entrants = p.get("entrants") or ([p["entrant"]] if "entrant" in p else [])
    results = p["results"]
    own = [_own(tr, e, views.own_result(results, int(e["id"]))) for e in entrants]
    note = text.title_note(tr, c)
    winners = views.winners_text(tr, results)
    blocks = [head, *own, *([note] if note else []), winners]
    body = "\n".join(fit_lines("\n\n".join(b for b in blocks if b).split("\n")))
    keyboard = [[fix] for fix in _conditions_to_meet(tr, p)] + [[all_results(tr)]]
    return Rendered(body, InlineKeyboardMarkup(keyboard))


def _conditions_to_meet(tr: Translator, p: PushContext) -> list[InlineKeyboardButton]:
    """A conditional winner's way to send the revised version, for each entrant of the reader
    whose condition is still open."""
    c, results = p["competition"], p["results"]
    found = []
    for e in p.get("entrants") or []:
        r = views.own_result(results, int(e["id"]))
        if r is not None and r.get("condition_state") == "pending":
            fix = SubmitCb(competition_id=c["id"], entrant_id=int(e["id"]), action="start")
            found.append(button("✏️ " + tr._("Send the revised version"), fix))
    return found


def competition_winners(tr: Translator, p: PushContext) -> Rendered:
    body = views.winners_message(tr, p["competition"], p["results"])
    return Rendered(body, InlineKeyboardMarkup([[all_results(tr)]]))


TEMPLATES: dict[str, Template] = {
    "submission_status": submission_status,
    "competition_result": competition_result,
    "competition_winners": competition_winners,
}
