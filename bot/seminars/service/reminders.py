"""A seminar's reminders as its staff set them, and the reminders planned again when they change.

Changing them drops the unsent reminders of everyone coming and queues the new ones in the same
transaction. A reminder keeps its key when it is planned again, so one already sent is not sent
a second time, and a restart finds every planned one in the outbox.
"""

from __future__ import annotations

import logging

from bot.core import audit
from bot.core.errors import Refusal
from bot.core.reminders import repo as settings_repo
from bot.core.reminders.card import ReminderCard
from bot.core.reminders.settings import Settings
from bot.seminars.repo import seminars as repo
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service import notices as pushes
from bot.seminars.service.reminder_plan import planned_for
from bot.seminars.service.seminars import Seminars

log = logging.getLogger(__name__)
FLOW = "seminar_reminders"


class SeminarReminderCard(ReminderCard):
    flow_name = FLOW
    event = "seminar"


class SeminarReminders:
    def __init__(self, seminars: Seminars) -> None:
        self.seminars = seminars
        self.db = seminars.db

    async def settings(self, telegram_id: int, seminar_id: int) -> tuple[Seminar, Settings]:
        """Only those who manage the seminar see its reminders."""
        _, seminar = await self.seminars.manage(telegram_id, seminar_id)
        return seminar, await settings_repo.get(self.db, "seminar", seminar_id)

    async def current(self, telegram_id: int, seminar_id: int) -> Settings:
        return (await self.settings(telegram_id, seminar_id))[1]

    def card(self) -> SeminarReminderCard:
        return SeminarReminderCard(self, self.db, self.seminars.clock)

    async def save(self, telegram_id: int, seminar_id: int, settings: Settings) -> Settings:
        actor, seminar = await self.seminars.manage(telegram_id, seminar_id)
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        user_id = actor.user.id if actor.user is not None else None
        async with self.db.transaction():
            await settings_repo.save(self.db, "seminar", seminar_id, settings, self.seminars.now())
            await self.replan(seminar)
            detail = settings.listed() if settings.enabled else "off"
            await audit.record(self.db, user_id, "reminders_set", "seminar", seminar_id, detail)
        log.info("seminar %s reminders set by user %s", seminar_id, user_id)
        return settings

    async def replan(self, seminar: Seminar) -> None:
        """Inside the caller's transaction: unsent reminders of those coming, planned anew."""
        outbox = self.seminars.outbox
        await outbox.cancel_keyed(pushes.remind_prefix(seminar.id))
        config, now = self.seminars.people.config, self.seminars.clock.now()
        plan = await planned_for(self.db, config, seminar, now)
        going = await repo.invitations(self.db, seminar.id, ("going",))
        await outbox.enqueue_many(
            (p for inv in going if inv.telegram_id
             for p in pushes.reminders(seminar, inv.user_id, inv.telegram_id, plan)),
            revive=True, programme_id=seminar.programme_id,
        )  # fmt: skip
