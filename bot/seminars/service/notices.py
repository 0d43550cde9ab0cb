"""Every push about a seminar, as outbox rows with dedupe keys that can be found again.

Keys are built so that a prefix picks out one seminar's reminders, or one member's: moving a
seminar drops its unsent reminders and queues new ones under the next version, so a reminder
already sent for the old time does not block the one for the new time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import NotRequired, TypedDict

from bot.core.reminders.plan import Planned
from bot.delivery.outbox import Push
from bot.seminars.repo.seminars import Seminar

SURVEY_OPEN = timedelta(days=14)
"""How long after the end the survey is still worth sending (to a member who was away)."""


class Params(TypedDict):
    """What a seminar push carries in the outbox: the seminar's id, and the few facts that must
    be read as they were when it was queued. The seminar itself is read when it goes out."""

    seminar_id: int
    hours: NotRequired[int]
    """A reminder's: how long before the start it goes (in whole hours)."""
    user_id: NotRequired[int]
    version: NotRequired[int]
    """A reminder's: its member, and the seminar's version it was planned for."""
    percent: NotRequired[int]
    going: NotRequired[int]
    capacity: NotRequired[int]
    """A fill notice's: the share reached, places taken, and places there are."""
    fields: NotRequired[list[str]]
    """A change notice's: the fields that changed."""
    calendar: NotRequired[bool]
    """A cancellation's: the member had said yes, so a cancelling calendar file goes too."""
    days: NotRequired[int]
    """A follow-up's: the days the organisers have to upload the photos and the list."""
    batch: NotRequired[int]
    """A handout push's: which send of files it carries."""


def invite(seminar_id: int, user_id: int, chat_id: int) -> Push:
    params: Params = {"seminar_id": seminar_id}
    return Push(f"seminar-invite:{seminar_id}:{user_id}", chat_id, "seminar_invite", params,
                kind="seminar")  # fmt: skip


def invite_prefix(seminar_id: int) -> str:
    return f"seminar-invite:{seminar_id}:"


def remind_prefix(seminar_id: int, user_id: int | None = None) -> str:
    return f"seminar-remind:{seminar_id}:" + (f"{user_id}:" if user_id is not None else "")


def reminders(seminar: Seminar, user_id: int, chat_id: int, plan: Sequence[Planned]) -> list[Push]:
    """One push per reminder still ahead (see `reminder_plan.planned_for`)."""
    pushes: list[Push] = []
    for planned in plan:
        key = f"{remind_prefix(seminar.id, user_id)}{planned.tag}:v{seminar.version}"
        params: Params = {"seminar_id": seminar.id,
                          "hours": planned.hours_before(seminar.starts_at),
                          "user_id": user_id, "version": seminar.version}  # fmt: skip
        pushes.append(Push(key, chat_id, "seminar_reminder", params, planned.when, "seminar",
                           seminar.starts_at))  # fmt: skip
    return pushes


def feedback_prefix(seminar_id: int, user_id: int | None = None) -> str:
    return f"seminar-feedback:{seminar_id}:" + (f"{user_id}:" if user_id is not None else "")


def feedback(seminar: Seminar, user_id: int, chat_id: int, now: datetime) -> Push:
    """The survey goes out when the seminar ends (at once if it already has)."""
    params: Params = {"seminar_id": seminar.id}
    due = max(seminar.ends_at, now)
    return Push(f"{feedback_prefix(seminar.id, user_id)}survey", chat_id, "seminar_feedback",
                params, due, "seminar", due + SURVEY_OPEN)  # fmt: skip


def promoted(seminar_id: int, user_id: int, chat_id: int, stamp: str) -> Push:
    params: Params = {"seminar_id": seminar_id}
    return Push(f"seminar-promoted:{seminar_id}:{user_id}:{stamp}", chat_id, "seminar_promoted",
                params, kind="seminar")  # fmt: skip


def filled(seminar_id: int, percent: int, chat_id: int, going: int, capacity: int) -> Push:
    params: Params = {"seminar_id": seminar_id, "percent": percent, "going": going,
                      "capacity": capacity}  # fmt: skip
    return Push(f"seminar-fill:{seminar_id}:{percent}", chat_id, "seminar_fill", params,
                kind="seminar")  # fmt: skip


def changed(seminar_id: int, user_id: int, chat_id: int, fields: list[str], stamp: str) -> Push:
    """Changes not yet sent to this member fold into this one, naming every field changed."""
    params: Params = {"seminar_id": seminar_id, "fields": fields}
    return Push(f"seminar-changed:{seminar_id}:{stamp}:{user_id}", chat_id, "seminar_changed",
                params, kind="seminar", fold=f"seminar-changed:{seminar_id}",
                merge=("fields",))  # fmt: skip


def cancelled(seminar_id: int, user_id: int, chat_id: int, calendar: bool = False) -> Push:
    params: Params = {"seminar_id": seminar_id}
    if calendar:
        params["calendar"] = True
    return Push(f"seminar-cancelled:{seminar_id}:{user_id}", chat_id, "seminar_cancelled",
                params, kind="seminar")  # fmt: skip


def promoted_prefix(seminar_id: int) -> str:
    return f"seminar-promoted:{seminar_id}:"


def changed_prefix(seminar_id: int) -> str:
    return f"seminar-changed:{seminar_id}:"


ALL_BUT_CANCELLED = (
    invite_prefix, remind_prefix, feedback_prefix, promoted_prefix, changed_prefix
)  # fmt: skip
"""What a cancelled seminar's members must no longer get: only the cancellation goes out."""
