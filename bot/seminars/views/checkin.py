"""Check-in screens: the QR card for the room, the roster staff mark by hand, and answers."""

from __future__ import annotations

import io
from collections.abc import Sequence

import segno
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.keyboards import PAGE_SIZE, button
from bot.core.screens import Screen
from bot.i18n import Translator
from bot.seminars.callbacks import AttendCb, CycleCb, SeminarCb
from bot.seminars.repo.guests import Guest
from bot.seminars.repo.seminars import Invitation, Seminar
from bot.seminars.service.attendance import CLOSES_AFTER, OPENS_BEFORE
from bot.seminars.views import team as team_views
from bot.seminars.views import text


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start=checkin_{code}"


def qr_png(link: str) -> bytes:
    """Large modules and a quiet border, so a phone reads it off a projector across a room."""
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="png", scale=12, border=3)
    return out.getvalue()


def qr_caption(tr: Translator, seminar: Seminar, link: str) -> str:
    _ = tr._
    return "\n".join(
        [
            "<b>" + text.title(tr, seminar) + "</b>",
            _(
                "Scan the code with your phone's camera, or send this code to the bot: {code}"
            ).format(code=f"<code>{seminar.checkin_code}</code>"),
            link,
            _("Check-in is open from {opens} to {closes}.").format(
                opens=tr.time(seminar.starts_at - OPENS_BEFORE),
                closes=tr.time(seminar.ends_at + CLOSES_AFTER),
            ),
        ]
    )


def roster(
    tr: Translator,
    seminar: Seminar,
    people: list[Invitation],
    page: int,
    guests: Sequence[Guest] = (),
) -> Screen:
    """Tap a name to mark it; tap again to take the mark back. Walk-ins are recorded from
    here: a member who was not on the list, or a guest (listed under the head)."""
    _ = tr._
    pages = max(1, -(-len(people) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    came = sum(1 for p in people if p.attended_at)
    head = _("Attendance for «{title}»: {came} of {total} marked. Tap a name to mark it.").format(
        title=text.title(tr, seminar), came=came, total=len(people)
    )
    keyboard = []
    for person in people[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        mark = "✅" if person.attended_at else "⬜"
        wait = " ⏳" if person.status == "waitlist" else ""
        label = f"{mark} {person.full_name or person.telegram_id}{wait}"
        data = AttendCb(seminar_id=seminar.id, user_id=person.user_id, page=page)
        keyboard.append([button(label, data)])
    if pages > 1:
        keyboard.append(_pager(seminar.id, page, pages))
    if not people:
        head += "\n" + _("Nobody has answered yes yet.")
    head = "\n".join([head, *team_views.roster_lines(tr, guests)])
    walkin = CycleCb(seminar_id=seminar.id, action="walkin")
    keyboard.append([button("➕ " + _("Record a walk-in"), walkin)])
    keyboard.append([button("« " + _("Back"), SeminarCb(seminar_id=seminar.id, action="open"))])
    return Screen(head, InlineKeyboardMarkup(keyboard))


def _pager(seminar_id: int, page: int, pages: int) -> list[InlineKeyboardButton]:
    """‹ and › around 'page of pages', so a roster of hundreds is reachable page by page."""
    row = []
    if page > 0:
        row.append(button("‹", SeminarCb(seminar_id=seminar_id, action="roster", page=page - 1)))
    here = SeminarCb(seminar_id=seminar_id, action="roster", page=page)
    row.append(button(f"{page + 1} / {pages}", here))
    if page < pages - 1:
        row.append(button("›", SeminarCb(seminar_id=seminar_id, action="roster", page=page + 1)))
    return row


def checked_in(tr: Translator, seminar: Seminar, already: bool) -> str:
    _ = tr._
    title = text.title(tr, seminar)
    if already:
        return _("You are already checked in at «{title}».").format(title=title)
    return "✅ " + _("Welcome! You are checked in at «{title}».").format(title=title)


def how_to_check_in(tr: Translator) -> str:
    return tr._("Send the six-digit code shown in the room, like: /checkin 123456")
