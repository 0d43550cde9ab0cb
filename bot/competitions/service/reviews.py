"""Reviewing submissions: the lists by status, one submission's card, status changes, scores.

A status change, its audit-log rows and the notices to the entrant's staff are written in one
transaction, so no change goes unlogged and nobody is told of a change that was not saved.
Comments, revision deadlines and scores are typed in small flows kept in the flows table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NotRequired, TypedDict, Unpack, cast

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import submissions as repo
from bot.competitions.repo.competitions import Competition, Entrant
from bot.competitions.repo.submissions import LogEntry, Result, ReviewFields, Submission, Version
from bot.competitions.service import notices as pushes
from bot.competitions.service.competitions import Competitions
from bot.competitions.service.panel_scores import PanelSummary, summary
from bot.core import audit, flows
from bot.core import users as users_repo
from bot.core.errors import NotFound, Refusal
from bot.core.fields import whole_number
from bot.core.flows import Flow
from bot.core.people import Actor
from bot.core.timeparse import parse_local
from bot.db import Database, utcnow_iso

PAGE = 8
MAX_COMMENT = 1000
MOVES = {
    "received": ("under_review",),
    "under_review": ("accepted", "needs_revision", "rejected"),
    "needs_revision": ("under_review", "accepted", "rejected"),
    "accepted": (),
    "rejected": (),
}
"""Where a reviewer may take a submission from each status; resubmitting makes it 'received'."""
FLOWS = ("review_comment", "review_score", "review_reason")
FINAL = ("review_moved", "competition_cancelled", "results_published")
"""Refusals no retyping can fix: the open flow is closed with them."""


class ReviewData(TypedDict):
    """A review flow's data in the flows table: the submission, and the comment once typed."""

    submission_id: int
    comment: NotRequired[str]


def review_data(flow: Flow) -> ReviewData:
    """The flows table keeps JSON; `begin_revision`, `begin_score` and `text` wrote it in this
    shape."""
    return cast(ReviewData, flow.data)


class ActorIds(TypedDict):
    """Who a log row is by (see `Reviews.actor_ids`)."""

    actor_id: int
    actor_telegram_id: int


class LogFields(TypedDict, total=False):
    """What a log row about a submission says besides who and when."""

    from_status: str | None
    to_status: str | None
    comment: str | None


@dataclass(frozen=True)
class Listing:
    competition: Competition
    counts: dict[str, int]
    items: list[tuple[Submission, Entrant]]
    status: str
    """A status, or "all"."""
    page: int
    pages: int


@dataclass(frozen=True)
class Card:
    competition: Competition
    submission: Submission
    entrant: Entrant
    version: Version | None
    result: Result | None
    panel: PanelSummary | None = None
    """The panel's scores and their average, where the competition has a panel."""

    @property
    def moves(self) -> tuple[str, ...]:
        return () if self.competition.cancelled else MOVES[self.submission.status]


def check_comment(raw: str) -> str:
    text = (raw or "").strip()
    if not text:
        raise Refusal("text_empty")
    if len(text) > MAX_COMMENT:
        raise Refusal("field_too_long", limit=MAX_COMMENT, length=len(text))
    return text


def check_reason(raw: str | None) -> str:
    """A rejection says why: the entrant's staff read it with the decision."""
    if not (raw or "").strip():
        raise Refusal("reason_required")
    return check_comment(raw or "")


def check_score(raw: str) -> int:
    score = whole_number(raw)
    if score is None or score > 100:
        raise Refusal("score_range")
    return score


class Reviews:
    def __init__(self, competitions: Competitions) -> None:
        self.competitions = competitions
        self.db = competitions.db
        self.clock = competitions.clock
        self.outbox = competitions.outbox
        self.zone = competitions.people.config.zone

    def now(self) -> str:
        return utcnow_iso(self.clock.now())

    async def listing(
        self,
        telegram_id: int,
        competition_id: int,
        status: str = "all",
        page: int = 0,
        per_page: int = PAGE,
    ) -> Listing:
        """One page of the submissions in a status; the chat shows `PAGE` a page, a browser
        more."""
        _, competition = await self.competitions.manage(telegram_id, competition_id)
        if status != "all" and status not in MOVES:
            raise Refusal("stale")
        found = await repo.of_competition(
            self.db, competition_id, None if status == "all" else status
        )
        pages = max(1, -(-len(found) // per_page))
        page = min(max(page, 0), pages - 1)
        names = {e.id: e for e in await comp_repo.entrants(self.db, competition)}
        items = [
            (s, names[s.entrant_id])
            for s in found[page * per_page : (page + 1) * per_page]
            if s.entrant_id in names
        ]
        counts = await repo.counts(self.db, competition_id)
        return Listing(competition, counts, items, status, page, pages)

    async def manage_card(self, telegram_id: int, submission_id: int) -> tuple[Actor, Card]:
        """The submission's card, for staff who may manage its competition only."""
        submission = await repo.get(self.db, submission_id)
        if submission is None:
            raise NotFound(str(submission_id))
        actor, competition = await self.competitions.manage(telegram_id, submission.competition_id)
        entrant = await comp_repo.entrant(self.db, competition, submission.entrant_id)
        if entrant is None:
            raise NotFound(str(submission.entrant_id))
        version = await repo.version(self.db, submission_id)
        result = next(
            (r for r in await repo.results(self.db, competition.id) if r.entrant_id == entrant.id),
            None,
        )
        panel = await summary(self.db, competition.id, submission_id)
        return actor, Card(competition, submission, entrant, version, result, panel)

    async def card(self, telegram_id: int, submission_id: int) -> Card:
        return (await self.manage_card(telegram_id, submission_id))[1]

    async def history(self, telegram_id: int, submission_id: int) -> tuple[Card, list[LogEntry]]:
        card = await self.card(telegram_id, submission_id)
        return card, await repo.history(self.db, submission_id)

    async def set_status(
        self, telegram_id: int, submission_id: int, status: str, reason: str | None = None
    ) -> Card:
        """Every move but 'needs revision', which asks for a comment and a deadline first;
        'rejected' only with its reason."""
        if status == "needs_revision":
            raise Refusal("stale")
        checked = check_reason(reason) if status == "rejected" else None
        actor, card = await self.manage_card(telegram_id, submission_id)
        await self._change(actor, card, status, checked)
        return await self.card(telegram_id, submission_id)

    async def _change(
        self,
        actor: Actor,
        card: Card,
        status: str,
        comment: str | None = None,
        until: datetime | None = None,
    ) -> None:
        s = card.submission
        if card.competition.cancelled:
            raise Refusal("competition_cancelled")
        async with self.db.transaction():
            fresh = await repo.get(self.db, s.id)
            if fresh is None or status not in MOVES[fresh.status]:
                raise Refusal("review_moved", status=fresh.status if fresh else s.status)
            fields: ReviewFields = {"status": status}
            if status in ("needs_revision", "rejected"):
                fields["review_comment"] = comment
            if status == "needs_revision":
                fields["revision_deadline"] = until
            who = await self.actor_ids(actor)
            await repo.set_review(self.db, s.id, self.now(), **fields)
            log_id = await self.log(
                s, "status", who, from_status=fresh.status, to_status=status, comment=comment
            )
            if until is not None:
                await self.log(s, "revision_deadline", who, comment=utcnow_iso(until))
            await self._tell(card, log_id, status, comment, until)

    async def _tell(
        self,
        card: Card,
        log_id: int,
        status: str,
        comment: str | None,
        until: datetime | None,
    ) -> None:
        """One notice per staff member of the entrant, with the change as it was made."""
        kind = card.competition.entrant_kind
        staff = await comp_repo.staff_of(self.db, kind, [card.entrant.id])
        told = {uid: chat for _, uid, chat in staff}
        when = utcnow_iso(until) if until else None
        await self.outbox.enqueue_many(
            (pushes.status_changed(card.submission.id, str(log_id), uid, chat, status, comment,
                                   when)
             for uid, chat in told.items()),
            programme_id=card.competition.programme_id,
        )  # fmt: skip

    async def log(
        self, s: Submission, action: str, who: ActorIds, **fields: Unpack[LogFields]
    ) -> int:
        """One audit-log row about this submission, by `who` (see actor_ids), now; a review
        decision also goes on the staff record."""
        if action in ("status", "result"):
            await audit.record(
                self.db,
                who["actor_id"],
                "review_decided",
                "submission",
                s.id,
                fields.get("to_status") or "",
                self.now(),
            )
        return await repo.log(
            self.db,
            s.competition_id,
            action,
            self.now(),
            entrant_id=s.entrant_id,
            submission_id=s.id,
            **who,
            **fields,
        )

    async def actor_ids(self, actor: Actor) -> ActorIds:
        """Who to write in the log; an admin known only from the configuration gets a row."""
        user = actor.user or await users_repo.ensure(
            self.db, actor.telegram_id, str(actor.telegram_id), self.now()
        )
        return {"actor_id": user.id, "actor_telegram_id": actor.telegram_id}

    async def revise(
        self, telegram_id: int, submission_id: int, comment: str, until_raw: str
    ) -> Card:
        """A revision asked in one go, as a form sends it; the chat asks for the comment and
        the deadline one message at a time (`begin_revision`, `text`)."""
        checked, until = check_comment(comment), self._until(until_raw)
        actor, card = await self.manage_card(telegram_id, submission_id)
        await self._change(actor, card, "needs_revision", checked, until)
        return await self.card(telegram_id, submission_id)

    async def give_score(self, telegram_id: int, submission_id: int, raw: str) -> Card:
        actor, card = await self.manage_card(telegram_id, submission_id)
        await self._score(actor, card, check_score(raw))
        return await self.card(telegram_id, submission_id)

    async def begin_revision(self, telegram_id: int, submission_id: int) -> Flow:
        _, card = await self.manage_card(telegram_id, submission_id)
        if "needs_revision" not in card.moves:
            raise Refusal("review_moved", status=card.submission.status)
        flow = Flow(telegram_id, "review_comment", "comment", {"submission_id": submission_id})
        await flows.save(self.db, flow, self.now())
        return flow

    async def begin_reject(self, telegram_id: int, submission_id: int) -> Flow:
        """The Reject button asks for the reason first; nothing changes until it is typed."""
        _, card = await self.manage_card(telegram_id, submission_id)
        if "rejected" not in card.moves:
            raise Refusal("review_moved", status=card.submission.status)
        flow = Flow(telegram_id, "review_reason", "reason", {"submission_id": submission_id})
        await flows.save(self.db, flow, self.now())
        return flow

    async def begin_score(self, telegram_id: int, submission_id: int) -> Flow:
        _, card = await self.manage_card(telegram_id, submission_id)
        if card.competition.cancelled:
            raise Refusal("competition_cancelled")
        flow = Flow(telegram_id, "review_score", "score", {"submission_id": submission_id})
        await flows.save(self.db, flow, self.now())
        return flow

    async def current(self, telegram_id: int) -> Flow | None:
        flow = await flows.get(self.db, telegram_id)
        return flow if flow is not None and flow.flow in FLOWS else None

    async def text(self, telegram_id: int, raw: str) -> Flow:
        """One typed answer; a flow at step 'done' has been saved and closed."""
        flow = await self.current(telegram_id)
        if flow is None:
            raise Refusal("stale")
        data = review_data(flow)
        sid = int(data["submission_id"])
        if flow.step == "comment":
            data["comment"] = check_comment(raw)
            flow.step = "deadline"
            await flows.save(self.db, flow, self.now())
            return flow
        actor, card = await self.manage_card(telegram_id, sid)
        try:
            if flow.step == "deadline":
                until = self._until(raw)
                await self._change(actor, card, "needs_revision", data["comment"], until)
            elif flow.step == "reason":
                await self._change(actor, card, "rejected", check_reason(raw))
            else:
                await self._score(actor, card, check_score(raw))
        except Refusal as exc:
            await close_if_final(self.db, telegram_id, exc)
            raise
        await flows.clear(self.db, telegram_id)
        flow.step = "done"
        return flow

    def _until(self, raw: str) -> datetime:
        until = parse_local(raw, self.clock.now(), self.zone)
        if until is None:
            raise Refusal("bad_time")
        if until <= self.clock.now():
            raise Refusal("revision_deadline_past")
        return until.astimezone(UTC)

    async def _score(self, actor: Actor, card: Card, score: int) -> None:
        s = card.submission
        if card.competition.cancelled:
            raise Refusal("competition_cancelled")
        async with self.db.transaction():
            who = await self.actor_ids(actor)
            await repo.set_review(self.db, s.id, self.now(), score=score)
            await self.log(s, "score", who, comment=str(score))


async def close_if_final(db: Database, telegram_id: int, exc: Refusal) -> None:
    """So the staff member's next message is not refused the same way again."""
    if exc.code in FINAL:
        await flows.clear(db, telegram_id)
