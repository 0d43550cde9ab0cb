"""A poll's results as the templates show them: plain, translated values made from the very
`Results` the chat's card reads, with the chat's own wordings (`summary`, the group names).
Nothing here reads the database."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.console.web.broadcasts import markup
from bot.core.texts import StaffTexts
from bot.db import Row as DbRow
from bot.i18n import Translator
from bot.polls.service.results import Group, QuestionResult, Results
from bot.polls.views.member import number, option_text, summary
from bot.polls.views.staff import group_heading, group_name, title_of

if TYPE_CHECKING:
    from bot.polls.repo import Poll, Question

Row = dict[str, Any]
WHO_LISTED = 200


def head(tr: Translator, poll: Poll, answered: int, closed: bool) -> Row:
    """A line of the list, and the top of the poll's page: the chat card's first lines."""
    _ = tr._
    when = datetime.fromisoformat(poll.closed_at or poll.closes_at)
    state = _("Closed: {when}") if closed else _("Closes: {when}")
    return {
        "id": poll.id,
        "title": markup.plain(title_of(tr, poll)),
        "heading": _("Poll #{id}").format(id=poll.id),
        "answered": answered,
        "total": poll.total,
        "answered_line": _("Answered: {answered} of {total}").format(
            answered=answered, total=poll.total
        ),
        "when": state.format(when=tr.datetime(when)),
        "sent": tr.datetime(datetime.fromisoformat(poll.sent_at)),
        "kind": _("Anonymous") if poll.anonymous else _("Named"),
        "closed": closed,
        "shared": poll.shared_at is not None,
        "questions": len(poll.questions),
    }


def question(tr: Translator, found: QuestionResult) -> Row:
    q = found.question
    staff = StaffTexts(tr)
    total = sum(found.counts) or 1
    options = [
        {"name": option_text(tr, o), "n": n, "percent": round(100 * n / total)}
        for o, n in zip(q.options, found.counts, strict=True)
    ]
    return {
        "n": q.position + 1,
        "text": markup.safe(staff.pick(q.text_ky, q.text_ru)),
        "kind": q.kind,
        "options": options,
        "summary": [markup.plain(line) for line in summary(tr, found)],
        "texts": list(found.texts),
        "groups": groups(tr, found),
    }


def groups(tr: Translator, found: QuestionResult) -> list[Row]:
    """A table per way of splitting: a row per group, a column per option (or the average)."""
    q = found.question
    tables = []
    for group, found_groups in (found.groups or {}).items():
        if not found_groups:
            continue
        tables.append({
            "key": group,
            "heading": group_heading(tr, group),
            "rows": [_group_row(tr, q, group, g) for g in found_groups],
        })  # fmt: skip
    return tables


def _group_row(tr: Translator, q: Question, group: str, g: Group) -> Row:
    return {
        "name": group_name(tr, group, g),
        "counts": list(g.counts),
        "n": g.n,
        "average": number(g.average) if q.kind == "number" else None,
    }


def option_names(tr: Translator, q: Question) -> list[str]:
    return [option_text(tr, o) for o in q.options]


def who(tr: Translator, results: Results, answers: Sequence[DbRow]) -> list[Row]:
    """A named poll's answers, a row each, as the spreadsheet's "Answers" sheet has them."""
    questions = results.poll.questions
    found = []
    for r in answers[:WHO_LISTED]:
        q = questions[r["question"]]
        if r["choice"] is not None and r["choice"] < len(q.options):
            value = option_text(tr, q.options[r["choice"]])
        elif r["number"] is not None:
            value = number(r["number"])
        else:
            value = r["text"] or ""
        place = {"ky": r["name_ky"], "ru": r["name_ru"]}.get(tr.lang, r["name_en"]) or "—"
        found.append({"name": r["full_name"] or "—", "place": place,
                      "question": r["question"] + 1, "answer": value})  # fmt: skip
    return found
