"""Where a member's municipality stands: the competitions it may enter (/competitions), one
competition's call, and every submission sent so far (/mysubmissions)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from html import escape

from telegram import InlineKeyboardMarkup

from bot.competitions.callbacks import MemberListCb, SubmitAction, SubmitCb
from bot.competitions.repo.competitions import CompetitionContent
from bot.competitions.repo.submissions import Submission
from bot.competitions.service.submissions import Standing
from bot.competitions.views import text
from bot.core.keyboards import button
from bot.core.programmes import views as programme_views
from bot.core.programmes.repo import Programme
from bot.core.screens import Screen
from bot.core.texts import clip
from bot.i18n import Translator

ENTRANT_ON_BUTTON = 24
"""How much of an entrant's name a button of the open list carries."""


def _cb(s: Standing, action: SubmitAction) -> SubmitCb:
    return SubmitCb(competition_id=s.competition.id, entrant_id=s.entrant.id, action=action)


def _entrant(tr: Translator, s: Standing) -> str:
    return text.entrant_name(tr, s.entrant.plain())


def state_line(tr: Translator, sub: Submission | None) -> str:
    if sub is None:
        return "📭 " + tr._("Not sent yet.")
    return "📨 " + tr._("Receipt {receipt} · {status} · version {version}").format(
        receipt=sub.receipt, status=text.status(tr, sub.status), version=sub.version
    )


def _block(tr: Translator, s: Standing, now: datetime) -> list[str]:
    head = [
        "🏆 <b>" + text.title(tr, s.competition.content()) + "</b>",
        tr._("For: {entrant}").format(entrant=_entrant(tr, s)),
    ]
    if s.competition.results_published_at:  # nothing more to send: no deadline, no "not sent"
        sent = [state_line(tr, s.submission)] if s.submission else []
        return [*head, *sent, "🏅 " + tr._("The results are published.")]
    return [*head, text.deadline_line(tr, s.deadline, now), state_line(tr, s.submission)]


def _open_label(tr: Translator, s: Standing, several: bool) -> str:
    """Verb first; with several on the list, the competition's code and the entrant follow,
    shortened between words (the titles are in the message)."""
    label = ("✏️ " + tr._("Edit our submission")) if s.submission else (
        "📝 " + tr._("Prepare our submission"))  # fmt: skip
    if several:
        label += f" · {s.competition.code} · {clip(s.entrant.name(tr.lang), ENTRANT_ON_BUTTON)}"
    return label


def _by_programme(
    standings: list[Standing], names: Mapping[int, Programme]
) -> list[tuple[Programme | None, list[Standing]]]:
    """In the order of `names`; all in one untitled group when there are none."""
    if not names:
        return [(None, standings)]
    groups = [(p, [s for s in standings if s.competition.programme_id == pid])
              for pid, p in names.items()]  # fmt: skip
    rest = [s for s in standings if s.competition.programme_id not in names]
    return [(p, found) for p, found in [*groups, (None, rest)] if found]


def open_list(
    tr: Translator,
    standings: list[Standing],
    now: datetime,
    names: Mapping[int, Programme] | None = None,
) -> Screen:
    """Each competition the member may enter, for each entrant they speak for; grouped by
    programme for a member whom several reach."""
    if not standings:
        return Screen(tr._("There are no competitions open for your municipality right now."))
    lines: list[str] = []
    keyboard = []
    ordered: list[Standing] = []
    for programme, group in _by_programme(standings, names or {}):
        if programme is not None:
            lines.append(programme_views.label(tr, programme))
        ordered += group
        lines += [line for s in group for line in (*_block(tr, s, now), "")]
    for s in ordered:
        if s.open:
            keyboard.append([button(_open_label(tr, s, len(standings) > 1), _cb(s, "view"))])
    published = any(s.competition.results_published_at for s in ordered)
    if not keyboard and not published:
        lines.append(tr._("Submissions are closed. If you need more time, ask the coordinator."))
    if published:
        keyboard.append([button("🏅 " + tr._("All results"), MemberListCb(view="results"))])
    return Screen("\n".join(lines).strip(), InlineKeyboardMarkup(keyboard) if keyboard else None)


def details(tr: Translator, s: Standing, has_draft: bool, now: datetime) -> Screen:
    """The call as published, where the entrant stands, and the way in."""
    call: CompetitionContent = {**s.competition.content(), "deadline": s.deadline.isoformat()}
    lines = [
        text.details(tr, call, now),
        "",
        tr._("For: {entrant}").format(entrant=_entrant(tr, s)),
        state_line(tr, s.submission),
    ]
    if not s.open:
        return Screen("\n".join(lines))
    if has_draft:
        label = "▶️ " + tr._("Continue the draft")
    elif s.submission is not None:
        label = "✏️ " + tr._("Start editing")
    else:
        label = "▶️ " + tr._("Start")
    return Screen("\n".join(lines), InlineKeyboardMarkup([[button(label, _cb(s, "start"))]]))


def _review_lines(tr: Translator, sub: Submission) -> list[str]:
    lines = [tr.ngettext("{count} version sent", "{count} versions sent", sub.version).format(
        count=sub.version)]  # fmt: skip
    if sub.review_comment:
        lines.append("💬 " + tr._("Reviewer's comment: {comment}").format(
            comment=escape(sub.review_comment)))  # fmt: skip
    if sub.status == "needs_revision" and sub.revision_deadline:
        lines.append("✏️ " + tr._("Please send a revised version by {date}.").format(
            date=tr.datetime(sub.revision_deadline)))  # fmt: skip
    return lines


def mine(tr: Translator, standings: list[Standing], now: datetime) -> Screen:
    """Every competition with a submission, grouped by the entrant it was sent for."""
    sent = [s for s in standings if s.submission is not None]
    if not sent:
        return Screen(tr._("Nothing has been sent yet. Send /competitions to see what is open."))
    lines = ["<b>" + tr._("Our submissions") + "</b>"]
    seen: list[tuple[str, int]] = []
    for s in sorted(sent, key=lambda s: (s.entrant.kind, s.entrant.id)):
        key = (s.entrant.kind, s.entrant.id)
        if key not in seen:
            seen.append(key)
            lines += ["", "🏘 <b>" + _entrant(tr, s) + "</b>"]
        assert s.submission is not None
        lines += ["", "🏆 " + text.title(tr, s.competition.content()),
                  state_line(tr, s.submission), *_review_lines(tr, s.submission),
                  text.deadline_line(tr, s.deadline, now)]  # fmt: skip
    return Screen("\n".join(lines))
