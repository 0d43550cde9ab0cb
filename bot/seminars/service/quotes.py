"""Quotes with consent: a comment's author may let the project quote it with their name,
position and municipality, and take that back; staff mark the quotes they want for the press.
No until the author says yes, and a mark needs that yes, checked in the same UPDATE."""

from __future__ import annotations

from bot.core import audit
from bot.core.errors import Refusal
from bot.seminars.repo import quotes as repo
from bot.seminars.repo.quotes import Quote
from bot.seminars.service.attendance import Attendance

__all__ = ["Quote", "Quotes"]


class Quotes:
    def __init__(self, attendance: Attendance) -> None:
        self.attendance = attendance
        self.db = attendance.db

    async def consent(self, telegram_id: int, seminar_id: int, allowed: bool) -> None:
        """Only the comment's author, who attended; refused when there is no comment."""
        _, invitation = await self.attendance.attendee(telegram_id, seminar_id)
        if not await repo.set_consent(self.db, seminar_id, invitation.user_id, allowed):
            raise Refusal("stale")

    async def mark(self, telegram_id: int, seminar_id: int, user_id: int, marked: bool) -> None:
        """Staff who manage the seminar; the author must have allowed quoting (and not have
        taken it back since the screen was drawn)."""
        actor, _ = await self.attendance.seminars.manage(telegram_id, seminar_id)
        async with self.db.transaction():
            if not await repo.set_marked(self.db, seminar_id, user_id, marked):
                raise Refusal("quote_no_consent")
            by = actor.user.id if actor.user else None
            detail = f"#{user_id} {'✓' if marked else '✗'}"
            await audit.record(self.db, by, "quote_marked", "seminar", seminar_id, detail)
