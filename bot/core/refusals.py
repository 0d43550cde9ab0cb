"""What a person reads when an answer can't be used."""

from __future__ import annotations

from bot.competitions.views.errors import competition_error
from bot.core.errors import Refusal
from bot.i18n import Translator


def refusal_text(tr: Translator, error: Refusal) -> str:
    _ = tr._
    code = error.code
    if code in ("text_too_long", "caption_too_long", "field_too_long"):
        return _too_long(tr, code, int(error.info["length"]), int(error.info["limit"]))
    if code.endswith("_too_long"):
        limit = int(error.info.get("limit", 100))
        return tr.ngettext(
            "That is too long. Please keep it within {limit} character.",
            "That is too long. Please keep it within {limit} characters.",
            limit,
        ).format(limit=limit)
    if code in _WITH_INFO:
        return _WITH_INFO[code](tr, error.info)
    found = competition_error(tr, error)
    if found is not None:
        return found
    messages = {
        "not_allowed": _("This is for the seminar's organisers only."),
        "not_invited": _("This invitation is not for you."),
        "not_attendee": _("Only those who attended can rate this seminar."),
        "register_first": _("Please register first: send /start."),
        "seminar_cancelled": _("This seminar has been cancelled."),
        "checkin_unknown": _("There is no seminar with this code. Please check the digits."),
        "checkin_other_seminar": _(
            "This code is for a seminar you are not invited to. Please ask the organiser."
        ),
        "text_empty": _("This can't be empty. Please write a few words."),
        "bad_number": _("Please send a whole number, for example 30."),
        "capacity_positive": _("The number of places must be at least 1."),
        "bad_location": _(
            "I couldn't read this place. Send a location, or coordinates like 41.93, 72.95."
        ),
        "ends_before_start": _("The end must be after the start."),
        "too_long_seminar": _("A seminar can't last more than 14 days. Please check the dates."),
        "deadline_after_start": _("The answer deadline can't be after the start."),
        "stale": _("This button is from an earlier step. Here is where you are now:"),
        "need_contact": _("Please press the «Share my phone number» button below."),
        "not_own_contact": _(
            "This is someone else's contact. Please share your own number with the button below."
        ),
        "bad_phone": _("This phone number doesn't look right. Please use the button below."),
        "name_empty": _("The name can't be empty. Please write your full name."),
        "detail_empty": _("This can't be empty. Please write a few words."),
        "use_buttons": _("Please choose with the buttons above."),
        "unexpected": _("Please answer the question above."),
        "media": _("I can't use a photo, file or sticker here. Please answer the question above."),
        "no_text": _("Please write the text in at least one language."),
        "bad_time": _("I couldn't read this time. Please write it like 25.12.2026 14:30."),
        "time_in_past": _("This time has already passed. Please give a time in the future."),
        "no_recipients": _("No registered member matches this audience. Please choose another."),
    }
    return messages.get(code, messages["unexpected"])


def refusal(tr: Translator, exc: Exception, otherwise: str = "stale") -> str:
    """A refused button's alert: the step's own message, or `otherwise` for a forged or
    foreign one (not allowed, not found, malformed)."""
    return refusal_text(tr, exc if isinstance(exc, Refusal) else Refusal(otherwise))


def _rsvp_closed(tr: Translator, info: dict) -> str:
    return tr._("Answers closed on {deadline}. Please contact the organiser.").format(
        deadline=tr.datetime(info["deadline"])
    )


def _not_open(tr: Translator, info: dict) -> str:
    return tr._("Check-in opens at {time}.").format(time=tr.datetime(info["opens"]))


def _expired(tr: Translator, info: dict) -> str:
    return tr._("Check-in for this seminar is closed: it has ended.")


def _too_big(tr: Translator, info: dict) -> str:
    limit = int(info["limit"])
    return tr.ngettext(
        "At most {limit} place, please.", "At most {limit} places, please.", limit
    ).format(limit=tr.number(limit))


_WITH_INFO = {
    "rsvp_closed": _rsvp_closed,
    "checkin_not_open": _not_open,
    "checkin_expired": _expired,
    "capacity_too_big": _too_big,
}


def _too_long(tr: Translator, code: str, length: int, limit: int) -> str:
    """Says both numbers, so the author knows how much to cut; nothing is cut silently."""
    if code == "caption_too_long":
        head = tr.ngettext(
            "With a photo or document, Telegram allows at most {limit} character of text.",
            "With a photo or document, Telegram allows at most {limit} characters of text.",
            limit,
        )
    elif code == "field_too_long":
        head = tr.ngettext(
            "This answer can have at most {limit} character.",
            "This answer can have at most {limit} characters.",
            limit,
        )
    else:
        head = tr.ngettext(
            "Telegram allows at most {limit} character in a message.",
            "Telegram allows at most {limit} characters in a message.",
            limit,
        )
    tail = tr.ngettext(
        "Your text has {length} character. Please shorten it and send it again.",
        "Your text has {length} characters. Please shorten it and send it again.",
        length,
    )
    return head.format(limit=limit) + " " + tail.format(length=length)
