"""A competition's review panel as its managers run it: reviewers (staff of the competition's
programme) assigned to every submission or to chosen ones, and the criteria they score against.

Managing the panel is for whoever may manage the competition; the decision on a submission
(status, result) stays theirs. Reviewers score through `Scoring` (panel_review.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict, cast

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import panel as repo
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.repo.competitions import Competition, Entrant
from bot.competitions.repo.panel import Criterion, Reviewer
from bot.competitions.repo.submissions import Submission
from bot.competitions.service import notices as pushes
from bot.competitions.service.panel_scores import parse_criteria
from bot.competitions.service.reviews import ActorIds, Reviews
from bot.core import audit, flows
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.flows import Flow
from bot.core.people import Actor

CRITERIA_FLOW = "panel_criteria"
AUDITED = {
    "reviewer_added": "reviewer_assigned",
    "reviewer_removed": "reviewer_removed",
    "criteria_set": "criteria_set",
}
"""The competition log's action, and the staff record's."""


class CriteriaData(TypedDict):
    competition_id: int


@dataclass(frozen=True)
class PanelBoard:
    competition: Competition
    reviewers: list[Reviewer]
    criteria: list[Criterion]
    scored: bool
    """Someone has scored already: the criteria can no longer be replaced."""


@dataclass(frozen=True)
class ReviewerDesk:
    """One reviewer's assignment, as their managers change it."""

    competition: Competition
    reviewer: Reviewer
    submissions: list[tuple[Submission, Entrant, bool]]
    """Each submission with whether this reviewer reviews it."""


class Panel:
    def __init__(self, reviews: Reviews) -> None:
        self.reviews = reviews
        self.competitions = reviews.competitions
        self.db = reviews.db
        self.outbox = reviews.outbox

    async def board(self, telegram_id: int, competition_id: int) -> PanelBoard:
        _, competition = await self.competitions.manage(telegram_id, competition_id)
        return await self._board(competition)

    async def _board(self, c: Competition) -> PanelBoard:
        scored = await repo.scored_in(self.db, c.id) > 0
        return PanelBoard(c, await repo.reviewers(self.db, c.id),
                          await repo.criteria(self.db, c.id), scored)  # fmt: skip

    async def candidates(self, telegram_id: int, competition_id: int) -> list[tuple[int, str]]:
        """Staff of the competition's programme not on its panel yet: (users id, name)."""
        _, c = await self.competitions.manage(telegram_id, competition_id)
        on = {r.user_id for r in await repo.reviewers(self.db, c.id)}
        admins = tuple(self.competitions.people.config.admins)
        found = await repo.staff_of_programme(self.db, c.programme_id, admins)
        return [(uid, name) for uid, _, name in found if uid not in on]

    async def add(self, telegram_id: int, competition_id: int, user_id: int) -> PanelBoard:
        """Onto the panel for every submission; the reviewer is told, once."""
        actor, c = await self._open(telegram_id, competition_id)
        target = await self._staff(c, user_id)
        who = await self.reviews.actor_ids(actor)
        async with self.db.transaction():
            if await repo.add_reviewer(self.db, c.id, user_id, who["actor_id"], self.reviews.now()):
                await self._record(c, "reviewer_added", who, user_id)
                await self.outbox.enqueue_many(
                    [pushes.reviewer_assigned(c.id, user_id, target)],
                    programme_id=c.programme_id,
                )
        return await self._board(c)

    async def drop(self, telegram_id: int, competition_id: int, user_id: int) -> PanelBoard:
        actor, c = await self._open(telegram_id, competition_id)
        who = await self.reviews.actor_ids(actor)
        async with self.db.transaction():
            if await repo.drop_reviewer(self.db, c.id, user_id):
                await self._record(c, "reviewer_removed", who, user_id)
        return await self._board(c)

    async def desk(self, telegram_id: int, competition_id: int, user_id: int) -> ReviewerDesk:
        _, c = await self.competitions.manage(telegram_id, competition_id)
        reviewer = next((r for r in await repo.reviewers(self.db, c.id) if r.user_id == user_id),
                        None)  # fmt: skip
        if reviewer is None:
            raise Refusal("not_a_reviewer")
        picked = await repo.assigned(self.db, c.id, user_id)
        entrants = {e.id: e for e in await comp_repo.entrants(self.db, c)}
        rows = [(s, entrants[s.entrant_id], reviewer.every_submission or s.id in picked)
                for s in await subs_repo.of_competition(self.db, c.id)
                if s.entrant_id in entrants]  # fmt: skip
        return ReviewerDesk(c, reviewer, rows)

    async def set_every(
        self, telegram_id: int, competition_id: int, user_id: int, every: bool
    ) -> ReviewerDesk:
        await self.desk(telegram_id, competition_id, user_id)
        await self._open(telegram_id, competition_id)
        await repo.set_every(self.db, competition_id, user_id, every)
        return await self.desk(telegram_id, competition_id, user_id)

    async def toggle(
        self, telegram_id: int, competition_id: int, user_id: int, submission_id: int
    ) -> ReviewerDesk:
        """One submission given to, or taken from, a reviewer of chosen submissions."""
        desk = await self.desk(telegram_id, competition_id, user_id)
        await self._open(telegram_id, competition_id)
        if desk.reviewer.every_submission:
            raise Refusal("stale")
        if submission_id not in {s.id for s, _, _ in desk.submissions}:
            raise NotFound(str(submission_id))
        await repo.toggle(self.db, submission_id, user_id)
        return await self.desk(telegram_id, competition_id, user_id)

    async def begin_criteria(self, telegram_id: int, competition_id: int) -> Flow:
        await self._criteria_open(telegram_id, competition_id)
        data: CriteriaData = {"competition_id": competition_id}
        flow = Flow(telegram_id, CRITERIA_FLOW, "lines", {**data})
        await flows.save(self.db, flow, self.reviews.now())
        return flow

    async def set_criteria(self, telegram_id: int, competition_id: int, raw: str) -> PanelBoard:
        """Every criterion at once, one a line; refused whole when a line can't be read."""
        found = parse_criteria(raw)
        actor, c = await self._criteria_open(telegram_id, competition_id)
        who = await self.reviews.actor_ids(actor)
        async with self.db.transaction():
            if await repo.scored_in(self.db, c.id):
                raise Refusal("criteria_scored")
            await repo.replace_criteria(self.db, c.id, found)
            await self._record(c, "criteria_set", who, len(found))
        return await self._board(c)

    async def text(self, telegram_id: int, raw: str) -> PanelBoard:
        """The criteria typed in the chat; the flow closes once they are saved, or when they
        can no longer be set."""
        flow = await flows.get(self.db, telegram_id)
        if flow is None or flow.flow != CRITERIA_FLOW:
            raise Refusal("stale")
        cid = int(cast(CriteriaData, flow.data)["competition_id"])
        try:
            board = await self.set_criteria(telegram_id, cid, raw)
        except Refusal as exc:
            if exc.code in ("criteria_scored", "competition_cancelled", "results_published"):
                await flows.clear(self.db, telegram_id)
            raise
        await flows.clear(self.db, telegram_id)
        return board

    async def _open(self, telegram_id: int, competition_id: int) -> tuple[Actor, Competition]:
        actor, c = await self.competitions.manage(telegram_id, competition_id)
        if c.cancelled:
            raise Refusal("competition_cancelled")
        return actor, c

    async def _criteria_open(
        self, telegram_id: int, competition_id: int
    ) -> tuple[Actor, Competition]:
        actor, c = await self._open(telegram_id, competition_id)
        if c.results_published_at:
            raise Refusal("results_published")
        return actor, c

    async def _staff(self, c: Competition, user_id: int) -> int:
        """The Telegram id of a staff member of the competition's programme; anyone else is
        refused (a forged button, or someone who lost the role)."""
        user = await users_repo.by_id(self.db, user_id)
        if user is None or user.telegram_id is None:
            raise NotFound(str(user_id))
        actor = await self.competitions.people.actor_of(user.telegram_id, user)
        if not actor.staff_of(c.programme_id):
            raise NotAllowed
        return user.telegram_id

    async def _record(self, c: Competition, action: str, who: ActorIds, detail: int) -> None:
        """The competition log and the staff record, in the caller's transaction; the detail
        is a users id or a count, never a name."""
        now = self.reviews.now()
        await subs_repo.log(self.db, c.id, action, now, comment=str(detail), **who)
        await audit.record(self.db, who["actor_id"], AUDITED[action], "competition", c.id,
                           str(detail), now)  # fmt: skip
