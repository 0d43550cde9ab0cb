"""Pushes of a seminar's later life: the organisers' follow-up after it ends, and handouts for
those who came.

The follow-up is planned when the seminar is created, moved with its end, and dropped when it is
cancelled; its reminder goes N days later, only if nothing was uploaded by then (checked when it
is due, see pushes/kind.py). A handout row is keyed by its batch, so a restart never sends a
batch twice.
"""

from __future__ import annotations

from datetime import timedelta

from bot.delivery.outbox import Outbox, Push
from bot.seminars.repo import organisers as organisers_repo
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.notices import Params

FOLLOWUP_OPEN = timedelta(days=14)
"""How long after it is due a follow-up is still worth sending (to someone who was away)."""


def followup_prefix(seminar_id: int, user_id: int | None = None) -> str:
    return f"seminar-followup:{seminar_id}:" + (f"{user_id}:" if user_id is not None else "")


def late_prefix(seminar_id: int, user_id: int | None = None) -> str:
    return f"seminar-followup-late:{seminar_id}:" + (f"{user_id}:" if user_id is not None else "")


def followups(seminar: Seminar, user_id: int, chat_id: int, days: int) -> list[Push]:
    """The request at the end, and the reminder `days` later."""
    params: Params = {"seminar_id": seminar.id, "days": days}
    late = seminar.ends_at + timedelta(days=days)
    return [
        Push(f"{followup_prefix(seminar.id, user_id)}ask", chat_id, "seminar_followup", params,
             seminar.ends_at, "seminar", seminar.ends_at + FOLLOWUP_OPEN),
        Push(f"{late_prefix(seminar.id, user_id)}remind", chat_id, "seminar_followup_late",
             params, late, "seminar", late + FOLLOWUP_OPEN),
    ]  # fmt: skip


async def plan_followups(outbox: Outbox, seminar: Seminar, days: int) -> None:
    """For every organiser with a chat, at the seminar's end as it is now (a move re-plans:
    rows not sent yet take the new times)."""
    await drop_followups(outbox, seminar.id)
    organisers = await organisers_repo.of_seminar(outbox.db, seminar.id)
    await outbox.enqueue_many(
        (p for o in organisers if o.telegram_id is not None
         for p in followups(seminar, o.user_id, o.telegram_id, days)),
        revive=True, programme_id=seminar.programme_id,
    )  # fmt: skip


async def drop_followups(outbox: Outbox, seminar_id: int, user_id: int | None = None) -> None:
    await outbox.cancel_keyed(followup_prefix(seminar_id, user_id))
    await outbox.cancel_keyed(late_prefix(seminar_id, user_id))


def handout(seminar_id: int, batch: int, user_id: int, chat_id: int) -> Push:
    params: Params = {"seminar_id": seminar_id, "batch": batch}
    return Push(f"seminar-handout:{seminar_id}:{batch}:{user_id}", chat_id, "seminar_handout",
                params, kind="seminar")  # fmt: skip
