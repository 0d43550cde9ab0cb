"""The review panel as its managers run it: reviewers, what each reviews, and the criteria."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.competitions.callbacks import CompetitionCb, PanelAction, PanelCb
from bot.competitions.repo.panel import Criterion
from bot.competitions.service.panel import PanelBoard, ReviewerDesk
from bot.competitions.views import text
from bot.core.keyboards import button, rows
from bot.core.screens import Screen, fit_lines
from bot.i18n import Translator

MAX_BUTTONS = 40


def _cb(cid: int, action: PanelAction, user_id: int = 0, submission_id: int = 0) -> PanelCb:
    return PanelCb(competition_id=cid, action=action, user_id=user_id, submission_id=submission_id)


def criterion_line(tr: Translator, n: int, c: Criterion) -> str:
    return tr._("{n}. {name}: weight {weight}, scores 0 to {max}").format(
        n=n, name=escape(c.name(tr.lang)), weight=c.weight, max=c.scale_max
    )


def board(tr: Translator, b: PanelBoard, note: str = "") -> Screen:
    _ = tr._
    c = b.competition
    lines = [note, ""] if note else []
    lines.append("👥 <b>" + _("Review panel: «{title}»").format(title=text.title(tr, c.content()))
                 + "</b>")  # fmt: skip
    lines.append(_("Reviewers score the submissions assigned to them; the decision stays yours."))
    lines += ["", "<b>" + _("Reviewers") + "</b>"]
    for r in b.reviewers:
        scope = _("all submissions") if r.every_submission else _("chosen submissions")
        lines.append(f"• {escape(r.name)} — {scope}")
    if not b.reviewers:
        lines.append(_("No reviewers yet."))
    lines += ["", "<b>" + _("Criteria") + "</b>"]
    lines += [criterion_line(tr, n, k) for n, k in enumerate(b.criteria, 1)]
    if not b.criteria:
        lines.append(_("No criteria yet: reviewers can't score until they are set."))
    if b.scored:
        lines.append(_("Scores have been given, so the criteria can no longer be changed."))
    keyboard = [[button("➕ " + _("Add a reviewer"), _cb(c.id, "add"))]]
    if not b.scored and not c.results_published_at:
        keyboard.append([button("📝 " + _("Set the criteria"), _cb(c.id, "criteria"))])
    keyboard += rows([button(f"👤 {r.name}", _cb(c.id, "desk", r.user_id)) for r in b.reviewers])
    keyboard.append([button(_("« Back"), CompetitionCb(competition_id=c.id, action="open"))])
    return Screen("\n".join(fit_lines(lines)), InlineKeyboardMarkup(keyboard))


def candidates(tr: Translator, b: PanelBoard, found: list[tuple[int, str]]) -> Screen:
    _ = tr._
    c = b.competition
    back = [button(_("« Back"), _cb(c.id, "open"))]
    if not found:
        return Screen(_("Every staff member of this programme is on the panel already."),
                      InlineKeyboardMarkup([back]))  # fmt: skip
    buttons = [button(name, _cb(c.id, "pick", uid)) for uid, name in found[:MAX_BUTTONS]]
    head = _(
        "Whom should be a reviewer of «{title}»? They will review every submission; "
        "you can narrow it to chosen ones after."
    ).format(title=text.title(tr, c.content()))
    return Screen(head, InlineKeyboardMarkup([*rows(buttons), back]))


def desk(tr: Translator, d: ReviewerDesk) -> Screen:
    """One reviewer: every submission, or the chosen ones, toggled here."""
    _ = tr._
    c, r = d.competition, d.reviewer
    chosen = sum(1 for _s, _e, on in d.submissions if on)
    lines = [f"👤 <b>{escape(r.name)}</b>", text.title(tr, c.content()), ""]
    if r.every_submission:
        lines.append(_("Reviews every submission, those sent later too."))
    else:
        lines.append(tr.ngettext("Reviews {count} chosen submission.",
                                 "Reviews {count} chosen submissions.", chosen
                                 ).format(count=chosen))  # fmt: skip
        lines.append(_("Tap a submission to give it to this reviewer or take it back."))
    uid = r.user_id
    mode = (button("☑️ " + _("Choose the submissions"), _cb(c.id, "chosen", uid))
            if r.every_submission
            else button("☑️ " + _("Assign every submission"), _cb(c.id, "every", uid)))  # fmt: skip
    keyboard = [[mode]]
    if not r.every_submission:
        keyboard += rows([
            button(("✅ " if on else "▫️ ") + f"{s.receipt} · {e.name(tr.lang)}",
                   _cb(c.id, "toggle", uid, s.id))
            for s, e, on in d.submissions[:MAX_BUTTONS]
        ])  # fmt: skip
    keyboard.append([button("➖ " + _("Take off the panel"), _cb(c.id, "drop", uid))])
    keyboard.append([button(_("« Back"), _cb(c.id, "open"))])
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def criteria_prompt(tr: Translator) -> Screen:
    return Screen(
        tr._(
            "Send the criteria in one message, one a line: name; weight; highest score. "
            "Write the name in Kyrgyz and Russian with « / » between them, or in one language. "
            "For example:"
        )
        + "\n\n<code>Актуалдуулук / Актуальность; 3; 10\nБюджет; 2; 10</code>\n\n"
        + tr._("The weight says how much a criterion counts against the others.")
    )
