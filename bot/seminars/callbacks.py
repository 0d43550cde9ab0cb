"""The seminars buttons' typed payloads (see bot.core.callback_data for the format)."""

from __future__ import annotations

from typing import Literal

from bot.core.callback_data import CallbackData, callback


@callback("smf1")
class SeminarFormCb(CallbackData):
    """The seminar wizard's buttons; `page` is the audience picker page, as for broadcasts;
    for "programme", `value` is the programme's id; for "edit", the summary's part to ask again."""

    action: Literal["programme", "skip", "kind", "toggle", "page", "done", "confirm", "abort",
                    "edit"]  # fmt: skip
    value: str
    page: int = 0


SeminarAction = Literal[
    "open", "qr", "roster", "report", "feedback", "edit", "cancel", "cancel_yes", "list"
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
