"""What a panel's reviewer reads (their list, one submission with their own scores, the score
question), and what managers read of every reviewer's scores."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.competitions.callbacks import ReviewCb, ScoreCb
from bot.competitions.repo.panel import Criterion, Score
from bot.competitions.service.panel_review import Assignment, Sheet
from bot.competitions.service.panel_scores import PanelSummary, weighted_total
from bot.competitions.service.reviews import Card
from bot.competitions.views import text
from bot.competitions.views.panel_text import out_of_100, panel_line
from bot.competitions.views.review import cut
from bot.core.keyboards import button, rows
from bot.core.screens import TEXT_LIMIT, Screen, fit_lines
from bot.i18n import Translator

MAX_BUTTONS = 40
SHORT_COMMENT = 200


def queue(tr: Translator, found: list[Assignment]) -> Screen:
    """A reviewer's own list: what is assigned to them, and how far they are with each."""
    _ = tr._
    if not found:
        return Screen(_("Nothing is assigned to you for review."))
    lines = ["📋 <b>" + _("To review") + "</b>", ""]
    buttons = []
    for a in found:
        done = a.criteria > 0 and a.scored >= a.criteria
        progress = _("scored {done} of {total}").format(done=a.scored, total=a.criteria)
        name = escape(a.entrant.name(tr.lang))
        lines.append(f"{'✅' if done else '▫️'} {a.submission.receipt} · {name} — "
                     f"{text.title(tr, a.competition.content())} · {progress}")  # fmt: skip
        label = ("✅ " if done else "") + f"{a.submission.receipt} · {a.entrant.name(tr.lang)}"
        buttons.append(button(label, ScoreCb(action="open", submission_id=a.submission.id)))
    return Screen("\n".join(fit_lines(lines)), InlineKeyboardMarkup(rows(buttons[:MAX_BUTTONS])))


def _score_line(tr: Translator, n: int, c: Criterion, s: Score | None, room: int) -> str:
    head = tr._("{n}. {name} (weight {weight})").format(
        n=n, name=escape(c.name(tr.lang)), weight=c.weight
    )
    if s is None:
        return f"{head}: —"
    line = f"{head}: <b>{s.score}/{c.scale_max}</b>"
    return line + (f" — «{escape(cut(s.comment, room))}»" if s.comment else "")


def sheet(tr: Translator, found: Sheet, note: str = "") -> Screen:
    """The submission as sent, and the reviewer's own scores; nobody else's."""
    _ = tr._
    s, v, c = found.submission, found.version, found.competition
    lines = [note, ""] if note else []
    lines.append(f"<b>{s.receipt}</b> · {escape(found.entrant.name(tr.lang))}")
    lines.append(text.title(tr, c.content()))
    if v is not None:
        lines.append(_("Version {version}, sent by {name} on {date}").format(
            version=v.version, name=escape(v.submitted_by_name or "—"),
            date=tr.datetime(text.when(v.submitted_at))))  # fmt: skip
        if v.residents is not None:
            lines.append(_("Residents reached: {count}").format(count=tr.number(v.residents)))
    lines += ["", "<b>" + _("Your scores") + "</b>"]
    lines += [_score_line(tr, n, k, found.mine.get(k.id), SHORT_COMMENT)
              for n, k in enumerate(found.criteria, 1)]  # fmt: skip
    if not found.criteria:
        lines.append(_("The organisers have not set the criteria yet."))
    total = weighted_total(found.criteria, found.mine)
    if total is not None:
        lines.append(_("Your total: {score}").format(score=out_of_100(tr, total)))
    room = TEXT_LIMIT - len("\n".join(lines)) - 4
    if v is not None:
        lines += ["", escape(cut(v.description, max(room, 0)))]
    return Screen("\n".join(lines), InlineKeyboardMarkup(_sheet_buttons(tr, found)))


def _sheet_buttons(tr: Translator, found: Sheet) -> list[list[InlineKeyboardButton]]:
    _ = tr._
    sid = found.submission.id
    tools = []
    if found.open:
        done = len(found.mine) >= len(found.criteria)
        label = "💯 " + (_("Change my scores") if done else _("Score"))
        tools.append(button(label, ScoreCb(action="score", submission_id=sid)))
    if found.version is not None and found.version.files:
        tools.append(button("📎 " + _("Files"), ScoreCb(action="files", submission_id=sid)))
    keyboard = rows(tools, 2)
    keyboard.append([button("« " + _("To review"), ScoreCb(action="mine"))])
    return keyboard


def score_prompt(tr: Translator, found: Sheet, index: int) -> Screen:
    c = found.criteria[index]
    head = tr._("{n} of {total} · <b>{name}</b> (weight {weight})").format(
        n=index + 1, total=len(found.criteria), name=escape(c.name(tr.lang)), weight=c.weight
    )
    ask = tr._("Send a whole number from 0 to {max}. You may add a comment after it, "
               "for example: {example} Good reach, few photos.").format(
                   max=c.scale_max, example=min(8, c.scale_max))  # fmt: skip
    given = found.mine.get(c.id)
    lines = [head, ask]
    if given is not None:
        lines.append(tr._("Now: {score}").format(score=f"{given.score}/{c.scale_max}"))
    return Screen("\n".join(lines))


def scores(tr: Translator, card: Card, panel: PanelSummary) -> Screen:
    """Every reviewer's scores and comments, apart, then the weighted average."""
    _ = tr._
    head = "📊 <b>" + _("Panel scores: {receipt}").format(receipt=card.submission.receipt) + "</b>"
    lines = [head, escape(card.entrant.name(tr.lang)), ""]
    for r in panel.reviewers:
        state = (out_of_100(tr, r.total) if r.total is not None
                 else _("scored {done} of {total}").format(done=len(r.scores),
                                                            total=len(panel.criteria)))  # fmt: skip
        lines.append(f"👤 <b>{escape(r.name)}</b>: {state}")
        lines += ["    " + _score_line(tr, n, k, r.scores.get(k.id), 600)
                  for n, k in enumerate(panel.criteria, 1)]  # fmt: skip
    if not panel.reviewers:
        lines.append(_("No reviewers yet."))
    lines.append("")
    lines.append(panel_line(tr, panel))
    back = ReviewCb(submission_id=card.submission.id, action="open")
    keyboard = InlineKeyboardMarkup([[button(_("« Back"), back)]])
    return Screen("\n".join(fit_lines(lines)), keyboard)
