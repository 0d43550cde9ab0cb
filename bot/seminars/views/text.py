"""A seminar in words: the same lines in the invitation, its preview, reminders and cards.

Works on the plain content dict the outbox carries (`Seminar.content()`), so a push rendered
at send time and a screen rendered now read alike.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from bot.delivery.templates import text_for
from bot.i18n import Translator


def when(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def plain_title(tr: Translator, s: dict[str, Any]) -> str:
    """For button labels, which Telegram shows as typed."""
    return text_for(tr.lang, s.get("title_ky"), s.get("title_ru"))


def title(tr: Translator, s: dict[str, Any]) -> str:
    return escape(plain_title(tr, s))


def map_link(s: dict[str, Any]) -> str | None:
    if s.get("latitude") is None or s.get("longitude") is None:
        return None
    lat, lon = s["latitude"], s["longitude"]
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"


def place(tr: Translator, s: dict[str, Any]) -> str:
    text = escape(f"{s['city']}, {s['address']}")
    link = map_link(s)
    if link:
        text += f' (<a href="{link}">' + tr._("map") + "</a>)"
    return text


def details(tr: Translator, s: dict[str, Any], with_description: bool = True) -> str:
    """Title, description, time, place, organiser; without the description it fits a caption."""
    _ = tr._
    lines = ["<b>" + title(tr, s) + "</b>"]
    description = text_for(tr.lang, s.get("description_ky"), s.get("description_ru"))
    if with_description and description:
        lines.append(escape(description))
    lines += [
        "",
        "🗓 "
        + _("When: {when} (Bishkek time)").format(
            when=tr.span(when(s["starts_at"]), when(s["ends_at"]))
        ),
        "📍 " + _("Where: {place}").format(place=place(tr, s)),
        "👤 " + _("Organiser: {contact}").format(contact=escape(s["organiser"])),
    ]
    return "\n".join(lines)


def deadline(tr: Translator, s: dict[str, Any]) -> str:
    return tr._("Please answer by {deadline}.").format(
        deadline=tr.datetime(when(s["rsvp_deadline"]))
    )
