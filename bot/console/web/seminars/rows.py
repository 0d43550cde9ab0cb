"""A seminar and its people as the templates show them: plain, translated values. The service
values come in as the chat gets them; nothing here reads the database."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.core import labels
from bot.core.texts import StaffTexts, text_for
from bot.i18n import Translator
from bot.seminars.service.attendance import Feedback
from bot.seminars.service.reports import Participant
from bot.seminars.views import comments as comment_views
from bot.seminars.views.text import map_link
from bot.seminars.views.xlsx import ANSWER_LABELS, VIA_LABELS

if TYPE_CHECKING:
    from bot.seminars.repo.report_rows import Place
    from bot.seminars.repo.seminars import Invitation, Seminar

Row = dict[str, Any]
COUNTS = ("total", "going", "declined", "waitlist", "invited", "attended")


def summary(tr: Translator, seminar: Seminar, counts: dict[str, int], now: datetime) -> Row:
    """A line of the list: when, what, where and the answers so far."""
    return {
        "id": seminar.id,
        "when": tr.span(seminar.starts_at, seminar.ends_at),
        "title": text_for(tr.lang, seminar.title_ky, seminar.title_ru),
        "place": f"{seminar.city}, {seminar.address}",
        "cancelled": seminar.cancelled,
        "past": seminar.ends_at < now,
        "counts": {key: counts.get(key, 0) for key in COUNTS},
    }


def details(tr: Translator, seminar: Seminar, counts: dict[str, int]) -> Row:
    """The card's text: the lines the chat's card has, without its HTML."""
    _ = tr._
    staff = StaffTexts(tr)
    title = staff.pick(seminar.title_ky, seminar.title_ru)
    description = staff.pick(seminar.description_ky, seminar.description_ru)
    lines = [
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
        _("Check-in code: {code}").format(code=seminar.checkin_code),
    ]
    return {
        "title": title,
        "description": description,
        "note": staff.plain_note(),
        "when": _("When: {when} (Bishkek time)").format(
            when=tr.span(seminar.starts_at, seminar.ends_at, weekday=True)
        ),
        "where": _("Where: {place}").format(place=f"{seminar.city}, {seminar.address}"),
        "map": map_link(seminar.latitude, seminar.longitude),
        "organiser": _("Organiser: {contact}").format(contact=seminar.organiser),
        "lines": lines,
    }


def people(
    tr: Translator, roster: list[Invitation], participants: list[Participant]
) -> tuple[list[Row], list[Row]]:
    """Those staff may mark (going, waiting, or come anyway) in the roster's order, then
    everyone else invited: who can't come, and who has not answered."""
    by_user = {p.user_id: p for p in participants}
    marked = [person(tr, i.user_id, by_user.get(i.user_id), i.full_name) for i in roster]
    on_roster = {i.user_id for i in roster}
    rest = [p for p in participants if p.user_id not in on_roster]
    rest.sort(key=lambda p: (p.status != "declined", p.full_name is None, p.full_name or ""))
    return marked, [person(tr, p.user_id, p, p.full_name) for p in rest]


def person(tr: Translator, user_id: int, p: Participant | None, name: str | None) -> Row:
    """`p` is None only for someone invited after the report's rows were read."""
    status = p.status if p is not None else "invited"
    came = p is not None and p.attended
    how = VIA_LABELS.get(p.attended_via or "") if p is not None else None
    return {
        "user_id": user_id,
        "name": name or "—",
        "position": labels.position(tr, p.position, p.position_detail) if p else "—",
        "municipality": _place(p.municipality, tr.lang) if p else "—",
        "answer": tr._(ANSWER_LABELS[status]) if status in ANSWER_LABELS else status,
        "waiting": status == "waitlist",
        "came": came,
        "how": tr._(how) if came and how else "",
    }


def feedback(tr: Translator, found: Feedback) -> Row:
    """The average as the chat words it, how many gave each mark, and every comment."""
    average = None
    if found.average is not None:
        count = len(found.ratings)
        average = tr.ngettext(
            "Average rating {average} of 5, from {count} answer.",
            "Average rating {average} of 5, from {count} answers.",
            count,
        ).format(average=tr.number(round(found.average, 1)), count=count)
    marks = [(mark, found.ratings.count(mark)) for mark in range(5, 0, -1)]
    quotes = [{"user_id": q.user_id, "text": q.text, "author": comment_views.author(tr, q),
               "marked": q.marked} for q in found.quotes]  # fmt: skip
    return {"average": average, "marks": marks, "comments": found.comments, "quotes": quotes}


def _place(place: Place, lang: str) -> str:
    names = {"ky": place.get("name_ky"), "ru": place.get("name_ru")}
    return names.get(lang) or place.get("name_en") or "—"
