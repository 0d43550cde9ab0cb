"""Coordinators decide on registrations; the member hears the outcome through the outbox.

A rejection carries a reason (one of a few presets, or typed by the coordinator) and who
decided, so the person knows why and whom to write to."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Required, TypedDict

from bot.accounts.repo import cards
from bot.core import audit, fields, flows
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.flows import Flow
from bot.core.people import Actor, People
from bot.core.places import repo as places
from bot.core.users import User
from bot.core.wizard import must_ask
from bot.db import Database
from bot.delivery.outbox import Outbox

log = logging.getLogger(__name__)

REASONS = ("not_staff", "wrong_details", "twice")
"""The preset reasons for a rejection (bot.accounts.callbacks.RejectReason)."""
MAX_REASON = 300
REASON_FLOW = "reject_reason"
"""A coordinator writing the reason for a rejection: the card's person and submission."""


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
class Reason:
    """Why a registration was rejected: a preset's code, or the coordinator's own words."""

    code: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Decision:
    """`first` is False when someone else had already decided; `user` shows their decision;
    `card` is what the reviewer's card shows, to be written again in their language."""

    user: User
    reviewer: User | None
    first: bool
    card: RegistrationCard
    reason: Reason | None = None
    """Given with this decision (not known for someone else's earlier one)."""


class Rejected(TypedDict, total=False):
    """The params of a registration_rejected push: the reason, and whom to write to."""

    reason_code: str
    reason: str
    by: str
    by_org: str
    by_telegram_id: int
    by_username: str


class Approvals:
    def __init__(self, db: Database, outbox: Outbox, people: People) -> None:
        self.db = db
        self.outbox = outbox
        self.people = people
        self.on_approve: list[Callable[[int, int], Awaitable[int]]] = []
        """Features that bring a newly approved member in (seminars, competitions still open)."""

    async def _target(self, actor_tid: int, user_id: int, submission: int) -> tuple[Actor, User]:
        """The person on a card this reviewer may decide, for the card's own submission."""
        actor = await self.people.require_staff(actor_tid)
        target = await users_repo.by_id(self.db, user_id)
        if target is None or target.status == "deleted":
            raise NotFound(str(user_id))
        if not actor.covers_region(await places.region_id_of(self.db, target.municipality_id)):
            raise NotAllowed
        if submission != target.submissions:
            raise Refusal("invalid_button")  # a newer card, with the changed details, was sent
        return actor, target

    async def decided(self, actor_tid: int, user_id: int, submission: int) -> Decision | None:
        """Before asking for a reason: someone else's decision already made, or None while the
        card still waits."""
        _, target = await self._target(actor_tid, user_id, submission)
        if target.status == "pending":
            return None
        by = await users_repo.by_id(self.db, target.reviewed_by) if target.reviewed_by else None
        return Decision(target, by, False, await registration_card(self.db, target))

    async def card(self, actor_tid: int, user_id: int, submission: int) -> RegistrationCard:
        """A card this reviewer may decide, as it reads now."""
        _, target = await self._target(actor_tid, user_id, submission)
        return await registration_card(self.db, target)

    async def ask_reason(
        self, actor_tid: int, user_id: int, submission: int, message_id: int
    ) -> Decision | None:
        """After "Another reason", the coordinator's next message is the reason. None while the
        card waits; someone else's decision when it no longer does."""
        found = await self.decided(actor_tid, user_id, submission)
        if found is not None:
            return found
        open_ = await flows.get(self.db, actor_tid)
        if open_ is not None and open_.flow != REASON_FLOW and must_ask(open_):
            raise Refusal("other_flow_open")  # a wizard with answers is not dropped unasked
        data = {"user_id": user_id, "submission": submission, "message_id": message_id}
        await flows.save(self.db, Flow(actor_tid, REASON_FLOW, "reason", data), self.people.now())
        return None

    async def typed_reason(
        self, actor_tid: int, raw: str, username: str | None = None
    ) -> tuple[Decision, int]:
        """The reason as written: the registration is rejected with it. Returns the decision
        and the card's message, to be written again."""
        flow = await flows.get(self.db, actor_tid)
        if flow is None or flow.flow != REASON_FLOW:
            raise Refusal("stale")
        text = fields.text_value(raw, MAX_REASON)
        await flows.clear(self.db, actor_tid)
        user_id, submission = int(flow.data["user_id"]), int(flow.data["submission"])
        decision = await self.decide(
            actor_tid, user_id, submission, False, Reason(text=text), username
        )
        return decision, int(flow.data["message_id"])

    async def drop_reason(self, actor_tid: int) -> None:
        """Back from the typed reason to the card: the reason flow, and only it, is left."""
        flow = await flows.get(self.db, actor_tid)
        if flow is not None and flow.flow == REASON_FLOW:
            await flows.clear(self.db, actor_tid)

    async def decide(
        self,
        actor_tid: int,
        user_id: int,
        submission: int,
        approve: bool,
        reason: Reason | None = None,
        username: str | None = None,
    ) -> Decision:
        """`reason` and the reviewer's `username` go to a rejected person, with the
        reviewer's name, so they know why and whom to write to."""
        if reason is not None and reason.code is not None and reason.code not in REASONS:
            raise Refusal("stale")
        actor, target = await self._target(actor_tid, user_id, submission)
        reviewer = actor.user or await users_repo.ensure(
            self.db, actor_tid, str(actor_tid), self.people.now()
        )
        status = "approved" if approve else "rejected"
        params: Rejected = {} if approve else _rejected(reviewer, reason, username)
        now = self.people.now()
        async with self.db.transaction():
            first = await users_repo.decide_pending(
                self.db, user_id, submission, status, reviewer.id, now
            )
            if first:
                await audit.record(
                    self.db, reviewer.id, f"registration_{status}", "user", user_id, at=now
                )
            if first and target.telegram_id is not None:
                await self.outbox.enqueue(
                    f"decision:{user_id}:{submission}",
                    target.telegram_id,
                    "approval",
                    f"registration_{status}",
                    dict(params),
                )
                if approve:
                    await self.outbox.enqueue(
                        f"welcome:{user_id}:{submission}",
                        target.telegram_id,
                        "approval",
                        "registration_welcome",
                        {},
                    )
                    for welcome in self.on_approve:
                        await welcome(user_id, target.telegram_id)
        if first:
            log.info("registration of user %s %s by user %s", user_id, status, reviewer.id)
        decided = await users_repo.by_id(self.db, user_id)
        assert decided is not None
        by = await users_repo.by_id(self.db, decided.reviewed_by) if decided.reviewed_by else None
        card = await registration_card(self.db, decided)
        return Decision(decided, by, first, card, reason if first and not approve else None)

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


def _rejected(reviewer: User, reason: Reason | None, username: str | None) -> Rejected:
    params: Rejected = {"by": reviewer.display_name}
    if reviewer.organisation:
        params["by_org"] = reviewer.organisation
    if reviewer.telegram_id is not None:
        params["by_telegram_id"] = reviewer.telegram_id
    if username:
        params["by_username"] = username
    if reason is not None and reason.code:
        params["reason_code"] = reason.code
    if reason is not None and reason.text:
        params["reason"] = reason.text
    return params
