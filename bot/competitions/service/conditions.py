"""Conditional wins after publication: the only way a published result changes.

When results are published, each conditional winner's submission goes back to 'needs revision'
with the condition as the comment and its deadline as the revision deadline, so the entrant
sends the revised plan through the same loop as any revision. Staff then settle it once:
- met (by the deadline): the entrant becomes a plain winner ("Winner (condition met)") and
  keeps the grant recorded with the conditional win. A conditional win is recorded without a
  place, so there is no place to give; the submission is accepted. Every eligible member is
  told of the change, the entrant's own staff with congratulations;
- not met: the conditional win lapses and leaves the public lists; the entrant's staff are told.
Each settlement is one transaction with its competition-log row, its audit row and its
notices; a second tap finds it settled and changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import submissions as repo
from bot.competitions.repo.competitions import Competition
from bot.competitions.repo.submissions import Result
from bot.competitions.service import notices as pushes
from bot.competitions.service.reviews import ActorIds, Card, Reviews
from bot.core import audit
from bot.core.errors import Refusal
from bot.delivery.outbox import Push

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settled:
    card: Card
    changed: bool
    """False when it had already been settled this way (a second tap)."""
    told: int


class Conditions:
    def __init__(self, reviews: Reviews) -> None:
        self.reviews = reviews
        self.db = reviews.db
        self.clock = reviews.clock
        self.outbox = reviews.outbox

    async def reopen(self, c: Competition, results: list[Result], who: ActorIds) -> None:
        """At publication, in its transaction: each pending conditional winner may send again
        until its condition's deadline."""
        now = self.clock.now()
        for r in results:
            if r.award != "conditional" or r.condition_state != "pending":
                continue
            if r.condition_deadline is None or r.condition_deadline <= now:
                continue
            s = await repo.of_entrant(self.db, c.id, r.entrant_id)
            if s is None:
                continue
            await repo.set_review(self.db, s.id, self.reviews.now(), status="needs_revision",
                                  review_comment=r.condition,
                                  revision_deadline=r.condition_deadline)  # fmt: skip
            await self.reviews.log(s, "status", who, from_status=s.status,
                                   to_status="needs_revision", comment=r.condition)  # fmt: skip

    async def settle(self, telegram_id: int, submission_id: int, met: bool) -> Settled:
        actor, card = await self.reviews.manage_card(telegram_id, submission_id)
        c, s = card.competition, card.submission
        if c.cancelled:
            raise Refusal("competition_cancelled")
        if not c.results_published_at:
            raise Refusal("results_not_published")
        wanted = "met" if met else "not_met"
        who = await self.reviews.actor_ids(actor)
        async with self.db.transaction():
            r = await repo.result_of(self.db, c.id, s.entrant_id)
            if r is None or r.award != "conditional":
                raise Refusal("not_conditional")
            if r.condition_state == wanted:
                return Settled(card, False, 0)
            if r.condition_state != "pending":
                raise Refusal("condition_settled")
            deadline = r.condition_deadline
            if met and deadline is not None and self.clock.now() > deadline:
                raise Refusal("condition_deadline_passed", date=deadline)
            now = self.reviews.now()
            await repo.settle_condition(self.db, c.id, s.entrant_id, wanted, who["actor_id"], now)
            fresh = await repo.get(self.db, s.id)
            if met and fresh is not None and fresh.status != "accepted":
                await repo.set_review(self.db, s.id, now, status="accepted")
                await self.reviews.log(s, "status", who, from_status=fresh.status,
                                       to_status="accepted")  # fmt: skip
            await self.reviews.log(s, "condition", who, to_status=wanted, comment=r.condition)
            await audit.record(self.db, who["actor_id"], f"condition_{wanted}", "submission",
                               s.id, str(s.entrant_id), now)  # fmt: skip
            told = await self._tell(c, s.entrant_id, wanted)
        log.info("condition of submission %s settled as %s by user %s; %s told",
                 s.id, wanted, who["actor_id"], told)  # fmt: skip
        return Settled(await self.reviews.card(telegram_id, submission_id), True, told)

    async def _tell(self, c: Competition, entrant_id: int, wanted: str) -> int:
        """Met: the entrant's staff are congratulated, every other eligible member hears of
        the new winner. Not met: the entrant's staff only."""
        own = {uid: chat for _, uid, chat in
               await comp_repo.staff_of(self.db, c.entrant_kind, [entrant_id])}  # fmt: skip
        found: list[Push] = [
            pushes.condition_settled(c.id, entrant_id, uid, chat, f"condition_{wanted}_own")
            for uid, chat in own.items()
        ]
        if wanted == "met":
            eligible = [e.id for e in await comp_repo.entrants(self.db, c)]
            for _, uid, chat in await comp_repo.staff_of(self.db, c.entrant_kind, eligible):
                if uid not in own:
                    own[uid] = chat
                    found.append(pushes.condition_settled(c.id, entrant_id, uid, chat,
                                                          "condition_met"))  # fmt: skip
        await self.outbox.enqueue_many(found, programme_id=c.programme_id)
        return len(found)
