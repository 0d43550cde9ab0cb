"""Seminar screens: the staff list and card, the edit menu, and a member's own seminars.

With `programmes` (given only when the reader works in, or hears from, several), lists are
grouped by programme and each group is named.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.keyboards import button, rows
from bot.core.programmes import views as programme_views
from bot.core.programmes.repo import Programme
from bot.core.screens import Screen
from bot.core.texts import clip
from bot.i18n import Translator
from bot.seminars.callbacks import (
    CycleCb,
    MyRsvpCb,
    SeminarAction,
    SeminarCb,
    SeminarEditCb,
    SeminarRemindersCb,
)
from bot.seminars.repo.files import SeminarFile
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.form import PARTS
from bot.seminars.service.rsvp import MySeminar
from bot.seminars.views import certificates as certificate_views
from bot.seminars.views import files as files_views
from bot.seminars.views import rsvp as rsvp_views
from bot.seminars.views import text

Programmes = Mapping[int, Programme]
"""Programmes by id, to group a list by; None where there is only one to tell apart."""
T = TypeVar("T")
PROGRAMME_PREFIX = 24
"""How much of a programme's name goes before a seminar on a button."""
NUMBERS = ("1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣", "🔟")
"""Ties a member's answer buttons to their seminar in the text, as /status does."""
STAFF_TITLE = 32
"""How much of a title a seminar's button in the staff list carries."""


def _title(tr: Translator, seminar: Seminar) -> str:
    return text.title(tr, seminar)


def _by_programme(
    items: Sequence[T], seminar_of: Callable[[T], Seminar], programmes: Programmes | None
) -> list[tuple[Programme | None, list[T]]]:
    """The items in groups, one per programme (in the programmes' order), each group in the
    order it came in; one unnamed group when there is nothing to tell apart."""
    if programmes is None:
        return [(None, list(items))] if items else []
    groups: dict[int | None, list[T]] = {}
    for item in items:
        groups.setdefault(seminar_of(item).programme_id, []).append(item)
    order = sorted(groups, key=lambda pid: (pid is None, pid or 0))
    return [(programmes.get(pid) if pid is not None else None, groups[pid]) for pid in order]


def listing(
    tr: Translator,
    items: list[tuple[Seminar, dict[str, int]]],
    now: datetime,
    programmes: Programmes | None = None,
) -> Screen:
    _ = tr._
    if not items:
        return Screen(_("There are no seminars yet. Send /newseminar to create one."))
    buttons = []
    for programme, group in _by_programme(items, lambda item: item[0], programmes):
        prefix = f"📌 {clip(programme.name(tr.lang), PROGRAMME_PREFIX)} · " if programme else ""
        for seminar, counts in group:
            mark = "🚫 " if seminar.cancelled else ("✓ " if seminar.ends_at < now else "")
            name = clip(text.plain_title(tr, seminar), STAFF_TITLE)
            places = f"{counts.get('going', 0)}/{seminar.capacity}"
            label = f"{prefix}{mark}{tr.date(seminar.starts_at)} · {name} · {places}"
            buttons.append(button(label, SeminarCb(seminar_id=seminar.id, action="open")))
    head = _("Seminars: upcoming first, then past ones. Send /newseminar to create one.")
    return Screen(head, InlineKeyboardMarkup(rows(buttons)))


def card(
    tr: Translator,
    seminar: Seminar,
    counts: dict[str, int],
    programme: Programme | None = None,
    files: Sequence[SeminarFile] = (),
) -> Screen:
    """`programme` names the seminar's programme, where there are several; `files` are those
    kept with it (the agenda by name, the uploads counted)."""
    _ = tr._
    lines = [text.details(tr, seminar, with_description=False), ""]
    if programme is not None:
        lines.insert(0, programme_views.label(tr, programme))
    if seminar.cancelled:
        lines.append("🚫 " + _("Cancelled."))
    lines += [
        _("Places taken: {going} of {capacity}").format(
            going=counts.get("going", 0), capacity=seminar.capacity
        ),
        _("Waitlist: {waitlist} · can't attend: {declined} · no answer yet: {invited}").format(
            waitlist=counts.get("waitlist", 0),
            declined=counts.get("declined", 0),
            invited=counts.get("invited", 0),
        ),
        _("Attended: {attended}").format(attended=counts.get("attended", 0)),
        _("Answers accepted until {deadline}.").format(deadline=tr.datetime(seminar.rsvp_deadline)),
        _("Check-in code: {code}").format(code=f"<code>{seminar.checkin_code}</code>"),
        *files_views.card_lines(tr, files),
    ]
    keyboard = _card_buttons(tr, seminar)
    if counts.get("attended") and not seminar.cancelled:
        keyboard.insert(-1, [certificate_views.staff_button(tr, seminar.id)])
        press = SeminarCb(seminar_id=seminar.id, action="press")
        keyboard.insert(-1, [button("📰 " + _("Press release"), press)])
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def _card_buttons(tr: Translator, seminar: Seminar) -> list[list[InlineKeyboardButton]]:
    _ = tr._

    def act(label: str, action: SeminarAction) -> InlineKeyboardButton:
        return button(label, SeminarCb(seminar_id=seminar.id, action=action))

    keyboard = [[act("📊 " + _("Report"), "report"), act("💬 " + _("Feedback"), "feedback")]]
    if not seminar.cancelled:
        keyboard.insert(
            0, [act("🔳 " + _("Check-in QR"), "qr"), act("✅ " + _("Attendance"), "roster")]
        )
        keyboard.append([act("✏️ " + _("Edit"), "edit"), act("🚫 " + _("Cancel seminar"), "cancel")])
        reminders = SeminarRemindersCb(seminar_id=seminar.id, action="show")
        keyboard.append([button("⏰ " + _("Reminders"), reminders)])
    files = button("📎 " + _("Files"), CycleCb(seminar_id=seminar.id, action="files"))
    organisers = CycleCb(seminar_id=seminar.id, action="organisers")
    team = [] if seminar.cancelled else [button("👥 " + _("Organisers"), organisers)]
    keyboard.append([*team, files])
    keyboard.append([act("« " + _("All seminars"), "list")])
    return keyboard


def edit_menu(tr: Translator, seminar: Seminar) -> Screen:
    _ = tr._
    names = {
        "title": _("Title"),
        "description": _("Description"),
        "schedule": _("Date and time"),
        "venue": _("Place"),
        "audience": _("Add invitees"),
        "capacity": _("Number of places"),
        "organiser": _("Organiser"),
    }
    buttons = [
        button(names[part], SeminarEditCb(seminar_id=seminar.id, part=part)) for part in PARTS
    ]
    back = button("« " + _("Back"), SeminarCb(seminar_id=seminar.id, action="open"))
    head = _("What would you like to change? Everyone invited will be told.")
    return Screen(head, InlineKeyboardMarkup([*rows(buttons, per_row=2), [back]]))


def cancel_question(tr: Translator, seminar: Seminar, concerned: int) -> Screen:
    _ = tr._
    question = tr.ngettext(
        "Cancel «{title}»? {count} invited member will be told.",
        "Cancel «{title}»? {count} invited members will be told.",
        concerned,
    ).format(title=_title(tr, seminar), count=concerned)
    yes = button("🚫 " + _("Yes, cancel it"), SeminarCb(seminar_id=seminar.id, action="cancel_yes"))
    no = button(_("No, keep it"), SeminarCb(seminar_id=seminar.id, action="open"))
    return Screen(question, InlineKeyboardMarkup([[yes], [no]]))


def answer_label(tr: Translator, item: MySeminar) -> str:
    return rsvp_views.status_line(tr, item.invitation.status, item.position)


def mine(
    tr: Translator, items: list[MySeminar], now: datetime, programmes: Programmes | None = None
) -> Screen:
    """Upcoming with my answer (and buttons where I can still answer), then past with attendance;
    each part grouped by programme when `programmes` is given. Titles stay in the text; when
    several seminars can be answered, each and its buttons carry the same number."""
    _ = tr._
    upcoming = [i for i in reversed(items) if i.seminar.ends_at >= now and not i.seminar.cancelled]
    past = [i for i in items if i.seminar.ends_at < now and not i.seminar.cancelled][:10]
    if not upcoming and not past:
        return Screen(_("You have no seminar invitations yet."))
    groups = _by_programme(upcoming, _seminar_of, programmes)
    answerable = [i for _p, group in groups for i in group if _may_answer(i, now)]
    numbered = len(answerable) > 1
    lines, keyboard = [], []
    if upcoming:
        lines.append("<b>" + _("Upcoming seminars") + "</b>")
    for programme, group in groups:
        if programme is not None:
            lines += ["", programme_views.label(tr, programme)]
        for item in group:
            s = item.seminar
            mark = ""
            if item in answerable:
                mark = _mark(answerable.index(item)) if numbered else ""
                keyboard += _answer_buttons(tr, item, now, mark)
            block = text.details(tr, s, with_description=False)
            lines += ["", (mark + " " if mark else "") + block, answer_label(tr, item)]
    if past:
        lines += ["", "<b>" + _("Past seminars") + "</b>"]
    for programme, group in _by_programme(past, _seminar_of, programmes):
        if programme is not None:
            lines.append(programme_views.label(tr, programme))
        for item in group:
            came = (
                "✅ " + _("attended") if item.invitation.attended_at else "— " + _("did not attend")
            )
            lines.append(f"{tr.date(item.seminar.starts_at)} · {_title(tr, item.seminar)}: {came}")
    keyboard += certificate_views.member_buttons(
        tr, [i.seminar for i in past if i.invitation.attended_at]
    )
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard) if keyboard else None)


def _seminar_of(item: MySeminar) -> Seminar:
    return item.seminar


def _mark(index: int) -> str:
    return NUMBERS[index] if index < len(NUMBERS) else f"{index + 1}."


def _may_answer(item: MySeminar, now: datetime) -> bool:
    """A yes until the answer deadline; a "can't attend" from a place taken until the start."""
    if now <= item.seminar.rsvp_deadline:
        return True
    return item.invitation.status in ("going", "waitlist") and now < item.seminar.starts_at


def _answer_buttons(
    tr: Translator, item: MySeminar, now: datetime, mark: str
) -> list[list[InlineKeyboardButton]]:
    """The answers this member can still give, verb first, on one row; `mark` ties them to
    their seminar in the text when there are several."""
    sid, status = item.seminar.id, item.invitation.status
    before = mark + " " if mark else ""
    found = []
    if status not in ("going", "waitlist") and now <= item.seminar.rsvp_deadline:
        label = before + "✅ " + tr._("I will attend")
        found.append(button(label, MyRsvpCb(seminar_id=sid, answer="yes")))
    if status != "declined":
        label = before + "❌ " + tr._("I can't attend")
        found.append(button(label, MyRsvpCb(seminar_id=sid, answer="no")))
    return [found] if found else []


def cancelled_card(
    tr: Translator,
    seminar: Seminar,
    counts: dict[str, int],
    told: int,
    programme: Programme | None = None,
    files: Sequence[SeminarFile] = (),
) -> Screen:
    """The card right after cancelling, saying how many members are being told."""
    note = tr.ngettext(
        "The seminar is cancelled; {count} member is being told.",
        "The seminar is cancelled; {count} members are being told.",
        told,
    ).format(count=told)
    screen = card(tr, seminar, counts, programme, files)
    return Screen("🚫 " + note + "\n\n" + screen.text, screen.markup)
