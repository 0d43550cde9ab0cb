"""Seminar push texts. Each row carries only `seminar_id`; the seminar is read as it is when the
row goes out (see `kind.py`), so a reminder queued a week ago shows today's title, time and
place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from telegram import InlineKeyboardMarkup, InputFile

from bot.core.keyboards import button
from bot.core.texts import telegram_length, text_for
from bot.delivery.kinds import Rendered
from bot.i18n import Translator
from bot.seminars.callbacks import FeedbackCb, FileCb, RsvpCb, SeminarCb
from bot.seminars.repo.files import SeminarFile
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.notices import Params
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


def rsvp_buttons(
    tr: Translator, seminar_id: int, agenda: int | None = None
) -> InlineKeyboardMarkup:
    """With `agenda` (its file's id), a button that sends the agenda."""
    yes = button("✅ " + tr._("I will attend"), RsvpCb(seminar_id=seminar_id, answer="yes"))
    no = button("❌ " + tr._("I can't attend"), RsvpCb(seminar_id=seminar_id, answer="no"))
    rows = [[yes], [no]]
    if agenda is not None:
        rows.append([button("📄 " + tr._("Agenda"), FileCb(seminar_id=seminar_id, file_id=agenda))])
    return InlineKeyboardMarkup(rows)


@dataclass(frozen=True)
class SeminarPush:
    """A seminar row as its template reads it: the seminar now, and the row's own params."""

    seminar: Seminar
    params: Params
    link: str | None = None
    """The seminar's deep link into the bot, for its calendar file."""
    agenda: SeminarFile | None = None
    files: tuple[SeminarFile, ...] = ()
    """A handout push's files."""
    own_text: tuple[str | None, str | None] = (None, None)
    """A reminder's: the text staff wrote in place of the standard one (ky, ru), if any."""

    @property
    def agenda_id(self) -> int | None:
        return self.agenda.id if self.agenda is not None else None


def calendar_file(tr: Translator, s: Seminar, link: str | None = None) -> InputFile:
    return InputFile(ics(s, tr.lang, link), filename=filename(s))


def seminar_invite(tr: Translator, push: SeminarPush) -> Rendered:
    s = push.seminar
    head = "📣 " + tr._("You are invited to a seminar.")
    body = "\n\n".join([head, text.details(tr, s, weekday=True), text.deadline(tr, s)])
    if push.agenda is not None:
        return Rendered(
            _agenda_caption(tr, head, s, body), rsvp_buttons(tr, s.id), document=push.agenda.file_id
        )
    return Rendered(body, rsvp_buttons(tr, s.id))


def _agenda_caption(tr: Translator, head: str, s: Seminar, body: str) -> str:
    """The invitation under its agenda file: whole when it fits a caption, else without the
    description (the agenda says what the seminar is about)."""
    if telegram_length(body) <= MAX_CAPTION:
        return body
    short = "\n\n".join([head, text.details(tr, s, with_description=False), text.deadline(tr, s)])
    return short if telegram_length(short) <= MAX_CAPTION else _caption(tr, head, s)


def seminar_reminder(tr: Translator, push: SeminarPush) -> Rendered:
    s, hours = push.seminar, int(push.params["hours"])
    details = text.details(tr, s, with_description=False, weekday=True)
    own = text_for(tr.lang, *push.own_text)
    if own:  # staff's own words in place of the head and the closing line
        body = "\n\n".join(["⏰ " + escape(own), details])
        return Rendered(body, rsvp_buttons(tr, s.id, push.agenda_id))
    head = _starts_in(tr, hours)
    tail = tr._("If you can't come, please press «I can't attend» so someone else can.")
    body = "\n\n".join([head, details, tail])
    return Rendered(body, rsvp_buttons(tr, s.id, push.agenda_id))


def _starts_in(tr: Translator, hours: int) -> str:
    """In hours up to two days ahead, in days from then on ("3d" at 10:00 is not 76 hours)."""
    if hours < 48:
        return tr.ngettext(
            "⏰ Reminder: the seminar starts in {hours} hour.",
            "⏰ Reminder: the seminar starts in {hours} hours.",
            hours,
        ).format(hours=hours)
    days = round(hours / 24)
    return tr.ngettext(
        "⏰ Reminder: the seminar starts in {days} day.",
        "⏰ Reminder: the seminar starts in {days} days.",
        days,
    ).format(days=days)


MAX_CAPTION = 1024


def _caption(tr: Translator, head: str, s: Seminar) -> str:
    """Details under a calendar file; when long fields would pass Telegram's caption limit,
    the title and time are kept and the calendar file carries the rest."""
    body = "\n\n".join([head, text.details(tr, s, with_description=False)])
    if telegram_length(body) <= MAX_CAPTION:
        return body
    when = tr.span(s.starts_at, s.ends_at)
    short = "\n\n".join([head, "<b>" + text.title(tr, s) + "</b>\n🗓 " + when])
    return short if telegram_length(short) <= MAX_CAPTION else head


def seminar_promoted(tr: Translator, push: SeminarPush) -> Rendered:
    s = push.seminar
    head = "🎉 " + tr._("A place has opened up: you are now on the list of participants.")
    calendar = calendar_file(tr, s, push.link)
    return Rendered(_caption(tr, head, s), _cant_come(tr, s.id), document=calendar)


def _cant_come(tr: Translator, seminar_id: int) -> InlineKeyboardMarkup:
    """For someone on the list: the one thing left to say, so the place goes to another."""
    no = button("❌ " + tr._("I can't attend"), RsvpCb(seminar_id=seminar_id, answer="no"))
    return InlineKeyboardMarkup([[no]])


def seminar_changed(tr: Translator, push: SeminarPush) -> Rendered:
    s = push.seminar
    parts = dict.fromkeys(CHANGED_PARTS.get(f, "details") for f in push.params.get("fields", []))
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
    answer = rsvp_buttons(tr, s.id, push.agenda_id)
    if "time" in parts or "place" in parts:
        return Rendered(_caption(tr, head, s), answer, document=calendar_file(tr, s, push.link))
    return Rendered("\n\n".join([head, text.details(tr, s, with_description=False)]), answer)


def seminar_cancelled(tr: Translator, push: SeminarPush) -> Rendered:
    s = push.seminar
    head = "🚫 " + tr._("The seminar «{title}» is cancelled. We are sorry.").format(
        title=text.title(tr, s)
    )
    if push.params.get("calendar"):
        return Rendered(head, document=calendar_file(tr, s, push.link))
    return Rendered(head)


def seminar_fill(tr: Translator, push: SeminarPush) -> Rendered:
    s = push.seminar
    going, capacity = int(push.params["going"]), int(push.params["capacity"])
    if int(push.params["percent"]) >= 100:
        head = tr._("The seminar «{title}» is full. New answers go to the waitlist.")
    else:
        head = tr._("The seminar «{title}» is {percent}% booked.")
    places = tr.ngettext(
        "{going} of {capacity} place taken.", "{going} of {capacity} places taken.", capacity
    ).format(going=going, capacity=capacity)
    title = text.title(tr, s)
    card = button("📋 " + tr._("Open the seminar"), SeminarCb(seminar_id=s.id, action="open"))
    return Rendered(
        "📊 " + head.format(title=title, percent=push.params["percent"]) + "\n" + places,
        InlineKeyboardMarkup([[card]]),
    )


def seminar_feedback(tr: Translator, push: SeminarPush) -> Rendered:
    s = push.seminar
    head = tr._("Thank you for coming to «{title}». How useful was it? 1 is poor, 5 is excellent.")
    stars = [button(str(n), FeedbackCb(seminar_id=s.id, rating=n)) for n in range(1, 6)]
    return Rendered(head.format(title=text.title(tr, s)), InlineKeyboardMarkup([stars]))


TEMPLATES: dict[str, Callable[[Translator, SeminarPush], Rendered]] = {
    "seminar_invite": seminar_invite,
    "seminar_reminder": seminar_reminder,
    "seminar_promoted": seminar_promoted,
    "seminar_changed": seminar_changed,
    "seminar_cancelled": seminar_cancelled,
    "seminar_fill": seminar_fill,
    "seminar_feedback": seminar_feedback,
}
