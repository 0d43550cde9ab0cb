"""A seminar in words: the same lines in the invitation, its preview, reminders and cards."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.core.texts import StaffTexts, text_for
from bot.i18n import Translator
from bot.seminars.repo.seminars import Seminar


def when(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def plain_title(tr: Translator, s: Seminar) -> str:
    """For button labels, which Telegram shows as typed."""
    return text_for(tr.lang, s.title_ky, s.title_ru)


def title(tr: Translator, s: Seminar) -> str:
    return escape(plain_title(tr, s))


def map_link(latitude: float | None, longitude: float | None) -> str | None:
    if latitude is None or longitude is None:
        return None
    lat, lon = latitude, longitude
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"


def place(tr: Translator, s: Seminar) -> str:
    text = escape(f"{s.city}, {s.address}")
    link = map_link(s.latitude, s.longitude)
    if link:
        text += f' (<a href="{link}">' + tr._("map") + "</a>)"
    return text


def details(
    tr: Translator, s: Seminar, with_description: bool = True, weekday: bool = False
) -> str:
    """Title, description, time, place, organiser; without the description it fits a caption.
    A title or description written in the other language only is followed by one note.
    `weekday` names the day of the week, as the invitation and the reminders do."""
    _ = tr._
    staff = StaffTexts(tr)
    lines = ["<b>" + escape(staff.pick(s.title_ky, s.title_ru)) + "</b>"]
    description = staff.pick(s.description_ky, s.description_ru) if with_description else ""
    if description:
        lines.append(escape(description))
    if note := staff.note():
        lines.append(note)
    lines += [
        "",
        "🗓 "
        + _("When: {when} (Bishkek time)").format(
            when=tr.span(s.starts_at, s.ends_at, weekday=weekday)
        ),
        "📍 " + _("Where: {place}").format(place=place(tr, s)),
        "👤 " + _("Organiser: {contact}").format(contact=escape(s.organiser)),
    ]
    return "\n".join(lines)


def deadline(tr: Translator, s: Seminar) -> str:
    return tr._("Please answer by {deadline}.").format(deadline=tr.datetime(s.rsvp_deadline))
