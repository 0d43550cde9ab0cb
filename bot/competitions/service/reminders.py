"""A competition's reminders as its staff set them, planned again for every entrant still to send.

Changing them drops the unsent reminders and queues the new ones in the same transaction. A
reminder keeps its key when it is planned again, so one already sent is not sent a second time,
and a restart finds every planned one in the outbox.
"""

from __future__ import annotations

import logging

from bot.competitions.repo import competitions as repo
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.repo.competitions import Competition
from bot.competitions.service import notices as pushes
from bot.competitions.service.competitions import Competitions
from bot.core import audit
from bot.core.errors import Refusal
from bot.core.reminders import repo as settings_repo
from bot.core.reminders.card import ReminderCard
from bot.core.reminders.settings import Settings

log = logging.getLogger(__name__)
FLOW = "competition_reminders"


class CompetitionReminderCard(ReminderCard):
    flow_name = FLOW
    event = "competition"


class CompetitionReminders:
    def __init__(self, competitions: Competitions) -> None:
        self.competitions = competitions
        self.db = competitions.db

    async def settings(self, telegram_id: int, competition_id: int) -> tuple[Competition, Settings]:
        """Only those who manage the competition see its reminders."""
        _, competition = await self.competitions.manage(telegram_id, competition_id)
        return competition, await settings_repo.get(self.db, "competition", competition_id)

    async def current(self, telegram_id: int, competition_id: int) -> Settings:
        return (await self.settings(telegram_id, competition_id))[1]

    def card(self) -> CompetitionReminderCard:
        return CompetitionReminderCard(self, self.db, self.competitions.clock)

    async def save(self, telegram_id: int, competition_id: int, settings: Settings) -> Settings:
        actor, competition = await self.competitions.manage(telegram_id, competition_id)
        if competition.cancelled:
            raise Refusal("competition_cancelled")
        user_id = actor.user.id if actor.user is not None else None
        now = self.competitions.now()
        async with self.db.transaction():
            await settings_repo.save(self.db, "competition", competition_id, settings, now)
            await self._replan(competition)
            detail = settings.listed() if settings.enabled else "off"
            await audit.record(
                self.db, user_id, "reminders_set", "competition", competition_id, detail
            )
        log.info("competition %s reminders set by user %s", competition_id, user_id)
        return settings

    async def _replan(self, competition: Competition) -> None:
        """Unsent reminders of the entrants that have not sent yet, planned anew."""
        outbox = self.competitions.outbox
        await outbox.cancel_keyed(pushes.remind_prefix(competition.id))
        done = await subs_repo.submitted_entrants(self.db, competition.id)
        waiting = [e.id for e in await repo.entrants(self.db, competition) if e.id not in done]
        calls = await self.competitions._calls(competition, waiting)
        await outbox.enqueue_many(
            [p for p in calls if p.template == "competition_reminder"],
            revive=True, programme_id=competition.programme_id,
        )  # fmt: skip
