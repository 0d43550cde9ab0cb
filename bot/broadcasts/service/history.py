"""Broadcasts after the wizard: stopping one, the history, and who got what.

Only the author and admins can stop a broadcast or read its recipients: the lists name people.
A coordinator keeps that only while staff of the broadcast's programme.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from bot.broadcasts import repo
from bot.broadcasts.repo import Broadcast, Delivery
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, NotFound
from bot.core.people import Actor, People
from bot.core.programmes.repo import Programme
from bot.core.programmes.service import Programmes
from bot.delivery.outbox import Outbox

log = logging.getLogger(__name__)

OUR_REASONS = {
    "blocked the bot earlier": "blocked_earlier",
    "cancelled by staff": "stopped",
    "no longer applies: its time has passed": "expired",
    "no longer applies": "no_longer_applies",
    "broadcast not found": "broadcast_gone",
    "muted": "muted",
    "programme muted": "programme_muted",
    "programme closed": "programme_closed",
    "recipient erased their data": "erased",
    "the person erased their data": "erased",
}
"""The outbox's `last_error` values that are ours, not Telegram's (written by the outbox, the
dispatcher and the push kinds), each with the code its words are chosen by."""
INTERNAL = "internal error"
TELEGRAM_REASONS = (
    ("blocked by the user", "blocked"),
    ("user is deactivated", "deactivated"),
    ("chat not found", "unreached"),
    ("bot can't initiate conversation", "unreached"),
)
"""Telegram's answers we recognise; any other is 'refused', or 'retry' on a row still waiting."""


class Reason(NamedTuple):
    """Why a row stands as it does: `code` is ours, worded in the reader's language
    (bot/broadcasts/views/history.py); `telegram` is Telegram's own answer, as it came."""

    code: str | None
    telegram: str


def reason(status: str, last_error: str | None) -> Reason:
    """Our reason's code and Telegram's text from an outbox row's status and `last_error`."""
    error = (last_error or "").strip()
    if not error:
        return Reason(None, "")
    if error in OUR_REASONS:
        return Reason(OUR_REASONS[error], "")
    if error.startswith(INTERNAL):
        return Reason("internal", "")  # the details are in the log, not for the sheet
    folded = error.lower()
    for fragment, code in TELEGRAM_REASONS:
        if fragment in folded:
            return Reason(code, error)
    if status in ("pending", "sending"):
        return Reason("retry", error)
    if status == "sent":
        return Reason(None, "")  # a try that failed before the one that went out
    return Reason("refused", error)


@dataclass(frozen=True)
class Health:
    """How delivery stands for everyone, shown above the history."""

    outage_since: datetime | None
    """Since when the Bot API has not answered; None while it does."""
    waiting: int
    """Pushes due and not yet sent, of every kind."""
    last_outage: tuple[datetime, datetime] | None


class Broadcasts:
    def __init__(self, outbox: Outbox, people: People) -> None:
        self.outbox = outbox
        self.people = people
        self.db = outbox.db
        self.programmes = Programmes(self.db, people)

    async def stop(self, telegram_id: int, broadcast_id: int) -> Broadcast:
        """The author or an admin stops what has not gone out yet; what was sent stays sent."""
        await self._own(telegram_id, broadcast_id)
        async with self.db.transaction():
            await repo.set_status(self.db, broadcast_id, "cancelled")
            await self.outbox.cancel_broadcast(broadcast_id)
        by = (await self.people.actor(telegram_id)).user
        log.info("broadcast %s stopped by user %s", broadcast_id, by.id if by else None)
        stopped = await repo.get(self.db, broadcast_id)
        assert stopped is not None
        return stopped

    async def history(self, telegram_id: int) -> list[tuple[Broadcast, dict[str, int]]]:
        """Admins see every broadcast; a coordinator sees their own in the programmes they are
        staff of (the lists name people)."""
        actor = await self.people.require_staff(telegram_id)
        author = None if actor.is_admin else (actor.user.id if actor.user else -1)
        found = []
        for item in await repo.recent(
            self.db, author_id=author, programme_ids=actor.programme_ids()
        ):
            found.append((item, await repo.counts(self.db, item.id)))
        return found

    async def programme_names(self, telegram_id: int) -> dict[int, Programme]:
        """The programmes to name in the history, by id; none when the reader sees only one."""
        actor = await self.people.require_staff(telegram_id)
        visible = await self.programmes.visible_to(actor)
        return {p.id: p for p in visible} if len(visible) > 1 else {}

    async def health(self, telegram_id: int) -> Health:
        await self.people.require_staff(telegram_id)
        return Health(
            self.outbox.outage_since, await self.outbox.waiting(), self.outbox.last_outage
        )

    async def deliveries(self, telegram_id: int, broadcast_id: int) -> list[Delivery]:
        await self._own(telegram_id, broadcast_id)
        return await repo.recipients(self.db, broadcast_id)

    async def _own(self, telegram_id: int, broadcast_id: int) -> Broadcast:
        """The broadcast, if this person is an admin, or wrote it and is still staff of its
        programme."""
        actor = await self.people.require_staff(telegram_id)
        found = await repo.get(self.db, broadcast_id)
        if found is None:
            raise NotFound(str(broadcast_id))
        if not _may_act(actor, found):
            raise NotAllowed
        return found

    async def counts(self, broadcast_id: int) -> dict[str, int]:
        return await repo.counts(self.db, broadcast_id)

    async def keep_pruned(self, counts: dict[int, dict[str, int]]) -> None:
        """Retention is about to delete these delivery rows: their counts stay on each
        broadcast (rows pruned, by broadcast id and status)."""
        for broadcast_id, by_status in counts.items():
            await repo.keep_pruned(self.db, broadcast_id, by_status)

    async def forget(self, user_id: int, telegram_id: int) -> None:
        """Erasure: no broadcast keeps the chat of an author who erased their data."""
        await repo.forget_chat(self.db, telegram_id)

    async def set_progress_message(self, broadcast_id: int, chat_id: int, message_id: int) -> None:
        await repo.set_progress_message(self.db, broadcast_id, chat_id, message_id)

    async def set_muted(self, telegram_id: int, muted: bool) -> bool:
        """Only announcements are muted; False when there is no such member."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None:
            return False
        await users_repo.set_muted(self.db, telegram_id, muted, self.people.now())
        return True


def _may_act(actor: Actor, item: Broadcast) -> bool:
    if actor.is_admin:
        return True
    if actor.user is None or actor.user.id != item.author_id:
        return False
    return actor.staff_of(item.programme_id)
