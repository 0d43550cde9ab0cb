"""A competition's results: recorded per entrant by staff, published once, then read by members.

Recording asks for a condition and its deadline (conditional winners only) and an optional grant
in a small flow, and saves the result only at its end. Publishing stamps the competition and
queues, in the same transaction, one message per reader: their own entrants' results with the
winners, or the winners alone, so the results are public exactly when the messages about them
are on their way. After publication, results change only when a conditional win is settled
(conditions.py).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NotRequired, TypedDict, cast

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import submissions as repo
from bot.competitions.repo.competitions import Competition, Entrant, EntrantData
from bot.competitions.repo.submissions import Result, Submission
from bot.competitions.service import notices as pushes
from bot.competitions.service.competitions import deadline_for
from bot.competitions.service.conditions import Conditions
from bot.competitions.service.reviews import Card, Reviews, check_comment, close_if_final
from bot.core import audit, flows
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.fields import whole_number
from bot.core.flows import Flow
from bot.core.people import Actor
from bot.core.timeparse import parse_local
from bot.core.wizard import Wizard
from bot.delivery.outbox import Push

log = logging.getLogger(__name__)

FLOW = "result_form"
AWARDS = {
    "place1": ("place", 1),
    "place2": ("place", 2),
    "place3": ("place", 3),
    "incentive": ("incentive", None),
    "conditional": ("conditional", None),
}
MAX_GRANT = 1_000_000_000
UNREVIEWED = ("received", "under_review")


class NamedResult(TypedDict):
    """A result as the push templates and the staff and member views read it: the result's
    fields, plus the entrant as `names`."""

    entrant_id: int
    award: str
    place: int | None
    grant_kgs: int | None
    condition: str | None
    condition_deadline: NotRequired[str | None]
    condition_state: NotRequired[str | None]
    names: EntrantData


class ResultData(TypedDict):
    """The result flow's data in the flows table: the award chosen, then its condition and
    the condition's deadline (ISO, UTC)."""

    submission_id: int
    award: str
    condition: str | None
    until: NotRequired[str | None]


def result_data(flow: Flow) -> ResultData:
    """The flows table keeps JSON; `Results.choose` wrote it in this shape."""
    return cast(ResultData, flow.data)


@dataclass(frozen=True)
class Board:
    """What staff see on the Results screen, and what a publish preview shows."""

    competition: Competition
    results: list[NamedResult]
    """As the push templates get them: each result's fields plus the entrant's `names`."""
    entrants: list[tuple[Entrant, Submission]]
    """Entrants that sent something, for the buttons that record their result."""

    @property
    def published(self) -> bool:
        return self.competition.results_published_at is not None


@dataclass(frozen=True)
class MemberResults:
    competition: Competition
    own: list[Entrant]
    results: list[NamedResult]


@dataclass(frozen=True)
class PublishCheck:
    """The publish confirm's numbers: who has not sent, what is not reviewed, how long until
    the last moment anyone may still send, and how many members will be told."""

    board: Board
    entrants: int
    not_sent: int
    unreviewed: int
    deadline: datetime
    """The latest own deadline of any entrant (an extension or a revision may run past the
    competition's)."""
    now: datetime
    readers: int

    @property
    def early(self) -> bool:
        """Someone may still send: publishing asks a second time."""
        return self.now < self.deadline


async def publish_check(results: Results, board: Board) -> PublishCheck:
    c, db = board.competition, results.db
    entrants = await comp_repo.entrants(db, c)
    sent = {s.entrant_id: s for s in await repo.of_competition(db, c.id)}
    deadline = max([deadline_for(c, e, sent.get(e.id)) for e in entrants], default=c.deadline)
    unreviewed = sum(1 for s in sent.values() if s.status in UNREVIEWED)
    eligible = [e.id for e in entrants]
    readers = {uid for _, uid, _ in await comp_repo.staff_of(db, c.entrant_kind, eligible)}
    not_sent = sum(1 for e in entrants if e.id not in sent)
    return PublishCheck(board, len(entrants), not_sent, unreviewed, deadline,
                        results.clock.now(), len(readers))  # fmt: skip


@dataclass(frozen=True)
class Published:
    competition: Competition
    entrants_told: int
    members_told: int


def check_grant(raw: str) -> int:
    grant = whole_number((raw or "").replace(",", ""))
    if grant is None:
        raise Refusal("bad_number")
    if grant > MAX_GRANT:
        raise Refusal("grant_too_big", limit=MAX_GRANT)
    return grant


class Results(Wizard):
    flow_name = FLOW

    def __init__(self, reviews: Reviews) -> None:
        self.reviews = reviews
        self.competitions = reviews.competitions
        self.db = reviews.db
        self.clock = reviews.clock
        self.outbox = reviews.outbox
        self.conditions = Conditions(reviews)

    async def board(self, telegram_id: int, competition_id: int) -> Board:
        _, competition = await self.competitions.manage(telegram_id, competition_id)
        return await self._board(competition)

    async def operator_board(self, competition_id: int) -> Board:
        """No permission check: the command line runs as whoever owns the database."""
        competition = await comp_repo.get(self.db, competition_id)
        if competition is None:
            raise NotFound(str(competition_id))
        return await self._board(competition)

    async def _board(self, competition: Competition) -> Board:
        entrants = await comp_repo.entrants(self.db, competition)
        by_id = {e.id: e for e in entrants}
        sent = await repo.of_competition(self.db, competition.id)
        results = named_results(await repo.results(self.db, competition.id), entrants)
        pairs = [(by_id[s.entrant_id], s) for s in sent if s.entrant_id in by_id]
        return Board(competition, results, pairs)

    async def choose(self, telegram_id: int, submission_id: int, award: str) -> Flow | None:
        """An award starts the flow; "none" clears the result at once (and returns None)."""
        actor, card = await self.reviews.manage_card(telegram_id, submission_id)
        _check_recordable(card.competition)
        if award == "none":
            await self._store(actor, card, None, None, None)
            return None
        if award not in AWARDS:
            raise Refusal("stale")
        step = "condition" if award == "conditional" else "grant"
        data: ResultData = {"submission_id": submission_id, "award": award, "condition": None}
        flow = Flow(telegram_id, FLOW, step, {**data})
        await flows.save(self.db, flow, self.now())
        return flow

    async def record(
        self,
        telegram_id: int,
        submission_id: int,
        award: str,
        condition: str,
        grant: str,
        until: str = "",
    ) -> None:
        """A result in one go, as a form sends it (the chat asks in a flow, `choose`); the
        same result sent again changes nothing and is not logged twice. A conditional win
        needs its condition and the condition's deadline."""
        actor, card = await self.reviews.manage_card(telegram_id, submission_id)
        _check_recordable(card.competition)
        if award != "none" and award not in AWARDS:
            raise Refusal("stale")
        wanted = None
        if award != "none":
            kind, place = AWARDS[award]
            conditional = kind == "conditional"
            wanted = Result(
                card.submission.entrant_id, kind, place,
                check_grant(grant) if grant.strip() else None,
                check_comment(condition) if conditional else None,
                self._condition_until(until) if conditional else None,
                "pending" if conditional else None,
            )  # fmt: skip
        if wanted == card.result:
            return
        await self._store(actor, card, award if wanted else None,
                          wanted.grant_kgs if wanted else None,
                          wanted.condition if wanted else None,
                          wanted.condition_deadline if wanted else None)  # fmt: skip

    async def text(self, telegram_id: int, raw: str) -> Flow:
        flow = await self._at(telegram_id, "condition", "until", "grant")
        if flow.step == "condition":
            result_data(flow)["condition"] = check_comment(raw)
            flow.step = "until"
            return await self._save(flow)
        if flow.step == "until":
            result_data(flow)["until"] = self._condition_until(raw).isoformat()
            flow.step = "grant"
            return await self._save(flow)
        return await self._finish(flow, check_grant(raw))

    def _condition_until(self, raw: str) -> datetime:
        """Until when a conditional winner may meet the condition: a Bishkek time ahead."""
        zone = self.competitions.people.config.zone
        until = parse_local(raw or "", self.clock.now(), zone)
        if until is None:
            raise Refusal("bad_time")
        if until <= self.clock.now():
            raise Refusal("time_in_past")
        return until.astimezone(UTC)

    async def skip(self, telegram_id: int, submission_id: int) -> Flow:
        """No grant amount: the result is saved with its award only."""
        await self.reviews.manage_card(telegram_id, submission_id)
        flow = await self._at(telegram_id, "grant")
        if int(result_data(flow)["submission_id"]) != submission_id:
            raise Refusal("stale")
        return await self._finish(flow, None)

    async def _finish(self, flow: Flow, grant: int | None) -> Flow:
        data = result_data(flow)
        actor, card = await self.reviews.manage_card(flow.telegram_id, int(data["submission_id"]))
        until = data.get("until")
        try:
            await self._store(actor, card, data["award"], grant, data.get("condition"),
                              datetime.fromisoformat(until) if until else None)  # fmt: skip
        except Refusal as exc:
            await close_if_final(self.db, flow.telegram_id, exc)
            raise
        await flows.clear(self.db, flow.telegram_id)
        flow.step = "done"
        return flow

    async def _store(
        self,
        actor: Actor,
        card: Card,
        award: str | None,
        grant: int | None,
        condition: str | None,
        until: datetime | None = None,
    ) -> None:
        c, s = card.competition, card.submission
        who = await self.reviews.actor_ids(actor)
        async with self.db.transaction():
            _check_recordable(await self.competitions.get(c.id))
            now = self.now()
            if award is None:
                await repo.clear_result(self.db, c.id, s.entrant_id)
            else:
                kind, place = AWARDS[award]
                state = "pending" if kind == "conditional" else None
                result = Result(s.entrant_id, kind, place, grant, condition, until, state)
                await repo.record_result(self.db, c.id, result, who["actor_id"], now)
            note = _result_note(grant, condition, until)
            await self.reviews.log(s, "result", who, to_status=award or "none", comment=note)

    async def preview(self, telegram_id: int, competition_id: int) -> Board:
        board = await self.board(telegram_id, competition_id)
        _check_publishable(board.competition, board.results)
        return board

    async def publish_check(self, telegram_id: int, competition_id: int) -> PublishCheck:
        """What publishing now would leave behind, for the confirm to say in numbers."""
        board = await self.preview(telegram_id, competition_id)
        return await publish_check(self, board)

    async def publish(self, telegram_id: int, competition_id: int) -> Published:
        actor, _ = await self.competitions.manage(telegram_id, competition_id)
        who = await self.reviews.actor_ids(actor)
        async with self.db.transaction():
            c = await self.competitions.get(competition_id)
            results = await repo.results(self.db, c.id)
            _check_publishable(c, results)
            await comp_repo.update(self.db, c.id, self.now(), results_published_at=self.now())
            concerned = {r.entrant_id for r in results}
            concerned |= await repo.submitted_entrants(self.db, c.id)
            staff = await comp_repo.staff_of(self.db, c.entrant_kind, sorted(concerned))
            eligible = [e.id for e in await comp_repo.entrants(self.db, c)]
            members = {
                uid: chat
                for _, uid, chat in await comp_repo.staff_of(self.db, c.entrant_kind, eligible)
            }
            await self.outbox.enqueue_many(
                _result_pushes(c.id, staff, members), programme_id=c.programme_id
            )
            await self.conditions.reopen(c, results, who)
            await repo.log(self.db, c.id, "results_published", self.now(), **who)
            await audit.record(
                self.db,
                who.get("actor_id"),
                "results_published",
                "competition",
                c.id,
                str(len(results)),
            )
        log.info(
            "results of competition %s published by user %s: %s entrants' staff, %s members told",
            c.id, who.get("actor_id"), len(staff), len(members),
        )  # fmt: skip
        told = len(members.keys() | {uid for _, uid, _ in staff})
        return Published(await self.competitions.get(c.id), len(staff), told)

    async def published_for(self, telegram_id: int) -> list[MemberResults]:
        """Published results of every competition this member's entrants could enter."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None or user.status != "approved":
            raise NotAllowed
        found: list[MemberResults] = []
        for c in await comp_repo.listing(self.db, limit=500):
            if not c.results_published_at or c.cancelled:
                continue
            ids = await comp_repo.entrants_of_member(self.db, c, user.id)
            if not ids:
                continue
            entrants = await comp_repo.entrants(self.db, c)
            own = [e for e in entrants if e.id in ids]
            results = named_results(await repo.results(self.db, c.id), entrants)
            found.append(MemberResults(c, own, results))
        found.sort(key=lambda m: m.competition.results_published_at or "", reverse=True)
        return found


def _result_pushes(
    competition_id: int, staff: list[tuple[int, int, int]], members: dict[int, int]
) -> list[Push]:
    """One message per reader: their own entrants' results with the winners for whoever speaks
    for an entrant that took part, the winners alone for every other member."""
    own: dict[int, tuple[int, list[int]]] = {}
    for entrant_id, uid, chat in staff:
        own.setdefault(uid, (chat, []))[1].append(entrant_id)
    found = [pushes.own_result(competition_id, ids, uid, chat) for uid, (chat, ids) in own.items()]
    found += [pushes.winners(competition_id, uid, chat) for uid, chat in members.items()
              if uid not in own]  # fmt: skip
    return found


def _check_recordable(competition: Competition) -> None:
    if competition.cancelled:
        raise Refusal("competition_cancelled")
    if competition.results_published_at:
        raise Refusal("results_published")


def _check_publishable(competition: Competition, results: Sequence[object]) -> None:
    if competition.cancelled:
        raise Refusal("competition_cancelled")
    if competition.results_published_at:
        raise Refusal("results_published")
    if not results:
        raise Refusal("no_results")


def _result_note(grant: int | None, condition: str | None, until: datetime | None = None) -> str:
    """The audit log's comment on a result, read back by the history view."""
    note: dict[str, object] = {"grant_kgs": grant, "condition": condition}
    if until is not None:
        note["condition_deadline"] = until.isoformat()
    return json.dumps(note, ensure_ascii=False)


def shown_award(r: Result) -> str:
    """A settled conditional win reads as what it became: a winner, or a win that lapsed."""
    if r.award == "conditional" and r.condition_state == "met":
        return "winner"
    if r.award == "conditional" and r.condition_state == "not_met":
        return "lapsed"
    return r.award


def named_results(results: list[Result], entrants: list[Entrant]) -> list[NamedResult]:
    """Results as the push templates and the staff and member views read them: each result's
    fields, plus the entrant's `names`."""
    by_id = {e.id: e for e in entrants}
    return [
        {
            "entrant_id": r.entrant_id,
            "award": shown_award(r),
            "place": r.place,
            "grant_kgs": r.grant_kgs,
            "condition": r.condition,
            "condition_deadline": r.condition_deadline.isoformat()
            if r.condition_deadline
            else None,
            "condition_state": r.condition_state,
            "names": by_id[r.entrant_id].plain(),
        }
        for r in results
        if r.entrant_id in by_id
    ]
