"""A member's answers: checked against who was asked and the close, then stored.

A one-question poll is answered by a tap on its message (a number or a text is typed after
"Answer"); a named poll's answer can be changed until the close, an anonymous one is final,
since nothing says which answer was theirs. A survey is answered question after question; the
next one to answer is `progress` in poll_recipients, so it resumes where it stood after a
restart. Anything refused stores nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.core import flows
from bot.core import users as users_repo
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.wizard import Wizard, must_ask
from bot.db import Database, Row
from bot.delivery.outbox import Outbox
from bot.polls import repo
from bot.polls.repo import Answer, Poll, Question

FLOW = "poll_answer"
MAX_TEXT = 500


class PollClosed(Refusal):
    """A tap after the close; the poll is kept to show its shared results."""

    def __init__(self, poll: Poll) -> None:
        super().__init__("poll_closed", when=poll.closed_at or poll.closes_at)
        self.poll = poll


@dataclass(frozen=True)
class Shown:
    """What the member's message shows after a tap or a typed answer."""

    poll: Poll
    index: int
    answer: tuple[Answer, ...] = ()
    """The answer kept (or just given); empty while answering."""
    mask: int = 0
    """The ticked options of a several-options question, while answering."""
    typing: bool = False
    """A number or a text is awaited."""
    next: int | None = None
    """The survey's next question, after an answer."""

    @property
    def question(self) -> Question:
        return self.poll.questions[self.index]

    @property
    def changeable(self) -> bool:
        return not self.poll.anonymous and not self.poll.survey


class PollAnswers(Wizard):
    flow_name = FLOW

    def __init__(self, outbox: Outbox) -> None:
        self.db = outbox.db
        self.clock = outbox.clock

    async def tap(
        self, tid: int, poll_id: int, q: int, action: str, value: int, mask: int
    ) -> Shown:
        poll, user_id, rec = await self._open(tid, poll_id, q)
        question = poll.questions[q]
        if action == "start":
            return await self._start(tid, poll, rec)
        self._in_turn(poll, rec, q)
        if action == "change":
            if poll.anonymous or poll.survey:
                raise Refusal("stale")
            kept = tuple(await repo.named_answer(self.db, poll_id, q, user_id))
            ticked = sum(1 << c for c, _, _ in kept if c is not None)
            return Shown(poll, q, mask=ticked if question.kind == "many" else 0)
        if action == "write":
            if question.kind not in ("number", "text"):
                raise Refusal("stale")
            await self._begin_typing(tid, poll_id, q)
            return Shown(poll, q, typing=True)
        n = len(question.options)
        if not 0 <= mask < (1 << n) or not 0 <= value < max(n, 1):
            raise Refusal("stale")
        if action == "pick" and question.kind == "one":
            return await self._store(tid, poll, user_id, q, [(value, None, None)])
        if action == "toggle" and question.kind == "many":
            return Shown(poll, q, mask=mask ^ (1 << value))
        if action == "done" and question.kind == "many":
            if not mask:
                raise Refusal("poll_choose_one")
            chosen = [(i, None, None) for i in range(n) if mask & (1 << i)]
            return await self._store(tid, poll, user_id, q, chosen)
        raise Refusal("stale")

    async def typed(self, tid: int, text: str) -> Shown:
        flow = await self._at(tid)
        poll, user_id, rec = await self._open(tid, int(flow.data["poll"]), int(flow.data["q"]))
        q = int(flow.data["q"])
        self._in_turn(poll, rec, q)
        question = poll.questions[q]
        if question.kind == "number":
            answer: Answer = (None, _number(text, question), None)
        elif question.kind == "text":
            answer = (None, None, _text(text))
        else:
            raise Refusal("use_buttons")
        return await self._store(tid, poll, user_id, q, [answer])

    async def where(self, tid: int) -> Shown:
        """The open survey's or typed answer's question, to ask again ("Keep going")."""
        flow = await self._at(tid)
        q = int(flow.data["q"])
        poll, _, _ = await self._open(tid, int(flow.data["poll"]), q)
        return Shown(poll, q, typing=poll.questions[q].kind in ("number", "text"))

    async def _open(self, tid: int, poll_id: int, q: int) -> tuple[Poll, int, Row]:
        """The poll, if this person was asked it and it is open; a forged id or question is
        stale, someone not asked is refused."""
        poll = await repo.get(self.db, poll_id)
        if poll is None or not 0 <= q < len(poll.questions):
            raise Refusal("stale")
        user = await users_repo.by_telegram_id(self.db, tid)
        rec = await repo.recipient(self.db, poll_id, user.id) if user is not None else None
        if user is None or rec is None:
            raise Refusal("poll_not_for_you")
        if closed(poll, self.clock.now()):
            raise PollClosed(poll)
        return poll, user.id, rec

    def _in_turn(self, poll: Poll, rec: Row, q: int) -> None:
        """A survey's question only in its turn; an anonymous poll's answer only once."""
        if poll.survey and (rec["answered"] or rec["progress"] != q):
            raise Refusal("poll_done" if rec["answered"] else "stale")
        if poll.anonymous and not poll.survey and rec["answered"]:
            raise Refusal("poll_anonymous_final")

    async def _start(self, tid: int, poll: Poll, rec: Row) -> Shown:
        if not poll.survey or rec["answered"]:
            raise Refusal("poll_done" if rec["answered"] else "stale")
        q = int(rec["progress"])
        await self._begin_typing(tid, poll.id, q)
        return Shown(poll, q, typing=poll.questions[q].kind in ("number", "text"))

    async def _begin_typing(self, tid: int, poll_id: int, q: int) -> None:
        """The flow that takes typed answers; another flow with answers at stake is not
        dropped for it."""
        found = await flows.get(self.db, tid)
        if found is not None and found.flow != FLOW and must_ask(found):
            raise Refusal("poll_other_flow")
        await self._save(Flow(tid, FLOW, "answer", {"poll": poll_id, "q": q}))

    async def _store(
        self, tid: int, poll: Poll, user_id: int, q: int, answers: Sequence[Answer]
    ) -> Shown:
        who = await repo.demography(self.db, user_id)
        progress = q + 1 if poll.survey else 1
        finished = progress >= len(poll.questions)
        async with self.db.transaction():
            if poll.anonymous:
                await repo.save_tally(self.db, poll.id, q, answers, who)
            else:
                await repo.save_named(self.db, poll.id, q, user_id, answers, who, self.now())
            await repo.set_progress(self.db, poll.id, user_id, progress, finished)
            if finished:
                await _clear_answer_flow(self.db, tid)
            else:
                await self._save(Flow(tid, FLOW, "answer", {"poll": poll.id, "q": progress}))
        return Shown(poll, q, answer=tuple(answers), next=None if finished else progress)


def closed(poll: Poll, now: datetime) -> bool:
    return poll.closed_at is not None or datetime.fromisoformat(poll.closes_at) <= now


async def _clear_answer_flow(db: Database, tid: int) -> None:
    found = await flows.get(db, tid)
    if found is not None and found.flow == FLOW:
        await flows.clear(db, tid)


def _number(text: str, question: Question) -> float:
    """A number in the range staff set; "1 500", "2,5" are read."""
    low, high = question.min_value, question.max_value
    try:
        value = float(text.strip().replace(" ", "").replace(",", "."))
    except ValueError:
        value = math.nan
    if math.isnan(value) or math.isinf(value):
        raise Refusal("poll_number", low=low, high=high)
    if (low is not None and value < low) or (high is not None and value > high):
        raise Refusal("poll_number", low=low, high=high)
    return value


def _text(text: str) -> str:
    found = text.strip()
    if not found:
        raise Refusal("poll_text_empty")
    if len(found) > MAX_TEXT:
        raise Refusal("poll_text_long", limit=MAX_TEXT)
    return found
