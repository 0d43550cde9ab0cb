"""Who came, and what they thought: check-in by code or link, marks by staff, the survey.

Check-in is open from an hour before the start until an hour after the end, so people who
arrive early or scan the code on their way out still count, and an old code proves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.core import attempts, audit, flows
from bot.core import users as users_repo
from bot.core.audience.service import Audiences
from bot.core.errors import NotAllowed, Refusal
from bot.core.flows import Flow
from bot.core.people import People
from bot.db import utcnow_iso
from bot.delivery.outbox import Outbox
from bot.seminars.repo import quotes as quotes_repo
from bot.seminars.repo import seminars as repo
from bot.seminars.repo.quotes import Quote
from bot.seminars.repo.seminars import Invitation, Seminar
from bot.seminars.service import notices as pushes
from bot.seminars.service.seminars import Seminars, audience_of

OPENS_BEFORE = timedelta(hours=1)
CLOSES_AFTER = timedelta(hours=1)
MAX_COMMENT = 1000
WRONG_CODES = 5
WRONG_CODES_WINDOW = timedelta(minutes=10)
"""Six digits are a million guesses: a person gets this many wrong ones in the window."""
FEEDBACK_FLOW = "seminar_feedback"


@dataclass(frozen=True)
class CheckIn:
    seminar: Seminar
    already: bool


@dataclass(frozen=True)
class Feedback:
    seminar: Seminar
    ratings: list[int]
    comments: list[str]
    quotes: list[Quote] = field(default_factory=list)
    """The comments whose authors allowed quoting them: staff may mark these for the press."""

    @property
    def average(self) -> float | None:
        return sum(self.ratings) / len(self.ratings) if self.ratings else None


class Attendance:
    def __init__(self, outbox: Outbox, people: People, seminars: Seminars) -> None:
        self.outbox = outbox
        self.people = people
        self.seminars = seminars
        self.db = outbox.db
        self.clock = outbox.clock
        self.audiences = Audiences(self.db)

    async def check_in(self, telegram_id: int, code: str, via: str) -> CheckIn:
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None or user.status != "approved":
            raise Refusal("register_first")
        await self._guesses_left(user.id)
        seminar = await repo.by_code(self.db, code.strip())
        if seminar is None:
            await attempts.record(self.db, [_guess_key(user.id)], utcnow_iso(self.clock.now()))
            raise Refusal("checkin_unknown")
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        now = self.clock.now()
        if now < seminar.starts_at - OPENS_BEFORE:
            raise Refusal("checkin_not_open", opens=seminar.starts_at - OPENS_BEFORE)
        if now > seminar.ends_at + CLOSES_AFTER:
            raise Refusal("checkin_expired")
        async with self.db.transaction():
            invitation = await repo.invitation(self.db, seminar.id, user.id)
            if invitation is None:
                if not await self.audiences.reaches(audience_of(seminar), user.id):
                    raise Refusal("checkin_other_seminar")
                await repo.invite_many(self.db, seminar.id, [user.id], utcnow_iso(now))
            elif invitation.attended_at:
                return CheckIn(seminar, already=True)
            await self._mark(seminar, user.id, telegram_id, via)
        return CheckIn(seminar, already=False)

    async def _guesses_left(self, user_id: int) -> None:
        """Refuses, saying until when, once the wrong codes of the window are used up."""
        key, now = _guess_key(user_id), self.clock.now()
        since = utcnow_iso(now - WRONG_CODES_WINDOW)
        if await attempts.count_since(self.db, key, since) < WRONG_CODES:
            return
        oldest = await attempts.oldest_since(self.db, key, since)
        until = datetime.fromisoformat(oldest) + WRONG_CODES_WINDOW if oldest else now
        raise Refusal("checkin_wait", until=until)

    async def _mark(self, seminar: Seminar, user_id: int, chat_id: int | None, via: str) -> None:
        await repo.set_attended(self.db, seminar.id, user_id, utcnow_iso(self.clock.now()), via)
        if chat_id is not None:
            push = pushes.feedback(seminar, user_id, chat_id, self.clock.now())
            await self.outbox.enqueue_many([push], revive=True, programme_id=seminar.programme_id)

    async def mark_walkin(self, seminar: Seminar, user_id: int, chat_id: int | None) -> None:
        """A walk-in staff recorded: invited now if they were not, and marked as come (the
        caller checked who may, and records it)."""
        await repo.invite_many(self.db, seminar.id, [user_id], utcnow_iso(self.clock.now()))
        await self._mark(seminar, user_id, chat_id, "staff")

    async def roster(self, telegram_id: int, seminar_id: int) -> tuple[Seminar, list[Invitation]]:
        """Everyone who answered yes, is waiting, or came anyway: the people staff may mark."""
        _, seminar = await self.seminars.manage(telegram_id, seminar_id)
        people = await repo.invitations(self.db, seminar_id)
        return seminar, [i for i in people if i.status in ("going", "waitlist") or i.attended_at]

    async def toggle(self, telegram_id: int, seminar_id: int, user_id: int) -> bool:
        """A staff mark by hand; pressing again takes it back. Returns whether they attended."""
        actor, seminar = await self.seminars.manage(telegram_id, seminar_id)
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        if self.clock.now() < seminar.starts_at - OPENS_BEFORE:
            raise Refusal("checkin_not_open", opens=seminar.starts_at - OPENS_BEFORE)
        async with self.db.transaction():
            invitation = await repo.invitation(self.db, seminar_id, user_id)
            if invitation is None:
                raise Refusal("stale")
            came = not invitation.attended_at
            await audit.record(
                self.db,
                actor.user.id if actor.user else None,
                "attendance_marked",
                "seminar",
                seminar_id,
                f"#{user_id} {'✓' if came else '✗'}",
            )
            if invitation.attended_at:
                await repo.set_attended(self.db, seminar_id, user_id, None, None)
                await self.outbox.cancel_keyed(pushes.feedback_prefix(seminar_id, user_id))
                return False
            await self._mark(seminar, user_id, invitation.telegram_id, "staff")
            return True

    async def set_attended(
        self, telegram_id: int, seminar_id: int, user_id: int, attended: bool
    ) -> bool:
        """A mark by hand that says which state is wanted (the console's form), so the same
        form posted twice marks once where `toggle` would take the mark back. A change goes
        through `toggle`, its checks and its audit entry; returns whether they attended."""
        await self.seminars.manage(telegram_id, seminar_id)
        async with self.db.transaction():
            invitation = await repo.invitation(self.db, seminar_id, user_id)
            if invitation is not None and bool(invitation.attended_at) == attended:
                return attended
            return await self.toggle(telegram_id, seminar_id, user_id)

    async def rate(self, telegram_id: int, seminar_id: int, rating: int) -> Seminar:
        """Attendees only; a new rating replaces the old one. Then a comment may follow."""
        seminar, invitation = await self.attendee(telegram_id, seminar_id)
        if not 1 <= rating <= 5:
            raise Refusal("stale")
        await repo.set_feedback(self.db, seminar_id, invitation.user_id, rating, None)
        now = utcnow_iso(self.clock.now())
        flow = Flow(telegram_id, FEEDBACK_FLOW, "comment", {"seminar_id": seminar_id})
        await flows.save(self.db, flow, now)
        return seminar

    async def comment(self, telegram_id: int, text: str | None) -> Seminar:
        """None skips the comment; either way the survey is over."""
        flow = await flows.get(self.db, telegram_id)
        if flow is None or flow.flow != FEEDBACK_FLOW:
            raise Refusal("stale")
        seminar, invitation = await self.attendee(telegram_id, flow.data["seminar_id"])
        if text is not None:
            text = text.strip()
            if not text:
                raise Refusal("text_empty")
            if len(text) > MAX_COMMENT:
                raise Refusal("field_too_long", limit=MAX_COMMENT, length=len(text))
            await repo.set_feedback(self.db, seminar.id, invitation.user_id, None, text)
        await flows.clear(self.db, telegram_id)
        return seminar

    async def attendee(self, telegram_id: int, seminar_id: int) -> tuple[Seminar, Invitation]:
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        seminar = await repo.get(self.db, seminar_id)
        invitation = await repo.invitation(self.db, seminar_id, user.id) if user else None
        if seminar is None or invitation is None or not invitation.attended_at:
            raise NotAllowed
        return seminar, invitation

    async def feedback(self, telegram_id: int, seminar_id: int) -> Feedback:
        _, seminar = await self.seminars.manage(telegram_id, seminar_id)
        people = await repo.invitations(self.db, seminar_id)
        ratings = [i.rating for i in people if i.rating]
        comments = [i.comment for i in people if i.comment and not i.quote_consent]
        quotes = await quotes_repo.allowed(self.db, seminar_id)
        return Feedback(seminar, ratings, comments, quotes)


def _guess_key(user_id: int) -> str:
    return f"checkin-code:{user_id}"
