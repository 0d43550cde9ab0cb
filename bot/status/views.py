"""The /status screen: one message an AO head can read on a small phone, in order of urgency."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.competitions.service.submissions import Standing
from bot.competitions.views import results as result_views
from bot.competitions.views import text as competition_text
from bot.competitions.views.my_submissions import state_line
from bot.core import labels
from bot.core.programmes import views as programme_views
from bot.core.screens import fit_lines
from bot.i18n import Translator
from bot.seminars.views import text as seminar_text
from bot.seminars.views.cards import answer_label
from bot.status.service import Overview, StaffDesk, UpcomingSeminar

SHOWN = 5


def status_text(tr: Translator, o: Overview, place: str, now: datetime) -> str:
    lines = ["📋 <b>" + tr._("My status") + "</b>", *_account(tr, o, place)]
    if o.desk is not None:
        lines += ["", *_desk(tr, o.desk)]
    if (
        o.user is not None
        and o.actor.is_approved
        and (o.user.municipality_id or not o.actor.is_staff)
    ):
        lines += ["", *_member(tr, o, now)]
    return "\n".join(fit_lines(lines))


def _account(tr: Translator, o: Overview, place: str) -> list[str]:
    _ = tr._
    user = o.user
    if o.actor.is_staff:
        role = "admin" if o.actor.is_admin else "coordinator"
        head = ["🧭 " + _("You are project staff: {role}.").format(role=labels.role(tr, role))]
    else:
        head = []
    if user is None or user.status in ("new", "deleted"):
        if o.registering:
            return [*head, "📝 " + _("Your registration is not finished. Send /start to go on.")]
        return head or ["📝 " + _("You are not registered yet. Send /start to register.")]
    if user.status == "pending":
        return [*head, "⏳ " + _(
            "Your registration is waiting for a coordinator's approval. "
            "You will get a message here."
        )]  # fmt: skip
    if user.status == "rejected":
        return [*head, "❌ " + _(
            "Your registration was not approved. If you think this is a mistake, please contact "
            "your project coordinator. You can send /start to register again."
        )]  # fmt: skip
    parts = [user.full_name or user.display_name, place]
    if user.position:
        parts.insert(1, labels.position(tr, user.position))
    return [*head, "✅ " + " · ".join(escape(p) for p in parts if p)]


def _desk(tr: Translator, d: StaffDesk) -> list[str]:
    pending = tr.ngettext(
        "{count} registration waiting for approval",
        "{count} registrations waiting for approval",
        d.pending_registrations,
    ).format(count=d.pending_registrations)
    seminars = tr.ngettext(
        "{count} seminar ahead", "{count} seminars ahead", d.upcoming_seminars
    ).format(count=d.upcoming_seminars)
    running = tr.ngettext(
        "{count} competition open", "{count} competitions open", d.open_competitions
    ).format(count=d.open_competitions)
    review = tr.ngettext(
        "{count} submission to review", "{count} submissions to review", d.waiting_review
    ).format(count=d.waiting_review)
    return [
        "<b>" + tr._("For coordinators") + "</b>",
        f"• {pending} · /pending",
        f"• {seminars} · /seminars",
        f"• {running}, {review} · /competitions",
    ]


def _member(tr: Translator, o: Overview, now: datetime) -> list[str]:
    if not o.seminars and not o.competitions:
        calm = tr._("Nothing is waiting for you now: no seminars ahead, no open competitions.")
        lines = ["🌤 " + calm]
    elif o.programmes:
        lines = _by_programme(tr, o, now)
    else:
        lines = [*_seminars(tr, o.seminars), *_competitions(tr, o.competitions, now)]
    if o.results:
        lines += ["", "🏅 <b>" + tr._("Latest results") + "</b>"]
        for found in o.results:
            title = competition_text.title(tr, found.competition.content())
            for entrant in found.own:
                own = result_views.own_result(found.results, entrant.id)
                lines.append(f"• {title}: " + result_views.own_text(tr, entrant.plain(), own))
    return lines


def _by_programme(tr: Translator, o: Overview, now: datetime) -> list[str]:
    """A member of several programmes reads each one's seminars and calls under its name;
    what belongs to none they hear from (any more) comes last, unlabelled."""
    lines: list[str] = []
    for pid in [*o.programmes, None]:
        seminars = [s for s in o.seminars if _of(s.item.seminar.programme_id, o) == pid]
        standings = [s for s in o.competitions if _of(s.competition.programme_id, o) == pid]
        if not seminars and not standings:
            continue
        if lines:
            lines.append("")
        if pid is not None:
            lines.append(programme_views.label(tr, o.programmes[pid]))
        lines += [*_seminars(tr, seminars), *_competitions(tr, standings, now)]
    return lines


def _of(programme_id: int | None, o: Overview) -> int | None:
    return programme_id if programme_id in o.programmes else None


def _seminars(tr: Translator, seminars: list[UpcomingSeminar]) -> list[str]:
    if not seminars:
        return ["📅 " + tr._("No seminars ahead.")]
    head = tr.ngettext("{count} seminar ahead", "{count} seminars ahead", len(seminars))
    lines = ["📅 <b>" + head.format(count=len(seminars)) + "</b>"]
    for s in seminars[:SHOWN]:
        seminar = s.item.seminar
        when = tr.datetime(seminar.starts_at)
        lines.append(f"• {seminar_text.title(tr, seminar)} — {when}, {escape(seminar.city)}")
        answer = answer_label(tr, s.item)
        if s.next_reminder is not None:
            reminder = tr._("Next reminder: {date}.").format(date=tr.datetime(s.next_reminder))
            answer += " 🔔 " + reminder
        lines.append("  " + answer)
    return lines + _more(tr, len(seminars))


def _competitions(tr: Translator, standings: list[Standing], now: datetime) -> list[str]:
    if not standings:
        return ["", "🏆 " + tr._("No open competitions for your municipality.")]
    head = tr.ngettext("{count} open competition", "{count} open competitions", len(standings))
    lines = ["", "🏆 <b>" + head.format(count=len(standings)) + "</b>"]
    for s in standings[:SHOWN]:
        title = competition_text.title(tr, s.competition.content())
        entrant = competition_text.entrant_name(tr, s.entrant.plain())
        lines.append(f"• {title} — {entrant}")
        lines.append("  " + competition_text.deadline_line(tr, s.deadline, now))
        lines.append("  " + state_line(tr, s.submission))
    return lines + _more(tr, len(standings))


def _more(tr: Translator, total: int) -> list[str]:
    if total <= SHOWN:
        return []
    rest = total - SHOWN
    return ["  " + tr.ngettext("… and {count} more", "… and {count} more", rest).format(count=rest)]
