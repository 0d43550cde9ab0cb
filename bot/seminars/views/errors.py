"""What a person reads when a seminar answer or button can't be used."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.core.refusals import Wording
from bot.i18n import N_, Translator
from bot.seminars.views.cycle_errors import CYCLE_WORDINGS


def _rsvp_closed(tr: Translator, info: Mapping[str, Any]) -> str:
    deadline: datetime = info["deadline"]
    return tr._("Answers closed on {deadline}. Please contact the organiser.").format(
        deadline=tr.datetime(deadline)
    )


def _not_open(tr: Translator, info: Mapping[str, Any]) -> str:
    opens: datetime = info["opens"]
    return tr._("Check-in opens at {time}.").format(time=tr.datetime(opens))


def _wait(tr: Translator, info: Mapping[str, Any]) -> str:
    until: datetime = info["until"]
    return tr._(
        "Too many wrong codes. Please try again after {time}, or ask the organiser to mark you."
    ).format(time=tr.time(until))


def _too_big(tr: Translator, info: Mapping[str, Any]) -> str:
    limit = int(info["limit"])
    return tr.ngettext(
        "At most {limit} place, please.", "At most {limit} places, please.", limit
    ).format(limit=tr.number(limit))


WORDINGS: dict[str, Wording] = {
    "seminar_staff": N_("This is for the seminar's organisers only."),
    "not_invited": N_("This invitation is not for you."),
    "not_attendee": N_("Only those who attended can rate this seminar."),
    "quote_no_consent": N_(
        "Its author has not allowed quoting this comment, or has taken it back."
    ),
    "seminar_cancelled": N_("This seminar has been cancelled."),
    "checkin_unknown": N_("There is no seminar with this code. Please check the digits."),
    "checkin_other_seminar": N_(
        "This code is for a seminar you are not invited to. Please ask the organiser."
    ),
    "checkin_expired": N_("Check-in for this seminar is closed: it has ended."),
    "capacity_positive": N_("The number of places must be at least 1."),
    "bad_location": N_(
        "I couldn't read this place. Send a location, or coordinates like 41.93, 72.95."
    ),
    "ends_before_start": N_("The end must be after the start."),
    "too_long_seminar": N_("A seminar can't last more than 14 days. Please check the dates."),
    "deadline_after_start": N_("The answer deadline can't be after the start."),
    "rsvp_closed": _rsvp_closed,
    "checkin_not_open": _not_open,
    "checkin_wait": _wait,
    "capacity_too_big": _too_big,
}
WORDINGS.update(CYCLE_WORDINGS)
