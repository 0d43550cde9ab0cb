"""Every push about a competition, as outbox rows whose keys can be found again by prefix.

A reminder key carries the competition and the entrant, so submitting drops that entrant's
unsent reminders, and the deadline version, so moving the deadline queues fresh ones that a
reminder already sent for the old date does not block. It also carries the date it counts
down to, so one entrant's extension queues fresh ones after those sent for the common deadline.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypedDict

from bot.core.reminders.plan import Planned
from bot.delivery.outbox import FOREVER, Push


class Params(TypedDict, total=False):
    """What a competition push carries in the outbox: ids, and the few facts that must be read
    as they were when it was queued. The rest is read when it goes out (pushes/kind.py)."""

    competition_id: int
    entrant_id: int
    entrant_ids: list[int]
    """A result's: every entrant the reader speaks for that took part."""
    submission_id: int
    version: int
    """The deadline's version on a reminder, the submission's on a receipt."""
    deadline: str
    until: str
    by_user_id: int
    receipt: str
    file_row_id: int
    status: str
    """A status notice carries the change itself (status, comment, revision deadline)."""
    comment: str | None
    revision_deadline: str | None


def announce(competition_id: int, user_id: int, chat_id: int, when: datetime) -> Push:
    params: Params = {"competition_id": competition_id}
    return Push(f"comp-open:{competition_id}:{user_id}", chat_id, "competition_open", params,
                when, kind="competition")  # fmt: skip


def remind_prefix(competition_id: int, entrant_id: int | None = None) -> str:
    return f"comp-remind:{competition_id}:" + (f"{entrant_id}:" if entrant_id is not None else "")


def reminders(
    competition_id: int,
    version: int,
    entrant_id: int,
    user_id: int,
    chat_id: int,
    deadline: datetime,
    plan: Sequence[Planned],
) -> list[Push]:
    """One push per reminder still ahead of `deadline` (see `reminders.plan_for`)."""
    found: list[Push] = []
    stamp = deadline.strftime("%Y%m%d%H%M")
    for planned in plan:
        key = (f"{remind_prefix(competition_id, entrant_id)}{user_id}:{planned.tag}:v{version}"
               f":{stamp}")  # fmt: skip
        params: Params = {"competition_id": competition_id, "entrant_id": entrant_id,
                          "version": version, "deadline": deadline.isoformat()}  # fmt: skip
        push = Push(key, chat_id, "competition_reminder", params, planned.when, "competition",
                    deadline)  # fmt: skip
        found.append(push)
    return found


def received(submission_id: int, version: int, user_id: int, chat_id: int, by: int) -> Push:
    """Every staff member of the entrant hears of each version, including who sent it."""
    params: Params = {"submission_id": submission_id, "version": version, "by_user_id": by}
    return Push(f"comp-received:{submission_id}:v{version}:{user_id}", chat_id,
                "submission_received", params, kind="competition")  # fmt: skip


def revised(submission_id: int, version: int, user_id: int, chat_id: int) -> Push:
    """The competition's author hears that an entrant sent another version."""
    params: Params = {"submission_id": submission_id, "version": version}
    return Push(f"comp-revised:{submission_id}:v{version}:{user_id}", chat_id,
                "submission_revised", params, kind="competition",
                fold=f"submission-revised:{submission_id}")  # fmt: skip


def status_changed(
    submission_id: int,
    log_stamp: str,
    user_id: int,
    chat_id: int,
    status: str,
    comment: str | None,
    revision_deadline: str | None,
) -> Push:
    """The change as it was made; one still unsent to this reader is replaced by this one, so
    a burst of changes reaches them as the latest status."""
    params: Params = {"submission_id": submission_id, "status": status, "comment": comment,
                      "revision_deadline": revision_deadline}  # fmt: skip
    return Push(f"comp-status:{submission_id}:{log_stamp}:{user_id}", chat_id,
                "submission_status", params, kind="competition",
                fold=f"submission-status:{submission_id}")  # fmt: skip


def deadline_moved(competition_id: int, version: int, user_id: int, chat_id: int) -> Push:
    params: Params = {"competition_id": competition_id}
    return Push(f"comp-moved:{competition_id}:v{version}:{user_id}", chat_id,
                "competition_moved", params, kind="competition")  # fmt: skip


def extended(
    competition_id: int, entrant_id: int, until: datetime, user_id: int, chat_id: int
) -> Push:
    params: Params = {"competition_id": competition_id, "entrant_id": entrant_id,
                      "until": until.isoformat()}  # fmt: skip
    return Push(f"comp-extended:{competition_id}:{entrant_id}:{until.isoformat()}:{user_id}",
                chat_id, "competition_extended", params, kind="competition")  # fmt: skip


def own_result(competition_id: int, entrant_ids: list[int], user_id: int, chat_id: int) -> Push:
    """One message per reader: the result of each entrant they speak for that took part, with
    the winners (so they get no separate winners list)."""
    params: Params = {"competition_id": competition_id, "entrant_ids": entrant_ids}
    return Push(f"comp-result:{competition_id}:{user_id}", chat_id, "competition_result",
                params, kind="competition", expires_at=FOREVER)  # fmt: skip


def winners(competition_id: int, user_id: int, chat_id: int) -> Push:
    """For a member whose entrants did not take part: the winners only."""
    params: Params = {"competition_id": competition_id}
    return Push(f"comp-winners:{competition_id}:{user_id}", chat_id, "competition_winners",
                params, kind="competition", expires_at=FOREVER)  # fmt: skip


def not_archived(competition_id: int, file_row_id: int, chat_id: int, receipt: str) -> Push:
    """Staff hear when a file is over Telegram's download limit and stays only in Telegram."""
    params: Params = {"competition_id": competition_id, "receipt": receipt,
                      "file_row_id": file_row_id}  # fmt: skip
    return Push(f"comp-not-archived:{file_row_id}:{chat_id}", chat_id, "file_not_archived",
                params, kind="competition")  # fmt: skip


def archive_failed(competition_id: int, file_row_id: int, chat_id: int, receipt: str) -> Push:
    """Staff hear when a file could not be written into the media folder (full, read-only);
    it is tried again, and the notice is dropped if the file is archived before it goes."""
    params: Params = {"competition_id": competition_id, "receipt": receipt,
                      "file_row_id": file_row_id}  # fmt: skip
    return Push(f"comp-archive-failed:{file_row_id}:{chat_id}", chat_id, "file_archive_failed",
                params, kind="competition")  # fmt: skip


def reviewer_assigned(competition_id: int, user_id: int, chat_id: int) -> Push:
    """A staff member put on a competition's panel hears it once, with the way to their list."""
    params: Params = {"competition_id": competition_id}
    return Push(f"comp-reviewer:{competition_id}:{user_id}", chat_id, "reviewer_assigned",
                params, kind="competition")  # fmt: skip


def condition_settled(
    competition_id: int, entrant_id: int, user_id: int, chat_id: int, template: str
) -> Push:
    """A conditional win settled (met or not): one message per reader, never twice."""
    params: Params = {"competition_id": competition_id, "entrant_id": entrant_id}
    return Push(f"comp-condition:{competition_id}:{entrant_id}:{user_id}", chat_id, template,
                params, kind="competition", expires_at=FOREVER)  # fmt: skip
