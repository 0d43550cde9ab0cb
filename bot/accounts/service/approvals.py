"""Coordinators decide on registrations; the member hears the outcome through the outbox."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Required, TypedDict

from bot.accounts.repo import cards
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.people import People
from bot.core.places import repo as places
from bot.core.users import User
from bot.db import Database
from bot.delivery.outbox import Outbox

log = logging.getLogger(__name__)


class RegistrationCard(TypedDict, total=False):
    """Everything a reviewer needs, with the place named in each language: the params of an
    approval_request push, and what /pending shows."""

    user_id: Required[int]
    submission: int
    telegram_id: int | None
    full_name: str | None
    tg_name: str | None
    phone: str | None
    position: str | None
    position_detail: str | None
    place_ky: str
    place_ru: str
    place_en: str


async def registration_card(db: Database, user: User) -> RegistrationCard:
    path = await places.path(db, user.municipality_id)
    return RegistrationCard(
        user_id=user.id,
        submission=user.submissions,
        telegram_id=user.telegram_id,
        full_name=user.full_name,
        tg_name=user.tg_name,
        phone=user.phone,
        position=user.position,
        position_detail=user.position_detail,
        place_ky=path.describe("ky") if path else "—",
        place_ru=path.describe("ru") if path else "—",
        place_en=path.describe("en") if path else "—",
    )


@dataclass(frozen=True)
class Decision:
    """`first` is False when someone else had already decided; `user` shows their decision;
    `card` is what the reviewer's card shows, to be written again in their language."""

    user: User
    reviewer: User | None
    first: bool
    card: RegistrationCard


class Approvals:
    def __init__(self, db: Database, outbox: Outbox, people: People) -> None:
        self.db = db
        self.outbox = outbox
        self.people = people
        self.on_approve: list[Callable[[int, int], Awaitable[int]]] = []
        """Features that bring a newly approved member in (seminars, competitions still open)."""

    async def decide(
        self, actor_tid: int, user_id: int, submission: int, approve: bool
    ) -> Decision:
        actor = await self.people.require_staff(actor_tid)
        target = await users_repo.by_id(self.db, user_id)
        if target is None or target.status == "deleted":
            raise NotFound(str(user_id))
        if not actor.covers_region(await places.region_id_of(self.db, target.municipality_id)):
            raise NotAllowed
        reviewer = actor.user or await users_repo.ensure(
            self.db, actor_tid, str(actor_tid), self.people.now()
        )
        if submission != target.submissions:
            raise Refusal("invalid_button")  # a newer card, with the changed details, was sent
        status = "approved" if approve else "rejected"
        now = self.people.now()
        async with self.db.transaction():
            first = await users_repo.decide_pending(
                self.db, user_id, submission, status, reviewer.id, now
            )
            if first and target.telegram_id is not None:
                await self.outbox.enqueue(
                    f"decision:{user_id}:{submission}",
                    target.telegram_id,
                    "approval",
                    f"registration_{status}",
                    {},
                )
                if approve:
                    for welcome in self.on_approve:
                        await welcome(user_id, target.telegram_id)
        if first:
            log.info("registration of user %s %s by user %s", user_id, status, reviewer.id)
        decided = await users_repo.by_id(self.db, user_id)
        assert decided is not None
        by = await users_repo.by_id(self.db, decided.reviewed_by) if decided.reviewed_by else None
        return Decision(decided, by, first, await registration_card(self.db, decided))

    async def pending(self, actor_tid: int, limit: int = 10) -> tuple[list[RegistrationCard], int]:
        """Cards for the oldest waiting registrations this person may decide, and the total."""
        actor = await self.people.require_staff(actor_tid)
        regions = [] if actor.is_admin else list(actor.region_ids)
        users, total = await users_repo.pending(self.db, regions, limit)
        return [await registration_card(self.db, user) for user in users], total

    async def shown(self, actor_tid: int, card: RegistrationCard, message_id: int) -> None:
        """A card /pending put in a reviewer's chat: kept track of like a pushed one, so that a
        newer card or the person's erasure edits it too."""
        await self.people.require_staff(actor_tid)
        submission = card.get("submission", 0)
        await cards.record_shown(
            self.db, card["user_id"], submission, actor_tid, message_id, self.people.now()
        )
