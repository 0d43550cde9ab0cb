"""The seminars buttons' typed payloads (see bot.core.callback_data for the format)."""

from __future__ import annotations

from typing import Literal

from bot.core.callback_data import CallbackData, callback


@callback("smf1")
class SeminarFormCb(CallbackData):
    """The seminar wizard's buttons; `page` is the audience picker page, as for broadcasts;
    for "programme", `value` is the programme's id; for "edit", the summary's part to ask again."""

    action: Literal["programme", "skip", "kind", "toggle", "page", "done", "confirm", "abort",
                    "edit", "reminders"]  # fmt: skip
    value: str
    page: int = 0


SeminarAction = Literal[
    "open", "qr", "roster", "report", "feedback", "edit", "cancel", "cancel_yes", "list", "press"
]


@callback("sem1")
class SeminarCb(CallbackData):
    """Staff actions on one seminar; `page` pages the attendance list."""

    seminar_id: int
    action: SeminarAction
    page: int = 0


@callback("sme1")
class SeminarEditCb(CallbackData):
    seminar_id: int
    part: Literal["title", "description", "schedule", "venue", "audience", "capacity", "organiser"]


@callback("rsvp1")
class RsvpCb(CallbackData):
    """An answer on the invitation (or a reminder), which the answer edits in place;
    "change" brings the answers back on it."""

    seminar_id: int
    answer: Literal["yes", "no", "change"]


@callback("rsvl1")
class MyRsvpCb(CallbackData):
    """An answer in the member's own /seminars list, which is redrawn with it."""

    seminar_id: int
    answer: Literal["yes", "no"]


@callback("inv1")
class InvitationCb(CallbackData):
    """A member's invitation opened again with its answer buttons (from /status)."""

    seminar_id: int


ReportPeriod = Literal["month", "last_month", "quarter", "year", "other"]


@callback("rep1")
class ReportCb(CallbackData):
    """The report's period picker; `code` keeps a programme named with /report CODE ("-":
    none)."""

    period: ReportPeriod
    code: str = "-"


@callback("att1")
class AttendCb(CallbackData):
    """A staff mark by hand; `page` keeps the list where it was."""

    seminar_id: int
    user_id: int
    page: int = 0


@callback("fb1")
class FeedbackCb(CallbackData):
    """A rating of 1 to 5; 0 means 'no comment' after rating."""

    seminar_id: int
    rating: int


@callback("qcn1")
class QuoteConsentCb(CallbackData):
    """The author's answer to "may we quote you?", which they can change later."""

    seminar_id: int
    answer: Literal["yes", "no"]


@callback("qmk1")
class QuoteMarkCb(CallbackData):
    """Staff mark (or unmark) a consented comment for the press, on the feedback screen."""

    seminar_id: int
    user_id: int
    mark: Literal["on", "off"]


# A seminar's later life: its files, walk-ins and co-organisers.
CycleAction = Literal[
    "agenda", "handouts", "send_handouts", "photos", "signed_list", "files", "walkin", "guest",
    "organisers", "done",
]  # fmt: skip


@callback("scy1")
class CycleCb(CallbackData):
    """Staff actions on one seminar, from its card, its roster or the follow-up."""

    seminar_id: int
    action: CycleAction


@callback("sfl1")
class FileCb(CallbackData):
    """One file kept with a seminar, sent to whoever may have it (an agenda to those invited,
    a handout to those who came, any file to the seminar's staff)."""

    seminar_id: int
    file_id: int


@callback("swk1")
class WalkinCb(CallbackData):
    """A registered member found by name, recorded as having come."""

    seminar_id: int
    user_id: int


Gender = Literal["female", "male", "undisclosed"]


@callback("sgs1")
class GuestCb(CallbackData):
    """The gender of the guest whose name was just written."""

    seminar_id: int
    gender: Gender


@callback("sco1")
class OrganiserCb(CallbackData):
    """Adds (1) or removes (0) a co-organiser."""

    seminar_id: int
    user_id: int
    add: int


@callback("crt1")
class CertificateCb(CallbackData):
    """A certificate of attendance: the member's own ("mine"), or staff sending one to every
    attendee ("send" asks first, "send_yes" sends)."""

    seminar_id: int
    action: Literal["mine", "send", "send_yes"]


ReminderAction = Literal[
    "show", "times", "text_ky", "text_ru", "default", "off", "on", "no_text", "open", "back"
]


@callback("smr1")
class SeminarRemindersCb(CallbackData):
    """The seminar's reminders on its staff card: "show" opens them, "open" draws them again
    (dropping a question left unanswered), "back" returns to the card; the rest change them."""

    seminar_id: int
    action: ReminderAction
