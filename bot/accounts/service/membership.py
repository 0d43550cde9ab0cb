"""Members who left office, and when each person last wrote to the bot.

Staff deactivate a member who left office: the row stays (reports and past attendance still
count them), nothing is pushed to them any more (audiences take approved members only, their
queued pushes are cancelled, and the programmes' wrapper drops whatever is queued later), and
they may register again like anyone. Staff may also bring them back. A region-limited
coordinator acts only within their regions, whatever button is pressed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.accounts.service.approvals import Approvals
from bot.core import audit
from bot.core import users as users_repo
from bot.core.audit import Entry
from bot.core.errors import NotAllowed, NotFound
from bot.core.people import Actor
from bot.core.places import repo as places
from bot.core.places.repo import PlacePath
from bot.core.users import User
from bot.db import utcnow_iso

log = logging.getLogger(__name__)

ACTIVE_EVERY = timedelta(minutes=10)
"""A person's last-active time is written at most this often: an update is not a write."""
REMEMBERED = 50_000
"""Past this many people in memory, those not written within ACTIVE_EVERY are forgotten."""


@dataclass(frozen=True)
class MemberCard:
    """A member as /people shows them; `change` is the latest deactivation, if any."""

    user: User
    place: PlacePath | None
    change: Entry | None = None
    first: bool = True
    """False when the button found the member already as asked (someone else was first)."""


class Membership:
    def __init__(self, approvals: Approvals) -> None:
        self.db = approvals.db
        self.outbox = approvals.outbox
        self.people = approvals.people
        self.approvals = approvals
        """Its on_approve hooks bring a member back in (seminars and calls still open)."""
        self.on_deactivate: list[Callable[[int], Awaitable[None]]] = []
        """What other features let go of for a deactivated member, by users id, in the same
        transaction (their places at seminars still ahead, so the waitlist moves up)."""
        self._written: dict[int, datetime] = {}
        """When each person's time was last queued for writing, by Telegram id."""
        self._due: dict[int, str] = {}
        self._writing: asyncio.Task[None] | None = None

    def seen(self, telegram_id: int) -> None:
        """The person sent an update: their last-active time, at most every ACTIVE_EVERY, and
        written beside the update, never in its way (a database busy elsewhere holds up the
        writing, not the reply)."""
        now = self.people.clock.now()
        last = self._written.get(telegram_id)
        if last is not None and now - last < ACTIVE_EVERY:
            return
        if len(self._written) >= REMEMBERED:
            self._written = {t: at for t, at in self._written.items() if now - at < ACTIVE_EVERY}
        self._written[telegram_id] = now
        self._due[telegram_id] = utcnow_iso(now)
        if self._writing is None or self._writing.done():
            self._writing = asyncio.create_task(self._write())

    async def written(self) -> None:
        """Once the last-active times seen so far are in the database."""
        if self._writing is not None:
            await asyncio.shield(self._writing)

    async def _write(self) -> None:
        while self._due:
            due, self._due = self._due, {}
            try:
                await users_repo.seen(self.db, due, ACTIVE_EVERY)
            except Exception as exc:  # noqa: BLE001 - a missed stamp is not worth an update
                log.warning("%s last-active times not written: %s", len(due), type(exc).__name__)

    async def card(self, actor_tid: int, user_id: int) -> MemberCard:
        _, target = await self._member(actor_tid, user_id)
        return await self._card(target)

    async def deactivate(self, actor_tid: int, user_id: int) -> MemberCard:
        """Stops every push to the member; their records stay."""
        actor, target = await self._member(actor_tid, user_id)
        now = self.people.now()
        async with self.db.transaction():
            first = await users_repo.set_active(self.db, target.id, False, now)
            if first:
                if target.telegram_id is not None:
                    await self.outbox.cancel_for_chat(target.telegram_id)
                for let_go in self.on_deactivate:
                    await let_go(target.id)
                await audit.record(
                    self.db, _id(actor), "member_deactivated", "user", target.id, at=now
                )
        if first:
            log.info("user %s deactivated by user %s", target.id, _id(actor))
        return await self._card(await self._reread(target), first)

    async def reactivate(self, actor_tid: int, user_id: int) -> MemberCard:
        """Back as an approved member, told so and invited to what is still open."""
        actor, target = await self._member(actor_tid, user_id)
        now = self.people.now()
        tid = target.telegram_id
        async with self.db.transaction():
            first = await users_repo.set_active(self.db, target.id, True, now)
            if first:
                await audit.record(
                    self.db, _id(actor), "member_reactivated", "user", target.id, at=now
                )
            if first and tid is not None:
                await self.outbox.enqueue(
                    f"reactivated:{target.id}:{now}", tid, "account", "member_reactivated", {}
                )
                for welcome in self.approvals.on_approve:
                    await welcome(target.id, tid)
        if first:
            log.info("user %s reactivated by user %s", target.id, _id(actor))
        return await self._card(await self._reread(target), first)

    async def _member(self, actor_tid: int, user_id: int) -> tuple[Actor, User]:
        """A member (not staff) approved or deactivated, in a region this person covers."""
        actor = await self.people.require_staff(actor_tid)
        target = await users_repo.by_id(self.db, user_id)
        if target is None or target.role != "member":
            raise NotFound(str(user_id))
        if target.status not in ("approved", "inactive"):
            raise NotFound(str(user_id))
        if not actor.covers_region(await places.region_id_of(self.db, target.municipality_id)):
            raise NotAllowed
        return actor, target

    async def _reread(self, user: User) -> User:
        found = await users_repo.by_id(self.db, user.id)
        return found if found is not None else user

    async def _card(self, user: User, first: bool = True) -> MemberCard:
        place = await places.path(self.db, user.municipality_id)
        change = None
        if user.status == "inactive":
            change = await audit.last_about(self.db, "user", user.id, "member_deactivated")
        return MemberCard(user, place, change, first)


def _id(actor: Actor) -> int | None:
    return actor.user.id if actor.user is not None else None
