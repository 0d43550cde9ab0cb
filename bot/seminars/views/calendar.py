"""The .ics file that puts a seminar into the member's phone calendar."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar, Event

from bot.core.texts import StaffTexts
from bot.i18n import translator
from bot.seminars.repo.seminars import Seminar


def ics(s: Seminar, lang: str, link: str | None = None) -> bytes:
    """One event with a stable UID; SEQUENCE and DTSTAMP grow with every edit, so a later file
    for the same seminar replaces the entry in the phone's calendar. A cancelled seminar's file
    (METHOD:CANCEL, STATUS:CANCELLED, the next SEQUENCE) takes the entry out. `link` is the
    seminar's deep link into the bot, for the event's URL."""
    cal = Calendar()
    cal.add("prodid", "-//munibot//seminars//EN")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if s.cancelled else "PUBLISH")
    event = Event()
    event.add("uid", f"seminar-{s.id}@munibot")
    created, updated = s.created_at, s.updated_at
    edits = 0
    if created and updated:
        delta = datetime.fromisoformat(updated) - datetime.fromisoformat(created)
        edits = int(delta.total_seconds())
    event.add("sequence", max(edits, 0) + (1 if s.cancelled else 0))
    staff = StaffTexts(translator(lang))
    event.add("summary", staff.pick(s.title_ky, s.title_ru))
    description = staff.pick(s.description_ky, s.description_ru)
    description = "\n\n".join(filter(None, [description, staff.plain_note()]))
    if description:
        event.add("description", description)
    event.add("dtstart", s.starts_at)
    event.add("dtend", s.ends_at)
    event.add("dtstamp", datetime.fromisoformat(updated) if updated else s.starts_at)
    event.add("location", f"{s.city}, {s.address}")
    if s.latitude is not None and s.longitude is not None:
        event.add("geo", (float(s.latitude), float(s.longitude)))
    event.add("contact", s.organiser)
    if link:
        event.add("url", link)
    if s.cancelled:
        event.add("status", "CANCELLED")
    cal.add_component(event)
    return bytes(cal.to_ical())


def deep_link(bot_username: str | None, seminar_id: int) -> str | None:
    """Opens the seminar in the bot: the invitation for a member, the card for its staff."""
    return f"https://t.me/{bot_username}?start=seminar_{seminar_id}" if bot_username else None


def filename(s: Seminar) -> str:
    return f"seminar-{s.id}.ics"
