"""What a reviewer on a panel does: sees the submissions assigned to them, and only those, and
scores each against the criteria, with a comment where they want one.

A reviewer's scores are theirs: another reviewer never reads them; the competition's managers
read them all (with the weighted average) on the submission's card.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict, cast

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import panel as repo
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.repo.competitions import Competition, Entrant
from bot.competitions.repo.panel import Criterion, Score
from bot.competitions.repo.submissions import Submission, Version
from bot.competitions.service.panel_scores import PanelSummary, parse_score, summary
from bot.competitions.service.reviews import Card, Reviews
from bot.core import flows
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.flows import Flow
from bot.core.people import Actor

SCORE_FLOW = "panel_score"
CLOSING = ("competition_cancelled", "results_published", "no_criteria")
"""Refusals no retyping can fix: the scoring flow closes with them."""


class ScoreData(TypedDict):
    submission_id: int
    index: int
    """The criterion asked now, by its place in the list."""


@dataclass(frozen=True)
class Assignment:
    submission: Submission
    competition: Competition
    entrant: Entrant
    scored: int
    criteria: int


@dataclass(frozen=True)
class Sheet:
    """One submission as its reviewer sees it: what was sent, the criteria, their own scores."""

    competition: Competition
    submission: Submission
    entrant: Entrant
    version: Version | None
    criteria: list[Criterion]
    mine: dict[int, Score]

    @property
    def open(self) -> bool:
        c = self.competition
        return bool(self.criteria) and not c.cancelled and not c.results_published_at


class Scoring:
    def __init__(self, reviews: Reviews) -> None:
        self.reviews = reviews
        self.db = reviews.db

    async def queue(self, telegram_id: int, competition_id: int | None = None) -> list[Assignment]:
        """Everything assigned to this reviewer (in one competition when named)."""
        actor = await self.reviews.competitions.people.require_staff(telegram_id)
        uid = await self._uid(actor)
        found = []
        for sid in await repo.queue(self.db, uid):
            sheet = await self._sheet(actor, uid, sid)
            if competition_id is not None and sheet.competition.id != competition_id:
                continue
            found.append(Assignment(sheet.submission, sheet.competition, sheet.entrant,
                                    len(sheet.mine), len(sheet.criteria)))  # fmt: skip
        return found

    async def sheet(self, telegram_id: int, submission_id: int) -> Sheet:
        """Refused to anyone the submission is not assigned to, managers included (they read
        every score on the card instead)."""
        actor = await self.reviews.competitions.people.require_staff(telegram_id)
        return await self._sheet(actor, await self._uid(actor), submission_id)

    async def begin(self, telegram_id: int, submission_id: int) -> tuple[Flow, Sheet]:
        """Scoring from the first criterion the reviewer has not scored (from the first when
        all are scored: they are going over them again)."""
        sheet = await self._scorable(telegram_id, submission_id)
        index = next((n for n, c in enumerate(sheet.criteria) if c.id not in sheet.mine), 0)
        data: ScoreData = {"submission_id": submission_id, "index": index}
        flow = Flow(telegram_id, SCORE_FLOW, "score", {**data})
        await flows.save(self.db, flow, self.reviews.now())
        return flow, sheet

    async def text(self, telegram_id: int, raw: str) -> tuple[Flow, Sheet]:
        """One criterion's score (and comment); the next criterion is asked, or the flow ends
        at step 'done'."""
        flow = await flows.get(self.db, telegram_id)
        if flow is None or flow.flow != SCORE_FLOW:
            raise Refusal("stale")
        data = cast(ScoreData, flow.data)
        try:
            sheet = await self._scorable(telegram_id, int(data["submission_id"]))
            index = int(data["index"])
            if index >= len(sheet.criteria):
                raise Refusal("no_criteria")
            criterion = sheet.criteria[index]
            await self.score(telegram_id, sheet.submission.id, criterion.id, raw)
        except (Refusal, NotAllowed, NotFound) as exc:
            if not isinstance(exc, Refusal) or exc.code in CLOSING:
                await flows.clear(self.db, telegram_id)
            raise
        sheet = await self.sheet(telegram_id, sheet.submission.id)
        data["index"] = index + 1
        if data["index"] >= len(sheet.criteria):
            await flows.clear(self.db, telegram_id)
            flow.step = "done"
        else:
            await flows.save(self.db, flow, self.reviews.now())
        return flow, sheet

    async def score(
        self, telegram_id: int, submission_id: int, criterion_id: int, raw: str
    ) -> Sheet:
        """One criterion's score, as a form sends it: checked against its scale; the same
        score sent again changes nothing."""
        sheet = await self._scorable(telegram_id, submission_id)
        criterion = next((c for c in sheet.criteria if c.id == criterion_id), None)
        if criterion is None:
            raise Refusal("stale")
        value, comment = parse_score(raw, criterion.scale_max)
        actor = await self.reviews.competitions.people.require_staff(telegram_id)
        who = await self.reviews.actor_ids(actor)
        before = sheet.mine.get(criterion_id)
        if before is not None and (before.score, before.comment) == (value, comment):
            return sheet
        async with self.db.transaction():
            now = self.reviews.now()
            await repo.save_score(self.db, submission_id, who["actor_id"], criterion_id, value,
                                  comment, now)  # fmt: skip
            await subs_repo.log(
                self.db, sheet.competition.id, "panel_score", now, entrant_id=sheet.entrant.id,
                submission_id=submission_id, to_status=str(criterion.position),
                comment=f"{value}/{criterion.scale_max}", **who,
            )  # fmt: skip
        return await self.sheet(telegram_id, submission_id)

    async def summary(self, telegram_id: int, submission_id: int) -> tuple[Card, PanelSummary]:
        """Every reviewer's scores and the average, for the competition's managers only."""
        card = await self.reviews.card(telegram_id, submission_id)
        found = await summary(self.db, card.competition.id, submission_id)
        if found is None:
            raise Refusal("no_panel")
        return card, found

    async def _scorable(self, telegram_id: int, submission_id: int) -> Sheet:
        sheet = await self.sheet(telegram_id, submission_id)
        if sheet.competition.cancelled:
            raise Refusal("competition_cancelled")
        if sheet.competition.results_published_at:
            raise Refusal("results_published")
        if not sheet.criteria:
            raise Refusal("no_criteria")
        return sheet

    async def _uid(self, actor: Actor) -> int:
        return (await self.reviews.actor_ids(actor))["actor_id"]

    async def _sheet(self, actor: Actor, uid: int, submission_id: int) -> Sheet:
        s = await subs_repo.get(self.db, submission_id)
        if s is None or not await repo.may_review(self.db, s.id, uid):
            raise NotAllowed
        c = await self.reviews.competitions.get(s.competition_id)
        if not actor.staff_of(c.programme_id):
            raise NotAllowed
        entrant = await comp_repo.entrant(self.db, c, s.entrant_id)
        if entrant is None:
            raise NotFound(str(s.entrant_id))
        mine = {x.criterion_id: x for x in await repo.scores(self.db, s.id, uid)}
        criteria = await repo.criteria(self.db, c.id)
        mine = {cid: x for cid, x in mine.items() if cid in {k.id for k in criteria}}
        version = await subs_repo.version(self.db, s.id)
        return Sheet(c, s, entrant, version, criteria, mine)
