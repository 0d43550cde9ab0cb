"""A seminar's life as staff see it: created with its invitations, edited, moved, cancelled.

A seminar belongs to one programme: only that programme's staff manage it, its invitations go
only where the programme reaches (and not to members who muted it), and every push about it
carries the programme, which labels it and stops it when the programme closes.

Every change that concerns members is written in the same transaction as the outbox rows that
tell them, so a seminar is never saved without its notices, nor notices sent for a change that
was not saved.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

from bot.core import audit
from bot.core import users as users_repo
from bot.core.audience.service import Audience, Audiences, with_programme
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.people import Actor, People
from bot.core.programmes import repo as programmes_repo
from bot.core.programmes.service import Programmes
from bot.db import utcnow_iso
from bot.delivery.outbox import Outbox
from bot.seminars.repo import organisers as organisers_repo
from bot.seminars.repo import seminars as repo
from bot.seminars.repo.seminars import Invitation, Seminar, SeminarContent, SeminarFields
from bot.seminars.service import notices as pushes
from bot.seminars.service.cycle_notices import drop_followups, plan_followups
from bot.seminars.service.fields import check_schedule, check_titles
from bot.seminars.service.reminder_plan import planned_for
from bot.seminars.service.rsvp import promote_waitlist

log = logging.getLogger(__name__)

CONCERNED = ("invited", "going", "waitlist")


class Seminars:
    def __init__(self, outbox: Outbox, people: People) -> None:
        self.outbox = outbox
        self.people = people
        self.db = outbox.db
        self.clock = outbox.clock
        self.audiences = Audiences(self.db)
        self.programmes = Programmes(self.db, people)

    def now(self) -> str:
        return utcnow_iso(self.clock.now())

    async def manage(self, telegram_id: int, seminar_id: int) -> tuple[Actor, Seminar]:
        """The seminar, and the person as staff of its programme (with that programme's region
        limit); NotAllowed for anyone who may not manage it, whatever button they pressed."""
        actor = await self.people.require_staff(telegram_id)
        seminar = await repo.get(self.db, seminar_id)
        if seminar is None:
            raise NotFound(str(seminar_id))
        if not may_manage(actor, seminar) and not await self._co_organiser(actor, seminar):
            raise NotAllowed
        return actor.within(seminar.programme_id), seminar

    async def _co_organiser(self, actor: Actor, seminar: Seminar) -> bool:
        """Staff of the seminar's programme whom its organisers added: they manage it whatever
        their region limit."""
        if actor.user is None or not actor.staff_of(seminar.programme_id):
            return False
        return await organisers_repo.is_one(self.db, seminar.id, actor.user.id)

    async def listing(self, telegram_id: int) -> list[tuple[Seminar, dict[str, int]]]:
        """The seminars of the person's programmes that they may manage."""
        actor = await self.people.require_staff(telegram_id)
        found: list[tuple[Seminar, dict[str, int]]] = []
        mine = actor.programme_ids()
        co = await organisers_repo.seminar_ids(self.db, actor.user.id) if actor.user else set()
        for seminar in await repo.listing(self.db, self.now(), limit=200, programme_ids=mine):
            if (may_manage(actor, seminar) or seminar.id in co) and len(found) < 20:
                found.append((seminar, await repo.counts(self.db, seminar.id)))
        return found

    async def card(self, telegram_id: int, seminar_id: int) -> tuple[Seminar, dict[str, int]]:
        _, seminar = await self.manage(telegram_id, seminar_id)
        return seminar, await repo.counts(self.db, seminar_id)

    async def reach(self, telegram_id: int, audience: Audience) -> int:
        """How many members an audience invites, as this person would (within its programme)."""
        actor = await self.people.require_staff(telegram_id)
        programme_id = audience.get("programme")
        if programme_id is not None:
            actor = actor.within(programme_id)
        return len(await self.audiences.members(actor, audience))

    async def create(
        self,
        telegram_id: int,
        values: SeminarFields,
        audience: Audience,
        programme_id: int | None = None,
    ) -> tuple[Seminar, int]:
        """The seminar and one invitation per member reached; returns it and how many. The
        programme is checked again here: the one chosen must be open to this person (None:
        the only one that is)."""
        actor = await self.people.require_staff(telegram_id)
        programme = await self.programmes.pick(actor, programme_id)
        author = actor.user or await users_repo.ensure(
            self.db, telegram_id, str(telegram_id), self.now()
        )
        return await self.create_as(
            actor.within(programme.id), author.id, values, audience, programme.id
        )

    async def create_as(
        self,
        actor: Actor | None,
        author_id: int | None,
        values: SeminarFields,
        audience: Audience,
        programme_id: int | None = None,
    ) -> tuple[Seminar, int]:
        """Also used by the file import, which has no actor and reaches the whole audience of
        the programme (None: the only active one)."""
        check_titles(values)
        check_schedule(values, self.clock.now())
        if programme_id is None:
            programme_id = await self.only_programme()
        audience = with_programme(audience, programme_id)
        if actor is not None and actor.region_ids:
            audience = {**audience, "within": list(actor.region_ids)}
        now = self.now()
        async with self.db.transaction():
            seminar_id = await repo.create(
                self.db, **values, audience=audience, checkin_code=await self._code(),
                created_by=author_id, created_at=now, updated_at=now, programme_id=programme_id,
            )  # fmt: skip
            invited = await self._invite(actor, seminar_id, programme_id, audience)
            await self._plan_followups(seminar_id)
            await audit.record(
                self.db, author_id, "seminar_created", "seminar", seminar_id, str(invited), now
            )
        log.info(
            "seminar %s of programme %s created by user %s, %s invited",
            seminar_id, programme_id, author_id, invited,
        )  # fmt: skip
        seminar = await repo.get(self.db, seminar_id)
        assert seminar is not None
        return seminar, invited

    async def _plan_followups(self, seminar_id: int) -> None:
        seminar = await repo.get(self.db, seminar_id)
        if seminar is not None and not seminar.cancelled:
            await plan_followups(self.outbox, seminar, self.people.config.followup_days)

    async def only_programme(self) -> int:
        """The programme a seminar goes into when none is named: the only active one."""
        active = await programmes_repo.listing(self.db, active_only=True)
        if not active:
            raise Refusal("no_programme")
        if len(active) > 1:
            raise Refusal("choose_programme")
        return active[0].id

    async def _invite(
        self, actor: Actor | None, seminar_id: int, programme_id: int | None, audience: Audience
    ) -> int:
        members = await self.audiences.members(actor, audience)
        chats = dict(members)
        fresh = await repo.invite_many(self.db, seminar_id, list(chats), self.now())
        await self.outbox.enqueue_many(
            (pushes.invite(seminar_id, uid, chats[uid]) for uid in fresh),
            programme_id=programme_id,
        )
        return len(fresh)

    async def welcome(self, user_id: int, telegram_id: int) -> int:
        """A member approved after the invitations went out is invited to what is still open."""
        count = 0
        async with self.db.transaction():
            for seminar in await repo.open_for_answers(self.db, self.now()):
                if not await self.audiences.reaches(audience_of(seminar), user_id):
                    continue
                if await repo.invite_many(self.db, seminar.id, [user_id], self.now()):
                    await self.outbox.enqueue_many(
                        [pushes.invite(seminar.id, user_id, telegram_id)],
                        programme_id=seminar.programme_id,
                    )
                    count += 1
        return count

    async def _code(self) -> str:
        """Six digits: easy to type on any phone keyboard, Cyrillic or Latin."""
        for _ in range(100):
            code = f"{secrets.randbelow(900_000) + 100_000}"
            if not await repo.code_taken(self.db, code):
                return code
        raise RuntimeError("no free check-in code")

    async def update(
        self,
        telegram_id: int,
        seminar_id: int,
        changes: SeminarFields,
        audience: Audience | None,
    ) -> tuple[Seminar, int]:
        """Saves the changes and tells everyone still concerned; returns how many were told.

        An added audience is invited but not stored: the first audience still decides who
        is invited on approval later and who may walk in."""
        actor, seminar = await self.manage(telegram_id, seminar_id)
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        merged: SeminarContent = {**seminar.content(), **changes}
        check_titles(merged)
        check_schedule(merged, self.clock.now(), moved=_differs(seminar, "starts_at", changes))
        fields = [f for f in changes if _differs(seminar, f, changes)]
        now = self.now()
        async with self.db.transaction():
            seminar = await repo.get(self.db, seminar_id) or seminar
            await repo.update(self.db, seminar_id, **changes, updated_at=now)
            if _differs(seminar, "starts_at", changes):
                await repo.bump_version(self.db, seminar_id)
            updated = await repo.get(self.db, seminar_id)
            assert updated is not None
            await self._replan(seminar, updated)
            if updated.ends_at != seminar.ends_at:
                await self._plan_followups(seminar_id)
            told = await self._tell_changed(updated, fields, now) if fields else 0
            await audit.record(
                self.db,
                _id(actor),
                "seminar_moved" if updated.version != seminar.version else "seminar_edited",
                "seminar",
                seminar_id,
                ", ".join(fields),
                now,
            )
            if audience is not None:
                await self._invite(
                    actor, seminar_id, seminar.programme_id, _in_programme(audience, seminar)
                )
        moved = "moved" if updated.version != seminar.version else "edited"
        log.info("seminar %s %s (%s) by user %s", seminar_id, moved, ", ".join(fields), _id(actor))
        return updated, told

    async def _replan(self, before: Seminar, after: Seminar) -> None:
        """New reminder times for those going; the survey follows the new end."""
        if after.version != before.version:
            await self.outbox.cancel_keyed(pushes.remind_prefix(after.id))
            going = await repo.invitations(self.db, after.id, ("going",))
            plan = await planned_for(self.db, self.people.config, after, self.clock.now())
            await self.outbox.enqueue_many(
                (p for inv in going if inv.telegram_id
                 for p in pushes.reminders(after, inv.user_id, inv.telegram_id, plan)),
                revive=True, programme_id=after.programme_id,
            )  # fmt: skip
        if after.ends_at != before.ends_at:
            await self.outbox.move_keyed(pushes.feedback_prefix(after.id), after.ends_at)
        if after.capacity > before.capacity:
            await promote_waitlist(self.outbox, after, self.now(), self.people.config)

    async def _tell_changed(self, seminar: Seminar, fields: list[str], stamp: str) -> int:
        concerned = await repo.invitations(self.db, seminar.id, CONCERNED)
        sent = await self.outbox.sent_chats(pushes.invite_prefix(seminar.id))
        told = _told(concerned, sent)
        stamp = f"{stamp}:{secrets.token_hex(3)}"
        await self.outbox.enqueue_many(
            (pushes.changed(seminar.id, uid, chat, fields, stamp) for uid, chat in told),
            programme_id=seminar.programme_id,
        )
        return len(told)

    async def cancel(self, telegram_id: int, seminar_id: int) -> tuple[Seminar, int]:
        """Unsent invitations and reminders are dropped; whoever knew of it is told."""
        actor, seminar = await self.manage(telegram_id, seminar_id)
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        async with self.db.transaction():
            await repo.update(self.db, seminar_id, status="cancelled", updated_at=self.now())
            await audit.record(self.db, _id(actor), "seminar_cancelled", "seminar", seminar_id)
            sent = await self.outbox.sent_chats(pushes.invite_prefix(seminar_id))
            for prefix in pushes.ALL_BUT_CANCELLED:
                await self.outbox.cancel_keyed(prefix(seminar_id))
            await drop_followups(self.outbox, seminar_id)
            concerned = await repo.invitations(self.db, seminar_id, CONCERNED)
            told = _told(concerned, sent)
            said_yes = {i.user_id for i in concerned if i.status == "going"}
            await self.outbox.enqueue_many(
                (pushes.cancelled(seminar_id, uid, chat, uid in said_yes) for uid, chat in told),
                programme_id=seminar.programme_id,
            )
        log.info("seminar %s cancelled by user %s, %s told", seminar_id, _id(actor), len(told))
        updated = await repo.get(self.db, seminar_id)
        assert updated is not None
        return updated, len(told)


def may_manage(actor: Actor, seminar: Seminar) -> bool:
    """Staff of the seminar's programme only; of them, admins, the seminar's author, and
    coordinators without a region limit in that programme."""
    return actor.manages(seminar.programme_id, seminar.created_by)


def audience_of(seminar: Seminar) -> Audience:
    """The audience as stored, kept to the seminar's programme (a seminar saved before there
    were programmes has it only in its column)."""
    return _in_programme(seminar.audience, seminar)


def _in_programme(audience: Audience, seminar: Seminar) -> Audience:
    if seminar.programme_id is None:
        return audience
    return with_programme(audience, seminar.programme_id)


def _told(concerned: list[Invitation], sent: set[int]) -> list[tuple[int, int]]:
    """Those who had the invitation or answered it, and can still be reached: (user id, chat)."""
    return [
        (i.user_id, i.telegram_id) for i in concerned
        if i.telegram_id is not None and (i.telegram_id in sent or i.status != "invited")
    ]  # fmt: skip


def _differs(seminar: Seminar, field: str, changes: SeminarFields) -> bool:
    if field not in changes:
        return False
    old: object = getattr(seminar, field)
    new = changes.get(field)
    if isinstance(old, datetime) and isinstance(new, str):
        new = datetime.fromisoformat(new)
    return old != new


def _id(actor: Actor) -> int | None:
    return actor.user.id if actor.user is not None else None
