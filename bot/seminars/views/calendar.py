"""The .ics file that puts a seminar into the member's phone calendar."""

from __future__ import annotations

from typing import Any

from icalendar import Calendar, Event

from bot.delivery.templates import text_for
from bot.seminars.views.text import when


def ics(s: dict[str, Any], lang: str) -> bytes:
    """One event with a stable UID; SEQUENCE and DTSTAMP grow with every edit, so a later file
    for the same seminar replaces the entry in the phone's calendar."""
    cal = Calendar()
    cal.add("prodid", "-//munibot//seminars//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"seminar-{s['id']}@munibot")
    created, updated = s.get("created_at"), s.get("updated_at")
    edits = int((when(updated) - when(created)).total_seconds()) if created and updated else 0
    event.add("sequence", max(edits, 0))
    event.add("summary", text_for(lang, s.get("title_ky"), s.get("title_ru")))
    description = text_for(lang, s.get("description_ky"), s.get("description_ru"))
    if description:
        event.add("description", description)
    event.add("dtstart", when(s["starts_at"]))
    event.add("dtend", when(s["ends_at"]))
    event.add("dtstamp", when(s.get("updated_at") or s["starts_at"]))
    event.add("location", f"{s['city']}, {s['address']}")
    if s.get("latitude") is not None and s.get("longitude") is not None:
        event.add("geo", (float(s["latitude"]), float(s["longitude"])))
    event.add("contact", s["organiser"])
    cal.add_component(event)
    return cal.to_ical()


def filename(s: dict[str, Any]) -> str:
    return f"seminar-{s['id']}.ics"
