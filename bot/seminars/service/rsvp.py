"""Members' answers to invitations: places up to capacity, then a waitlist in order of answer.

Each answer is decided inside one transaction, so two members taking the last place at the
same moment cannot both get it, and the member moved up from the waitlist is queued a notice
in the same write as the decline that freed the place.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Config
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.people import People
from bot.db import utcnow_iso
from bot.delivery.outbox import Outbox
from bot.seminars.repo import seminars as repo
from bot.seminars.repo.seminars import Invitation, Seminar
from bot.seminars.service import notices as pushes
from bot.seminars.service.reminder_plan import planned_for

FILL_NOTICES = (80, 100)


@dataclass(frozen=True)
class Answer:
    seminar: Seminar
    status: str
    position: int | None
    """Place on the waitlist, from 1."""
    changed: bool


@dataclass(frozen=True)
class MySeminar:
    seminar: Seminar
    invitation: Invitation
    position: int | None


class Rsvp:
    def __init__(self, outbox: Outbox, people: People) -> None:
        self.outbox = outbox
        self.people = people
        self.db = outbox.db
        self.clock = outbox.clock

    async def invitation(self, telegram_id: int, seminar_id: int) -> tuple[Seminar, Invitation]:
        """The member's own invitation; anyone else's button is not theirs to press."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        seminar = await repo.get(self.db, seminar_id)
        if seminar is None:
            raise NotFound(str(seminar_id))
        found = await repo.invitation(self.db, seminar_id, user.id) if user else None
        if found is None or user is None or user.status != "approved":
            raise NotAllowed
        return seminar, found

    async def state(self, telegram_id: int, seminar_id: int) -> Answer:
        """The member's answer as it stands, for [Change answer]: only while it can still be
        changed (a "can't attend" is taken until the start)."""
        seminar, invitation = await self.invitation(telegram_id, seminar_id)
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        if self.clock.now() >= seminar.starts_at:
            raise Refusal("rsvp_closed", deadline=seminar.starts_at)
        return await self._result(seminar, invitation.user_id, changed=False)

    async def answer(self, telegram_id: int, seminar_id: int, answer: str) -> Answer:
        """A yes is taken until the RSVP deadline; "can't attend" until the start, so a place
        freed at the last minute still goes to the waitlist."""
        async with self.db.transaction():
            seminar, invitation = await self.invitation(telegram_id, seminar_id)
            if seminar.cancelled:
                raise Refusal("seminar_cancelled")
            now = self.clock.now()
            if answer == "yes" and now > seminar.rsvp_deadline:
                raise Refusal("rsvp_closed", deadline=seminar.rsvp_deadline)
            if answer == "no" and now >= seminar.starts_at:
                raise Refusal("rsvp_closed", deadline=seminar.starts_at)
            wanted = answer == "yes"
            same = invitation.status in (("going", "waitlist") if wanted else ("declined",))
            if same:
                return await self._result(seminar, invitation.user_id, changed=False)
            if wanted:
                await self._accept(seminar, invitation)
            else:
                await self._decline(seminar, invitation)
            return await self._result(seminar, invitation.user_id, changed=True)

    async def _accept(self, seminar: Seminar, invitation: Invitation) -> None:
        now = utcnow_iso(self.clock.now())
        going = (await repo.counts(self.db, seminar.id)).get("going", 0)
        uid, chat = invitation.user_id, invitation.telegram_id
        if going >= seminar.capacity:
            await repo.set_answer(self.db, seminar.id, uid, "waitlist", now, now)
            return
        await repo.set_answer(self.db, seminar.id, uid, "going", now, None)
        if chat is not None:
            plan = await planned_for(self.db, self.people.config, seminar, self.clock.now())
            await self.outbox.enqueue_many(
                pushes.reminders(seminar, uid, chat, plan),
                revive=True,
                programme_id=seminar.programme_id,
            )
        await self._fill_notices(seminar, going + 1)

    async def _decline(self, seminar: Seminar, invitation: Invitation) -> None:
        now = utcnow_iso(self.clock.now())
        await repo.set_answer(self.db, seminar.id, invitation.user_id, "declined", now, None)
        await self.outbox.cancel_keyed(pushes.remind_prefix(seminar.id, invitation.user_id))
        if invitation.status == "going":
            await promote_waitlist(self.outbox, seminar, now, self.people.config)

    async def _fill_notices(self, seminar: Seminar, going: int) -> None:
        """The author hears once at 80% and once at 100%."""
        if seminar.created_by is None:
            return
        author = await users_repo.by_id(self.db, seminar.created_by)
        if author is None or author.telegram_id is None:
            return
        chat, capacity = author.telegram_id, seminar.capacity
        reached = [p for p in FILL_NOTICES if going * 100 >= capacity * p]
        await self.outbox.enqueue_many(
            (pushes.filled(seminar.id, p, chat, going, capacity) for p in reached),
            programme_id=seminar.programme_id,
        )

    async def _result(self, seminar: Seminar, user_id: int, changed: bool) -> Answer:
        found = await repo.invitation(self.db, seminar.id, user_id)
        assert found is not None
        position = None
        if found.status == "waitlist":
            position = await repo.waitlist_position(self.db, seminar.id, user_id)
        return Answer(seminar, found.status, position, changed)

    async def mine(self, telegram_id: int) -> list[MySeminar]:
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None or user.status != "approved":
            raise NotAllowed
        found: list[MySeminar] = []
        for seminar, invitation in await repo.of_member(self.db, user.id):
            position = None
            if invitation.status == "waitlist":
                position = await repo.waitlist_position(self.db, seminar.id, user.id)
            found.append(MySeminar(seminar, invitation, position))
        return found


async def promote_waitlist(outbox: Outbox, seminar: Seminar, now: str, config: Config) -> int:
    """Moves the first on the waitlist into each free place and tells them."""
    db = outbox.db
    plan = await planned_for(db, config, seminar, outbox.clock.now())
    going = (await repo.counts(db, seminar.id)).get("going", 0)
    waiting = await repo.invitations(db, seminar.id, ("waitlist",))
    moved = 0
    for invitation in waiting[: max(seminar.capacity - going, 0)]:
        await repo.set_answer(db, seminar.id, invitation.user_id, "going", now, None)
        chat = invitation.telegram_id
        if chat is None:
            continue
        await outbox.enqueue_many(
            [
                pushes.promoted(seminar.id, invitation.user_id, chat, now),
                *pushes.reminders(seminar, invitation.user_id, chat, plan),
            ],
            revive=True,
            programme_id=seminar.programme_id,
        )
        moved += 1
    return moved


async def withdraw(outbox: Outbox, user_id: int, config: Config, ahead_only: bool = False) -> None:
    """A member who erased their data gives up their places; the waitlist moves up.
    `ahead_only` (a deactivated member) keeps the answers of seminars that have started, which
    are history."""
    now = utcnow_iso(outbox.clock.now())
    for seminar, invitation in await repo.of_member(outbox.db, user_id):
        if invitation.status not in ("going", "waitlist") or seminar.cancelled:
            continue
        if ahead_only and seminar.starts_at <= outbox.clock.now():
            continue
        await repo.set_answer(outbox.db, seminar.id, user_id, "declined", now, None)
        if invitation.status == "going" and seminar.ends_at > outbox.clock.now():
            await promote_waitlist(outbox, seminar, now, config)
