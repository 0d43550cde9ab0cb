"""Seminar pushes. Each row carries only `seminar_id`; the dispatcher adds the seminar as it is
when the row goes out, so a reminder queued a week ago shows today's title, time and place."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, InputFile

from bot.core.callback_data import FeedbackCb, RsvpCb
from bot.core.keyboards import button
from bot.delivery.templates import Rendered, template
from bot.i18n import Translator
from bot.seminars.views import text
from bot.seminars.views.calendar import filename, ics

CHANGED_PARTS = {
    "title_ky": "title",
    "title_ru": "title",
    "description_ky": "description",
    "description_ru": "description",
    "starts_at": "time",
    "ends_at": "time",
    "rsvp_deadline": "deadline",
    "city": "place",
    "address": "place",
    "latitude": "place",
    "longitude": "place",
    "capacity": "capacity",
    "organiser": "organiser",
}


def rsvp_buttons(tr: Translator, seminar_id: int) -> InlineKeyboardMarkup:
    yes = button("✅ " + tr._("I will attend"), RsvpCb(seminar_id=seminar_id, answer="yes"))
    no = button("❌ " + tr._("I can't attend"), RsvpCb(seminar_id=seminar_id, answer="no"))
    return InlineKeyboardMarkup([[yes], [no]])


def calendar_file(tr: Translator, s: dict[str, Any]) -> InputFile:
    return InputFile(ics(s, tr.lang), filename=filename(s))


@template("seminar_invite")
def seminar_invite(tr: Translator, p: dict[str, Any]) -> Rendered:
    s = p["seminar"]
    head = "📣 " + tr._("You are invited to a seminar.")
    body = "\n\n".join([head, text.details(tr, s), text.deadline(tr, s)])
    return Rendered(body, rsvp_buttons(tr, s["id"]))


@template("seminar_reminder")
def seminar_reminder(tr: Translator, p: dict[str, Any]) -> Rendered:
    s, hours = p["seminar"], int(p["hours"])
    head = tr.ngettext(
        "⏰ Reminder: the seminar starts in {hours} hour.",
        "⏰ Reminder: the seminar starts in {hours} hours.",
        hours,
    ).format(hours=hours)
    tail = tr._("If you can't come, please press «I can't attend» so someone else can.")
    body = "\n\n".join([head, text.details(tr, s, with_description=False), tail])
    return Rendered(body, rsvp_buttons(tr, s["id"]))


MAX_CAPTION = 1024


def _caption(tr: Translator, head: str, s: dict[str, Any]) -> str:
    """Details under a calendar file; when long fields would pass Telegram's caption limit,
    the title and time are kept and the calendar file carries the rest."""
    body = "\n\n".join([head, text.details(tr, s, with_description=False)])
    if len(body.encode("utf-16-le")) // 2 <= MAX_CAPTION:
        return body
    when = tr.span(text.when(s["starts_at"]), text.when(s["ends_at"]))
    short = "\n\n".join([head, "<b>" + text.title(tr, s) + "</b>\n🗓 " + when])
    return short if len(short.encode("utf-16-le")) // 2 <= MAX_CAPTION else head


@template("seminar_promoted")
def seminar_promoted(tr: Translator, p: dict[str, Any]) -> Rendered:
    s = p["seminar"]
    head = "🎉 " + tr._("A place has opened up: you are now on the list of participants.")
    return Rendered(_caption(tr, head, s), document=calendar_file(tr, s))


@template("seminar_changed")
def seminar_changed(tr: Translator, p: dict[str, Any]) -> Rendered:
    s = p["seminar"]
    parts = dict.fromkeys(CHANGED_PARTS.get(f, "details") for f in p.get("fields", []))
    labels = {
        "title": tr._("title"),
        "description": tr._("description"),
        "time": tr._("date and time"),
        "deadline": tr._("answer deadline"),
        "place": tr._("place"),
        "capacity": tr._("number of places"),
        "organiser": tr._("organiser"),
        "details": tr._("details"),
    }
    what = ", ".join(labels[part] for part in parts)
    head = "✏️ " + tr._("The seminar has changed: {what}.").format(what=what)
    if "time" in parts or "place" in parts:
        return Rendered(_caption(tr, head, s), document=calendar_file(tr, s))
    return Rendered("\n\n".join([head, text.details(tr, s, with_description=False)]))


@template("seminar_cancelled")
def seminar_cancelled(tr: Translator, p: dict[str, Any]) -> Rendered:
    s = p["seminar"]
    head = "🚫 " + tr._("The seminar «{title}» is cancelled. We are sorry.").format(
        title=text.title(tr, s)
    )
    return Rendered(head)


@template("seminar_fill")
def seminar_fill(tr: Translator, p: dict[str, Any]) -> Rendered:
    s = p["seminar"]
    going, capacity = int(p["going"]), int(p["capacity"])
    if int(p["percent"]) >= 100:
        head = tr._("The seminar «{title}» is full. New answers go to the waitlist.")
    else:
        head = tr._("The seminar «{title}» is 80% full.")
    places = tr.ngettext(
        "{going} of {capacity} place taken.", "{going} of {capacity} places taken.", capacity
    ).format(going=going, capacity=capacity)
    return Rendered("📊 " + head.format(title=text.title(tr, s)) + "\n" + places)


@template("seminar_feedback")
def seminar_feedback(tr: Translator, p: dict[str, Any]) -> Rendered:
    s = p["seminar"]
    head = tr._("Thank you for coming to «{title}». How useful was it? 1 is poor, 5 is excellent.")
    stars = [button(str(n), FeedbackCb(seminar_id=s["id"], rating=n)) for n in range(1, 6)]
    return Rendered(head.format(title=text.title(tr, s)), InlineKeyboardMarkup([stars]))
