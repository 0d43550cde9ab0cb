"""The /status screen: one message an AO head can read on a small phone, in order of urgency,
and a switchboard: each line that waits for the reader has a button that opens it (answer the
invitation, open the call, continue the draft, see what to fix), and each count on a
coordinator's desk opens its list. Titles stay in the text, verbs go on the buttons; when
several lines have one, a number ties each button to its line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.competitions.callbacks import SubmitCb
from bot.competitions.service.submissions import Standing
from bot.competitions.views import results as result_views
from bot.competitions.views import text as competition_text
from bot.competitions.views.my_submissions import state_line
from bot.core import labels
from bot.core.callback_data import CallbackData
from bot.core.keyboards import button
from bot.core.programmes import views as programme_views
from bot.core.screens import Screen, fit_lines
from bot.grants.views import member as grant_views
from bot.i18n import Translator
from bot.seminars.callbacks import InvitationCb
from bot.seminars.views import text as seminar_text
from bot.seminars.views.cards import answer_label
from bot.status.callbacks import DeskCb
from bot.status.service import Overview, StaffDesk, UpcomingSeminar

SHOWN = 5
NUMBERS = ("1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣", "🔟")


@dataclass
class _Doors:
    """The member's buttons, in the order of their lines. `numbered`: several lines have one,
    so each line and its button carry the same number."""

    numbered: bool
    buttons: list[InlineKeyboardButton] = field(default_factory=list)

    def open(self, icon: str, label: str, data: CallbackData) -> str | None:
        """The line's marker (its number, or None to keep the bullet); no door past ten."""
        if len(self.buttons) >= len(NUMBERS):
            return None
        mark = NUMBERS[len(self.buttons)] if self.numbered else None
        self.buttons.append(button(f"{mark or icon} {label}", data))
        return mark


def status_screen(tr: Translator, o: Overview, place: str, now: datetime) -> Screen:
    """The text, and the buttons of every line that waits for the reader (none: no markup)."""
    lines, doors = _status(tr, o, place, now, numbered=False)
    if len(doors.buttons) > 1:
        lines, doors = _status(tr, o, place, now, numbered=True)
    keyboard = [[b] for b in doors.buttons]
    if o.desk is not None:
        keyboard += [[b] for b in _desk_buttons(tr, o.desk)]
    return Screen("\n".join(fit_lines(lines)), InlineKeyboardMarkup(keyboard) if keyboard else None)


def _status(
    tr: Translator, o: Overview, place: str, now: datetime, numbered: bool
) -> tuple[list[str], _Doors]:
    doors = _Doors(numbered)
    lines = ["📋 <b>" + tr._("My status") + "</b>", *_account(tr, o, place)]
    if o.desk is not None:
        lines += ["", *_desk(tr, o.desk)]
    if (
        o.user is not None
        and o.actor.is_approved
        and (o.user.municipality_id or not o.actor.is_staff)
    ):
        lines += ["", *_member(tr, o, now, doors)]
    return lines, doors


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
    lines = [
        "<b>" + tr._("For coordinators") + "</b>",
        f"• {pending}",
        f"• {seminars}",
        f"• {running}, {review}",
    ]
    if d.late_grants:
        late = tr.ngettext(
            "{count} grant project is late", "{count} grant projects are late", d.late_grants
        )
        lines.append("• ⚠️ " + late.format(count=d.late_grants))
    if d.to_score:
        score = tr.ngettext(
            "{count} submission to score on your review panel",
            "{count} submissions to score on your review panel",
            d.to_score,
        )
        lines.append("• " + score.format(count=d.to_score))
    return lines


def _desk_buttons(tr: Translator, d: StaffDesk) -> list[InlineKeyboardButton]:
    """A door for each count that is not zero: the list behind it."""
    found = []
    if d.pending_registrations:
        label = tr._("Approve registrations ({count})").format(count=d.pending_registrations)
        found.append(button("✅ " + label, DeskCb(to="approvals")))
    if d.upcoming_seminars:
        label = tr._("Open seminars ({count})").format(count=d.upcoming_seminars)
        found.append(button("📅 " + label, DeskCb(to="seminars")))
    if d.waiting_review:
        label = tr._("Review submissions ({count})").format(count=d.waiting_review)
        found.append(button("🔍 " + label, DeskCb(to="competitions")))
    elif d.open_competitions:
        label = tr._("Open competitions ({count})").format(count=d.open_competitions)
        found.append(button("🏆 " + label, DeskCb(to="competitions")))
    if d.late_grants:
        label = tr._("Late grant projects ({count})").format(count=d.late_grants)
        found.append(button("📈 " + label, DeskCb(to="grants")))
    if d.to_score:
        label = tr._("Score submissions ({count})").format(count=d.to_score)
        found.append(button("🧮 " + label, DeskCb(to="scores")))
    return found


def _member(tr: Translator, o: Overview, now: datetime, doors: _Doors) -> list[str]:
    if not o.seminars and not o.competitions:
        calm = tr._("Nothing is waiting for you now: no seminars ahead, no open competitions.")
        lines = ["🌤 " + calm]
    elif o.programmes:
        lines = _by_programme(tr, o, now, doors)
    else:
        lines = [
            *_seminars(tr, o.seminars, now, doors),
            *_competitions(tr, o.competitions, now, doors, o.draft),
        ]
    if o.results:
        lines += ["", "🏅 <b>" + tr._("Latest results") + "</b>"]
        for found in o.results:
            title = competition_text.title(tr, found.competition.content())
            for entrant in found.own:
                own = result_views.own_result(found.results, entrant.id)
                lines.append(f"• {title}: " + result_views.own_text(tr, entrant.plain(), own))
    return lines + _grants(tr, o, now, doors)


def _grants(tr: Translator, o: Overview, now: datetime, doors: _Doors) -> list[str]:
    """Each grant project's record, with a button to send a report while it takes them."""
    if not o.grants:
        return []
    lines = ["", grant_views.status_heading(tr)]
    for r in o.grants:
        door = grant_views.report_door(tr, r)
        mark = (doors.open(*door) if door else None) or "•"
        first, *rest = grant_views.project_lines(tr, r, now)
        lines += [f"{mark} {first}", *rest]
    return lines


def _by_programme(tr: Translator, o: Overview, now: datetime, doors: _Doors) -> list[str]:
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
        lines += [
            *_seminars(tr, seminars, now, doors),
            *_competitions(tr, standings, now, doors, o.draft),
        ]
    return lines


def _of(programme_id: int | None, o: Overview) -> int | None:
    return programme_id if programme_id in o.programmes else None


def _seminars(
    tr: Translator, seminars: list[UpcomingSeminar], now: datetime, doors: _Doors
) -> list[str]:
    if not seminars:
        return ["📅 " + tr._("No seminars ahead.")]
    head = tr.ngettext("{count} seminar ahead", "{count} seminars ahead", len(seminars))
    lines = ["📅 <b>" + head.format(count=len(seminars)) + "</b>"]
    for s in seminars[:SHOWN]:
        seminar = s.item.seminar
        mark = "•"
        if s.item.invitation.status == "invited" and now <= seminar.rsvp_deadline:
            data = InvitationCb(seminar_id=seminar.id)
            mark = doors.open("✍️", tr._("Answer the invitation"), data) or mark
        when = tr.datetime(seminar.starts_at)
        lines.append(f"{mark} {seminar_text.title(tr, seminar)} — {when}, {escape(seminar.city)}")
        answer = answer_label(tr, s.item)
        if s.next_reminder is not None:
            reminder = tr._("Next reminder: {date}.").format(date=tr.datetime(s.next_reminder))
            answer += " 🔔 " + reminder
        lines.append("  " + answer)
    return lines + _more(tr, len(seminars))


def _competitions(
    tr: Translator,
    standings: list[Standing],
    now: datetime,
    doors: _Doors,
    draft: tuple[int, int] | None,
) -> list[str]:
    if not standings:
        return ["", "🏆 " + tr._("No open competitions for your municipality.")]
    head = tr.ngettext("{count} open competition", "{count} open competitions", len(standings))
    lines = ["", "🏆 <b>" + head.format(count=len(standings)) + "</b>"]
    for s in standings[:SHOWN]:
        title = competition_text.title(tr, s.competition.content())
        entrant = competition_text.entrant_name(tr, s.entrant.plain())
        door = _competition_door(tr, s, draft)
        mark = (doors.open(*door) if door else None) or "•"
        lines.append(f"{mark} {title} — {entrant}")
        lines.append("  " + competition_text.deadline_line(tr, s.deadline, now))
        lines.append("  " + state_line(tr, s.submission))
        if draft == (s.competition.id, s.entrant.id):
            lines.append("  📝 " + tr._("A draft is open, not sent yet."))
    return lines + _more(tr, len(standings))


def _competition_door(
    tr: Translator, s: Standing, draft: tuple[int, int] | None
) -> tuple[str, str, CallbackData] | None:
    """What the entrant's line waits for: the draft to finish, a fix, or a first look at the
    call; nothing once sent (or closed, or the results are out)."""
    if not s.open or s.competition.results_published_at is not None:
        return None
    ids = {"competition_id": s.competition.id, "entrant_id": s.entrant.id}
    if draft == (s.competition.id, s.entrant.id):
        return "▶️", tr._("Continue the draft"), SubmitCb(**ids, action="start")
    if s.submission is not None and s.submission.status == "needs_revision":
        return "✏️", tr._("See what to fix"), SubmitCb(**ids, action="start")
    if s.submission is None:
        return "📄", tr._("Open the call"), SubmitCb(**ids, action="view")
    return None


def _more(tr: Translator, total: int) -> list[str]:
    if total <= SHOWN:
        return []
    rest = total - SHOWN
    return ["  " + tr.ngettext("… and {count} more", "… and {count} more", rest).format(count=rest)]
