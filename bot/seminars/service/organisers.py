"""Co-organisers: staff of the seminar's programme whom its organisers add, so that two
coordinators limited to different regions can run one seminar together. Each of them manages it
as its author does (see `Seminars.manage`), and the audit log names whoever acted."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.core import audit
from bot.core import users as users_repo
from bot.core.errors import Refusal
from bot.db import utcnow_iso
from bot.seminars.repo import organisers as repo
from bot.seminars.repo.organisers import Organiser
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.cycle_notices import drop_followups, followups
from bot.seminars.service.seminars import Seminars

log = logging.getLogger(__name__)
CANDIDATES = 8
"""How many staff the card offers to add; the rest of a large programme are not shown."""


@dataclass(frozen=True)
class Team:
    seminar: Seminar
    organisers: list[Organiser]
    """The author first, then the co-organisers."""
    candidates: list[Organiser]
    """Staff of the programme who could be added."""


class Organisers:
    def __init__(self, seminars: Seminars) -> None:
        self.seminars = seminars
        self.db = seminars.db
        self.outbox = seminars.outbox
        self.clock = seminars.clock

    async def team(self, telegram_id: int, seminar_id: int) -> Team:
        _, seminar = await self.seminars.manage(telegram_id, seminar_id)
        organisers = await repo.of_seminar(self.db, seminar_id)
        taken = {o.user_id for o in organisers}
        staff = await repo.programme_staff(self.db, seminar.programme_id)
        fresh = [s for s in staff if s.user_id not in taken][:CANDIDATES]
        return Team(seminar, organisers, fresh)

    async def add(self, telegram_id: int, seminar_id: int, user_id: int) -> bool:
        """Only staff of the seminar's programme; False when they already were one."""
        actor, seminar = await self.seminars.manage(telegram_id, seminar_id)
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        user = await users_repo.by_id(self.db, user_id)
        if user is None or user.telegram_id is None or user.id == seminar.created_by:
            raise Refusal("coorganiser_not_staff")
        candidate = await self.seminars.people.actor_of(user.telegram_id, user)
        if not candidate.staff_of(seminar.programme_id):
            raise Refusal("coorganiser_not_staff")
        by = actor.user.id if actor.user else None
        now = utcnow_iso(self.clock.now())
        async with self.db.transaction():
            if not await repo.add(self.db, seminar_id, user_id, by, now):
                return False
            await audit.record(
                self.db, by, "coorganiser_added", "seminar", seminar_id, f"#{user_id}", now
            )
            if seminar.ends_at > self.clock.now():
                days = self.seminars.people.config.followup_days
                await self.outbox.enqueue_many(
                    followups(seminar, user_id, user.telegram_id, days),
                    revive=True, programme_id=seminar.programme_id,
                )  # fmt: skip
        log.info("seminar %s: user %s added co-organiser %s", seminar_id, by, user_id)
        return True

    async def remove(self, telegram_id: int, seminar_id: int, user_id: int) -> bool:
        """The author can't be removed (they are not a co-organiser); False when not one."""
        actor, _ = await self.seminars.manage(telegram_id, seminar_id)
        by = actor.user.id if actor.user else None
        now = utcnow_iso(self.clock.now())
        async with self.db.transaction():
            if not await repo.remove(self.db, seminar_id, user_id):
                return False
            await audit.record(
                self.db, by, "coorganiser_removed", "seminar", seminar_id, f"#{user_id}", now
            )
            await drop_followups(self.outbox, seminar_id, user_id)
        log.info("seminar %s: user %s removed co-organiser %s", seminar_id, by, user_id)
        return True
