"""What reviewers read: the submissions of a competition by status, one submission's card, its
history, the questions of the review flows, and how its files are grouped for sending."""

from __future__ import annotations

import json
from datetime import datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.competitions.callbacks import CompetitionCb, ConditionCb, ReviewCb, ScoreCb
from bot.competitions.repo.submissions import STATUSES, LogEntry
from bot.competitions.service.reviews import Card, Listing
from bot.competitions.views import text
from bot.competitions.views.panel_text import panel_line
from bot.competitions.views.results import award_name, condition_lines
from bot.core.keyboards import button, rows
from bot.core.screens import TEXT_LIMIT, Screen
from bot.i18n import Translator

MOVE_LABELS = {
    "under_review": "🔍",
    "accepted": "✅",
    "needs_revision": "✏️",
    "rejected": "❌",
}
HISTORY_LIMIT = 3800


def ask_number(tr: Translator) -> str:
    """/submissions without a competition's number (or with something else)."""
    return tr._("Send /submissions and the competition's number: /submissions 3")


def listing(tr: Translator, found: Listing) -> Screen:
    _ = tr._
    c, cid = found.competition, found.competition.id
    total = sum(found.counts.values())
    lines = [
        "📂 <b>" + _("Submissions: «{title}»").format(title=text.title(tr, c.content())) + "</b>"
    ]
    parts = [_("all: {count}").format(count=total)]
    parts += [f"{text.status(tr, s)}: {found.counts.get(s, 0)}" for s in STATUSES]
    lines += [" · ".join(parts), ""]
    if not found.items:
        lines.append(_("No submissions here yet."))
    for s, entrant in found.items:
        lines.append(f"{s.receipt} · {escape(entrant.name(tr.lang))} — {text.status(tr, s.status)}")
    keyboard = rows(
        [
            button(f"{s.receipt} · {e.name(tr.lang)}", ReviewCb(submission_id=s.id, action="open"))
            for s, e in found.items
        ]
    )
    keyboard += rows(_filters(tr, found, total), 2)
    keyboard += _pages(found)
    keyboard.append(
        [
            button("🏆 " + _("Results"), CompetitionCb(competition_id=cid, action="results")),
            button(_("« Back"), CompetitionCb(competition_id=cid, action="open")),
        ]
    )
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def _filters(tr: Translator, found: Listing, total: int) -> list[InlineKeyboardButton]:
    options = [("all", tr._("All"), total)]
    options += [(s, text.status(tr, s), found.counts.get(s, 0)) for s in STATUSES]
    cid = found.competition.id
    return [
        button(
            ("• " if code == found.status else "") + f"{label} ({count})",
            CompetitionCb(competition_id=cid, action="subs", value=code),
        )
        for code, label, count in options
    ]


def _pages(found: Listing) -> list[list[InlineKeyboardButton]]:
    if found.pages <= 1:
        return []
    cid, page = found.competition.id, found.page

    def to(n: int) -> CompetitionCb:
        return CompetitionCb(competition_id=cid, action="subs", value=found.status, page=n)

    nav = [button("◀", to(page - 1))] if page > 0 else []
    nav.append(button(f"{page + 1}/{found.pages}", to(page)))
    if page < found.pages - 1:
        nav.append(button("▶", to(page + 1)))
    return [nav]


def card(tr: Translator, found: Card, note: str = "") -> Screen:
    """Everything a reviewer needs to decide, with the moves the status allows; a long
    description (then the comment) is cut, before escaping, so the card fits one message."""
    v = found.version
    description = v.description if v is not None else ""
    comment = found.submission.review_comment or ""
    room = TEXT_LIMIT - len("\n".join(_card_lines(tr, found, note, "", ""))) - 2
    description = cut(description, max(room - len(comment), 0))
    comment = cut(comment, max(room - len(description), 0))
    lines = _card_lines(tr, found, note, comment, description)
    return Screen("\n".join(lines), InlineKeyboardMarkup(_card_buttons(tr, found)))


def refreshed_note(tr: Translator) -> str:
    """Above a card drawn again because a move found it out of date."""
    return "🔄 " + tr._("This card was out of date: here it is as it is now. Nothing was changed.")


def cut(raw: str, limit: int) -> str:
    """At most `limit` characters of unescaped text, ending in "…" when shortened."""
    if len(raw) <= limit:
        return raw
    return raw[: max(limit - 1, 0)].rstrip() + "…"


def _card_lines(
    tr: Translator, found: Card, note: str, comment: str, description: str
) -> list[str]:
    _ = tr._
    s, v, c = found.submission, found.version, found.competition
    lines = [note, ""] if note else []
    lines.append(f"<b>{s.receipt}</b> · {escape(found.entrant.name(tr.lang))}")
    lines.append(text.title(tr, c.content()))
    lines.append(_("Status: {status}").format(status=text.status(tr, s.status)))
    if v is not None:
        lines.append(
            _("Version {version}, sent by {name} on {date}").format(
                version=v.version,
                name=escape(v.submitted_by_name or "—"),
                date=tr.datetime(text.when(v.submitted_at)),
            )
        )
        if v.residents is not None:
            lines.append(_("Residents reached: {count}").format(count=tr.number(v.residents)))
        count = len(v.files)
        lines.append(tr.ngettext("{count} file", "{count} files", count).format(count=count))
    lines += _review_lines(tr, found, comment)
    if v is not None:
        lines += ["", escape(description)]
    return lines


def _review_lines(tr: Translator, found: Card, comment: str) -> list[str]:
    _ = tr._
    s, lines = found.submission, []
    if s.score is not None:
        lines.append(_("Score: {score}").format(score=s.score))
    if found.panel is not None:
        lines.append(panel_line(tr, found.panel))
    if s.review_comment and s.status == "rejected":
        lines.append(_("Reason: {reason}").format(reason=escape(comment)))
    elif s.review_comment:
        lines.append(_("Reviewer's comment: {comment}").format(comment=escape(comment)))
    if s.status == "needs_revision" and s.revision_deadline:
        lines.append(_("Revision deadline: {date}").format(date=tr.datetime(s.revision_deadline)))
    if found.result is not None:
        r = found.result
        lines.append(_("Result: {award}").format(award=award_name(tr, r.award, r.place)))
        lines += condition_lines(tr, r)
    return lines


def _card_buttons(tr: Translator, found: Card) -> list[list[InlineKeyboardButton]]:
    _ = tr._
    sid = found.submission.id
    move_names = {
        "under_review": _("Take under review"),
        "accepted": _("Accept"),
        "needs_revision": _("Ask for a revision"),
        "rejected": _("Reject"),
    }
    moves = [
        button(
            f"{MOVE_LABELS[m]} {move_names[m]}",
            ReviewCb(submission_id=sid, action="status", value=m),
        )
        for m in found.moves
    ]
    keyboard = rows(moves, 2)
    tools = []
    if found.version is not None and found.version.files:
        tools.append(button("📎 " + _("Files"), ReviewCb(submission_id=sid, action="files")))
    if not found.competition.cancelled:
        tools.append(button("💯 " + _("Give a score"), ReviewCb(submission_id=sid, action="score")))
        tools.append(
            button("🏆 " + _("Record the result"), ReviewCb(submission_id=sid, action="result"))
        )
    if found.panel is not None:
        tools.append(button("📊 " + _("Panel scores"), ScoreCb(action="scores", submission_id=sid)))
    tools.append(button("🕓 " + _("History"), ReviewCb(submission_id=sid, action="history")))
    keyboard += rows(tools, 2)
    r = found.result
    if (r is not None and r.condition_state == "pending" and found.competition.results_published_at
            and not found.competition.cancelled):  # fmt: skip
        settle = ConditionCb(submission_id=sid, action="ask")
        keyboard.append([button("📌 " + _("Settle the condition"), settle)])
    cid = found.competition.id
    keyboard.append([button(_("« Back"), CompetitionCb(competition_id=cid, action="subs"))])
    return keyboard


def history(tr: Translator, found: Card, entries: list[LogEntry]) -> Screen:
    """Every step with who and when; the oldest are left out if the whole would not fit."""
    _ = tr._
    head = "🕓 <b>" + _("History of {receipt}").format(receipt=found.submission.receipt) + "</b>"
    lines = [_entry(tr, e) for e in entries]
    while lines and len("\n".join(lines)) > HISTORY_LIMIT:
        lines.pop(0)
    if len(lines) < len(entries):
        lines.insert(0, "…")
    back = ReviewCb(submission_id=found.submission.id, action="open")
    keyboard = InlineKeyboardMarkup([[button(_("« Back"), back)]])
    return Screen("\n".join([head, "", *lines]), keyboard)


def _entry(tr: Translator, e: LogEntry) -> str:
    when = tr.datetime(datetime.fromisoformat(e.at))
    who = escape(e.actor_name or "—")
    return f"<i>{when}</i> — {who}: {_what(tr, e)}"


def _what(tr: Translator, e: LogEntry) -> str:
    _ = tr._
    moved = ""
    if e.from_status and e.to_status and e.action in ("status", "resubmitted"):
        moved = f"{text.status(tr, e.from_status)} → {text.status(tr, e.to_status)}"
    if e.action in ("submitted", "resubmitted"):
        sent = _("sent version {version}").format(version=(e.comment or "").lstrip("v"))
        return sent + (f" ({moved})" if moved else "")
    if e.action == "status":
        return moved + (f"\n    «{escape(e.comment)}»" if e.comment else "")
    if e.action == "revision_deadline":
        return _("revision deadline {date}").format(date=tr.datetime(text.when(e.comment or "")))
    if e.action == "score":
        return _("score {score}").format(score=escape(e.comment or ""))
    if e.action == "result":
        return _result(tr, e)
    return _panel_entry(tr, e) or escape(e.action)


def _panel_entry(tr: Translator, e: LogEntry) -> str:
    """A panel score (its criterion by number) or a conditional win settled."""
    if e.action == "panel_score":
        return tr._("criterion {n} scored {score}").format(
            n=escape(e.to_status or ""), score=escape(e.comment or "")
        )
    if e.action == "condition" and e.to_status == "met":
        return tr._("condition met: now a winner")
    if e.action == "condition":
        return tr._("condition not met")
    return ""


def _result(tr: Translator, e: LogEntry) -> str:
    award, place = e.to_status or "none", None
    if award.startswith("place"):
        award, place = "place", int(award[-1])
    parts = [award_name(tr, award, place)]
    note = json.loads(e.comment or "{}")
    if note.get("grant_kgs") is not None:
        parts.append(text.kgs(tr, int(note["grant_kgs"])))
    if note.get("condition"):
        parts.append(escape(note["condition"]))
    return tr._("result: {result}").format(result=", ".join(parts))


def comment_prompt(tr: Translator, found: Card) -> Screen:
    return Screen(
        tr._(
            "What should {entrant} correct? Write your comment (up to 1000 characters); "
            "their staff will receive it."
        ).format(entrant=escape(found.entrant.name(tr.lang)))
    )


def deadline_prompt(tr: Translator) -> Screen:
    return Screen(
        tr._(
            "Until when may they send the corrected version? Bishkek time, for example "
            "20.12.2026 18:00."
        )
    )


def reason_prompt(tr: Translator, found: Card) -> Screen:
    return Screen(
        tr._(
            "Why is the submission of {entrant} rejected? Write the reason (up to 1000 "
            "characters); their staff will read it with the decision."
        ).format(entrant=escape(found.entrant.name(tr.lang)))
    )


def score_prompt(tr: Translator) -> Screen:
    return Screen(tr._("The score: a whole number from 0 to 100."))


def files_caption(tr: Translator, receipt: str, version: int) -> str:
    """Under the first of a submission's files: whose they are, and which version."""
    return tr._("{receipt}, version {version}").format(receipt=receipt, version=version)
