"""A poll's results for staff: live counts, overall and by region, district, position and
gender, counted in SQL (a poll to 10,000 members reads a few hundred grouped rows); closing a
poll early; and sharing the results back to those asked, through the outbox.

Anonymous and named answers are counted alike; only a named poll lists who answered what.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.core import audit
from bot.core.errors import NotAllowed, Refusal
from bot.core.people import Actor, People
from bot.db import Row, utcnow_iso
from bot.delivery.outbox import FOREVER, Outbox, Push
from bot.polls import repo
from bot.polls.repo import GROUPS, Poll, Question
from bot.polls.service.answers import closed
from bot.polls.service.compose import KIND

log = logging.getLogger(__name__)
LISTED = 10
TEXTS = 20
"""Short text answers shown on the card; the spreadsheet has them all."""


@dataclass(frozen=True)
class Group:
    key: Any
    names: Row | None
    """A region's or district's names; None for a position, a gender or an unknown place."""
    counts: tuple[int, ...]
    n: int
    average: float | None


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    n: int
    """Answers given (for several options, the options ticked)."""
    counts: tuple[int, ...]
    average: float | None = None
    low: float | None = None
    high: float | None = None
    texts: tuple[str, ...] = ()
    groups: dict[str, tuple[Group, ...]] | None = None


@dataclass(frozen=True)
class Reach:
    """A poll as the donor report counts it: answered of asked (within its regions)."""

    poll: Poll
    answered: int
    asked: int


@dataclass(frozen=True)
class Results:
    poll: Poll
    """Its `total` is those asked in `regions`, when the reader is limited to some."""
    answered: int
    questions: tuple[QuestionResult, ...]
    closed: bool
    regions: tuple[int, ...] = ()
    """The regions counted, for a coordinator limited to them (empty: every region)."""


class PollResults:
    def __init__(self, outbox: Outbox, people: People) -> None:
        self.outbox = outbox
        self.db = outbox.db
        self.clock = outbox.clock
        self.people = people

    async def recent(self, tid: int) -> list[tuple[Poll, int]]:
        actor = await self.people.require_staff(tid)
        found = await repo.recent(self.db, LISTED * 3)
        return [(p, n) for p, n in found if actor.staff_of(p.programme_id)][:LISTED]

    async def poll(self, tid: int, poll_id: int) -> tuple[Poll, Actor]:
        """Only staff of the poll's programme see it or act on it."""
        actor = await self.people.require_staff(tid)
        poll = await repo.get(self.db, poll_id)
        if poll is None:
            raise Refusal("stale")
        if not actor.staff_of(poll.programme_id):
            raise NotAllowed
        return poll, actor

    async def results(self, tid: int, poll_id: int) -> Results:
        """A coordinator limited to some regions in the poll's programme sees the answers
        given there, and those asked there, only."""
        poll, actor = await self.poll(tid, poll_id)
        return await self.count(poll, regions=_regions(actor, poll))

    async def count(
        self, poll: Poll, grouped: bool = True, regions: tuple[int, ...] = ()
    ) -> Results:
        found = [await self._question(poll, q, grouped, regions) for q in poll.questions]
        if not regions:
            answered = await repo.answered(self.db, poll.id)
            return Results(poll, answered, tuple(found), closed(poll, self.clock.now()))
        asked, answered = await repo.reach_in(self.db, poll.id, regions)
        return Results(replace(poll, total=asked), answered, tuple(found),
                       closed(poll, self.clock.now()), regions)  # fmt: skip

    async def _question(
        self, poll: Poll, q: Question, grouped: bool, regions: tuple[int, ...]
    ) -> QuestionResult:
        rows = await repo.counts(self.db, poll.id, q.position, None, regions)
        counts = _counts(q, rows)
        n = sum(r["n"] for r in rows)
        texts: tuple[str, ...] = ()
        if q.kind == "text":
            texts = tuple(await repo.texts(self.db, poll.id, q.position, TEXTS, regions))
        groups = None
        if grouped:
            groups = {g: await self._groups(poll, q, g, regions) for g in GROUPS}
        first = rows[0] if rows and q.kind == "number" else None
        return QuestionResult(
            q, n, counts, first["average"] if first else None, first["low"] if first else None,
            first["high"] if first else None, texts, groups,
        )  # fmt: skip

    async def _groups(
        self, poll: Poll, q: Question, group: str, regions: tuple[int, ...]
    ) -> tuple[Group, ...]:
        rows = await repo.counts(self.db, poll.id, q.position, group, regions)
        keys = list(dict.fromkeys(r["key"] for r in rows))
        names = await repo.place_names(self.db, group, keys)
        found = []
        for key in keys:
            mine = [r for r in rows if r["key"] == key]
            n = sum(r["n"] for r in mine)
            average = mine[0]["average"] if q.kind == "number" else None
            found.append(Group(key, names.get(key), _counts(q, mine), n, average))
        return tuple(sorted(found, key=lambda g: -g.n))

    async def sent_between(
        self, start: datetime, end: datetime, scope: list[int] | None, regions: list[int],
        actor: Actor | None,
    ) -> list[Reach]:  # fmt: skip
        """The polls sent in [start, end) for the donor report: within `scope`, those `actor`
        may see (None: the operator's command line, all); in `regions` (empty: all) only those
        asked there count, and a poll that asked nobody there is left out."""
        now = utcnow_iso(self.clock.now())
        ids = await repo.sent_between(self.db, utcnow_iso(start), utcnow_iso(end), scope)
        found = []
        for poll_id in ids:
            poll = await repo.get(self.db, poll_id)
            if poll is None or poll.sent_at > now:
                continue
            if actor is not None and not actor.staff_of(poll.programme_id):
                continue
            if regions:
                asked, answered = await repo.reach_in(self.db, poll_id, regions)
            else:
                asked, answered = poll.total, await repo.answered(self.db, poll_id)
            if asked:
                found.append(Reach(poll, answered, asked))
        return found

    async def who(self, tid: int, poll_id: int) -> list[Row]:
        """Who answered what, for a named poll only."""
        poll, actor = await self.poll(tid, poll_id)
        if poll.anonymous:
            raise Refusal("poll_anonymous_list")
        return await repo.who_answered(self.db, poll_id, _regions(actor, poll))

    async def close(self, tid: int, poll_id: int) -> Poll:
        """Closes it now; reminders not sent yet are dropped."""
        poll, actor = await self.poll(tid, poll_id)
        if not closed(poll, self.clock.now()):
            async with self.db.transaction():
                await repo.mark(self.db, poll_id, "closed_at", utcnow_iso(self.clock.now()))
                await self.outbox.cancel_keyed(f"poll:{poll_id}:remind:")
                await audit.record(self.db, _author(actor), "poll_closed", "poll", poll_id, "")
            log.info("poll %s closed by staff", poll_id)
        found = await repo.get(self.db, poll_id)
        assert found is not None
        return found

    async def share(self, tid: int, poll_id: int) -> int:
        """The results to everyone asked, once; the count of messages queued."""
        poll, actor = await self.poll(tid, poll_id)
        if poll.shared_at is not None:
            raise Refusal("poll_shared")
        chats = await repo.chat_ids(self.db, poll_id)
        pushes = [Push(f"poll:{poll_id}:results:{chat}", chat, "poll_results",
                       {"poll_id": poll_id}, kind=KIND, expires_at=FOREVER)
                  for chat in chats]  # fmt: skip
        async with self.db.transaction():
            await repo.mark(self.db, poll_id, "shared_at", utcnow_iso(self.clock.now()))
            await self.outbox.enqueue_many(pushes, programme_id=poll.programme_id)
            await audit.record(self.db, _author(actor), "poll_shared", "poll", poll_id,
                               str(len(chats)))  # fmt: skip
        log.info("poll %s results shared with %s recipients", poll_id, len(chats))
        return len(chats)


def _author(actor: Actor) -> int | None:
    return actor.user.id if actor.user is not None else None


def _counts(q: Question, rows: list[Row]) -> tuple[int, ...]:
    if q.kind not in ("one", "many"):
        return ()
    counts = [0] * len(q.options)
    for r in rows:
        if r["choice"] is not None and 0 <= r["choice"] < len(counts):
            counts[r["choice"]] += r["n"]
    return tuple(counts)


def _regions(actor: Actor, poll: Poll) -> tuple[int, ...]:
    """The reader's region limit in the poll's programme (empty: none)."""
    if poll.programme_id is None:
        return () if actor.is_admin else actor.region_ids
    return actor.within(poll.programme_id).region_ids
