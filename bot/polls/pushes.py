"""Poll rows at send time: the question, the reminder and the shared results.

Nothing goes after the close but the results. A reminder is checked when it goes: someone who
has answered by then gets nothing. One poll is read once a minute at most, since thousands of
rows share it; whether this recipient answered is read for each reminder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import InlineKeyboardMarkup

from bot.db import Database
from bot.delivery.kinds import Drop, Rendered
from bot.delivery.outbox import OutboxRow
from bot.i18n import Translator
from bot.polls import repo
from bot.polls.repo import Poll
from bot.polls.service.answers import closed
from bot.polls.service.compose import KIND
from bot.polls.service.results import PollResults, Results
from bot.polls.views import member

KINDS = (KIND,)
FRESH = timedelta(minutes=1)


@dataclass(frozen=True)
class PollPush:
    poll: Poll
    results: Results | None = None


class PollPushes:
    def __init__(self, db: Database, results: PollResults) -> None:
        self.db = db
        self.results = results
        self._read: dict[int, tuple[datetime, Poll, Results | None]] = {}

    async def prepare(self, row: OutboxRow, now: datetime) -> PollPush | Drop:
        poll_id = int(row.params["poll_id"])
        kept = self._read.get(poll_id)
        if kept is None or now - kept[0] > FRESH:
            poll = await repo.get(self.db, poll_id)
            if poll is None:
                return Drop("poll not found")
            kept = (now, poll, None)
        read_at, poll, results = kept
        if row.template == "poll_results":
            if results is None:
                results = await self.results.count(poll, grouped=False)
            self._read[poll_id] = (read_at, poll, results)
            return PollPush(poll, results)
        self._read[poll_id] = (read_at, poll, results)
        if closed(poll, now):
            return Drop("poll closed")
        if row.template == "poll_remind" and await self._answered(poll_id, row.chat_id):
            return Drop("answered")
        return PollPush(poll)

    async def _answered(self, poll_id: int, chat_id: int) -> bool:
        return await repo.answered_by_chat(self.db, poll_id, chat_id)

    def render(self, row: OutboxRow, tr: Translator, prepared: PollPush) -> Rendered:
        if prepared.results is not None:
            return Rendered(member.shared(tr, prepared.results).text)
        screen = member.invitation(tr, prepared.poll, row.template == "poll_remind")
        markup = screen.markup if isinstance(screen.markup, InlineKeyboardMarkup) else None
        return Rendered(screen.text, markup)
