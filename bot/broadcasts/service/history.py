"""Broadcasts after the wizard: stopping one, cancelling or moving a scheduled one, the history,
and who got what.

Only the author and admins can stop, cancel or move a broadcast or read its recipients: the lists
name people. A coordinator keeps that only while staff of the broadcast's programme. A scheduled
broadcast can be cancelled or moved until its first message goes; moving asks a new time in a
small flow of its own (`broadcast_move`), with the same quick picks as the wizard.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, cast

from bot.broadcasts import repo
from bot.broadcasts.repo import Broadcast, Delivery
from bot.broadcasts.service.audience import Named, named_whole
from bot.core import audit, flows
from bot.core import users as users_repo
from bot.core.audience.service import Audience
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.flows import Flow
from bot.core.people import Actor, People
from bot.core.programmes.repo import Programme
from bot.core.programmes.service import Programmes
from bot.core.quicktimes import Pick, choose, soon, typed, unsure
from bot.core.quiet import after_quiet
from bot.db import utcnow_iso
from bot.delivery.outbox import STOPPED, Outbox

log = logging.getLogger(__name__)
MOVE_FLOW = "broadcast_move"
OUT = ("sent", "sending", "failed")
"""Row statuses that mean the broadcast has started."""

OUR_REASONS = {
    "blocked the bot earlier": "blocked_earlier",
    STOPPED: "stopped",
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

    async def stop(
        self, telegram_id: int, broadcast_id: int, action: str = "broadcast_stopped"
    ) -> Broadcast:
        """The author or an admin stops what has not gone out yet; what was sent stays sent."""
        await self._own(telegram_id, broadcast_id)
        by = (await self.people.actor(telegram_id)).user
        async with self.db.transaction():
            await repo.set_status(self.db, broadcast_id, "cancelled")
            await self.outbox.cancel_broadcast(broadcast_id)
            await audit.record(self.db, by.id if by else None, action, "broadcast", broadcast_id)
        log.info("broadcast %s stopped by user %s", broadcast_id, by.id if by else None)
        stopped = await repo.get(self.db, broadcast_id)
        assert stopped is not None
        return stopped

    def waiting(self, item: Broadcast, counts: dict[str, int]) -> bool:
        """Scheduled and not started: nothing has gone out, and its time is ahead."""
        not_yet = datetime.fromisoformat(item.send_at) > self.outbox.clock.now()
        return item.status != "cancelled" and not_yet and not any(counts.get(s) for s in OUT)

    async def audience_names(self, item: Broadcast) -> Named:
        audience = cast(Audience, item.audience)  # stored by the wizard as an Audience
        return await named_whole(self.db, audience, item.programme_id)

    async def entry(self, telegram_id: int, broadcast_id: int) -> tuple[Broadcast, dict[str, int]]:
        """One broadcast as the history shows it, to its author or an admin."""
        found = await self._own(telegram_id, broadcast_id)
        return found, await repo.counts(self.db, found.id)

    async def cancel(self, telegram_id: int, broadcast_id: int) -> Broadcast:
        """A scheduled broadcast that has not started is called off (confirmed first)."""
        found, counts = await self.entry(telegram_id, broadcast_id)
        if not self.waiting(found, counts):
            raise Refusal("broadcast_started")
        return await self.stop(telegram_id, broadcast_id, "broadcast_cancelled")

    async def begin_move(self, telegram_id: int, broadcast_id: int) -> Broadcast:
        """Asks the new time; another open form is kept (the person finishes it first)."""
        found, counts = await self.entry(telegram_id, broadcast_id)
        if not self.waiting(found, counts):
            raise Refusal("broadcast_started")
        flow = await flows.get(self.db, telegram_id)
        if flow is not None and flow.flow != MOVE_FLOW:
            raise Refusal("other_flow_open")
        now = utcnow_iso(self.outbox.clock.now())
        data = {"broadcast_id": broadcast_id}
        await flows.save(self.db, Flow(telegram_id, MOVE_FLOW, "when", data), now)
        return found

    async def moving(self, telegram_id: int) -> int | None:
        """The broadcast whose new time is being asked, if that is the open flow."""
        flow = await flows.get(self.db, telegram_id)
        if flow is None or flow.flow != MOVE_FLOW:
            return None
        return int(flow.data["broadcast_id"])

    async def move_typed(self, telegram_id: int, raw: str) -> Broadcast:
        """A typed new time; Unsure when it was not read for certain (shown back for a yes)."""
        broadcast_id = await self._moving(telegram_id)
        now, zone = self.outbox.clock.now(), self.people.config.zone
        reading = typed(raw, now, zone)
        if reading.when <= now:
            raise Refusal("time_in_past")
        unsure(reading, now, zone)
        return await self._move(telegram_id, broadcast_id, reading.when)

    async def move_to(self, telegram_id: int, broadcast_id: int, when: datetime) -> Broadcast:
        """A quick pick, or the yes to a time read back."""
        if await self._moving(telegram_id) != broadcast_id:
            raise Refusal("stale")
        if when <= self.outbox.clock.now():
            raise Refusal("time_in_past")
        return await self._move(telegram_id, broadcast_id, when)

    async def end_move(self, telegram_id: int) -> None:
        """The time stays as it was."""
        if await self.moving(telegram_id) is not None:
            await flows.clear(self.db, telegram_id)

    def move_picks(self) -> list[Pick]:
        now, zone = self.outbox.clock.now(), self.people.config.zone
        return choose(soon(now, zone), now, zone)

    async def _moving(self, telegram_id: int) -> int:
        broadcast_id = await self.moving(telegram_id)
        if broadcast_id is None:
            raise Refusal("stale")
        return broadcast_id

    async def _move(self, telegram_id: int, broadcast_id: int, when: datetime) -> Broadcast:
        """Every row still waiting moves with the broadcast, in one transaction with the check
        that none has gone; a broadcast that started meanwhile keeps its time. A time in quiet
        hours becomes their end."""
        when = after_quiet(when, self.people.config)
        by = (await self.people.actor(telegram_id)).user
        async with self.db.transaction():
            found, counts = await self.entry(telegram_id, broadcast_id)
            started = not self.waiting(found, counts)
            if not started:
                await repo.set_send_at(self.db, broadcast_id, utcnow_iso(when))
                await self.outbox.move_keyed(f"broadcast:{broadcast_id}:", when)
                await audit.record(
                    self.db,
                    by.id if by else None,
                    "broadcast_moved",
                    "broadcast",
                    broadcast_id,
                    utcnow_iso(when),
                )
            await flows.clear(self.db, telegram_id)
        if started:
            raise Refusal("broadcast_started")
        log.info("broadcast %s moved to %s by user %s", broadcast_id, when, by.id if by else None)
        moved = await repo.get(self.db, broadcast_id)
        assert moved is not None
        return moved

    async def history(
        self, telegram_id: int, limit: int = 10
    ) -> list[tuple[Broadcast, dict[str, int]]]:
        """Admins see every broadcast; a coordinator sees their own in the programmes they are
        staff of (the lists name people). The newest `limit` (the chat shows 10)."""
        actor = await self.people.require_staff(telegram_id)
        author = None if actor.is_admin else (actor.user.id if actor.user else -1)
        found = []
        for item in await repo.recent(
            self.db, author_id=author, limit=limit, programme_ids=actor.programme_ids()
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
