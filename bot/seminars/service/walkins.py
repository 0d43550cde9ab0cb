"""Walk-ins: people staff record at the door who were not on the list. A registered member is
found by name and marked as attended, as if they had checked in; a guest who is not registered
is kept by name and gender, and counts in the reports as a guest (trained, and among women when
she is one), never as a registered person."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.core import audit, flows
from bot.core import users as users_repo
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.people import Actor
from bot.core.positions import GENDERS
from bot.db import utcnow_iso
from bot.seminars.repo import guests as guests_repo
from bot.seminars.repo import walkins as repo
from bot.seminars.repo.guests import Guest
from bot.seminars.repo.seminars import Seminar
from bot.seminars.repo.walkins import Candidate
from bot.seminars.service.attendance import OPENS_BEFORE, Attendance
from bot.seminars.service.files import OURS

log = logging.getLogger(__name__)
WALKIN_FLOW = "seminar_walkin"
MAX_GUEST_NAME = 100
FOUND = 8
"""How many members a name search offers."""


@dataclass(frozen=True)
class Search:
    seminar: Seminar
    query: str
    found: list[Candidate]


class Walkins:
    def __init__(self, attendance: Attendance) -> None:
        self.attendance = attendance
        self.seminars = attendance.seminars
        self.db = attendance.db
        self.clock = attendance.clock

    def now(self) -> str:
        return utcnow_iso(self.clock.now())

    async def _open(self, telegram_id: int, seminar_id: int) -> tuple[Actor, Seminar]:
        """The seminar, managed by this person, open for marks; and them as its staff."""
        actor, seminar = await self.seminars.manage(telegram_id, seminar_id)
        if seminar.cancelled:
            raise Refusal("seminar_cancelled")
        if self.clock.now() < seminar.starts_at - OPENS_BEFORE:
            raise Refusal("checkin_not_open", opens=seminar.starts_at - OPENS_BEFORE)
        return actor, seminar

    async def _step(self, telegram_id: int, seminar_id: int, step: str, **data: object) -> None:
        current = await flows.get(self.db, telegram_id)
        if current is not None and current.flow not in OURS:
            raise Refusal("other_flow_open")
        flow = Flow(telegram_id, WALKIN_FLOW, step, {"seminar_id": seminar_id, **data})
        await flows.save(self.db, flow, self.now())

    async def begin(self, telegram_id: int, seminar_id: int) -> Seminar:
        """The next text is a name to search for."""
        _, seminar = await self._open(telegram_id, seminar_id)
        await self._step(telegram_id, seminar_id, "search")
        return seminar

    async def asked(self, telegram_id: int) -> Flow:
        flow = await flows.get(self.db, telegram_id)
        if flow is None or flow.flow != WALKIN_FLOW:
            raise Refusal("stale")
        return flow

    async def search(self, telegram_id: int, query: str) -> Search:
        """Members in this person's regions not on the roster yet, whose name holds every
        word typed (in any case)."""
        flow = await self.asked(telegram_id)
        actor, seminar = await self.seminars.manage(telegram_id, int(flow.data["seminar_id"]))
        words = query.casefold().split()
        if not words:
            raise Refusal("text_empty")
        people = await repo.approved_members(self.db, seminar.id, actor.region_ids)
        found = [p for p in people if all(w in p.full_name.casefold() for w in words)]
        return Search(seminar, query.strip(), found[:FOUND])

    async def add_member(self, telegram_id: int, seminar_id: int, user_id: int) -> Seminar:
        """Refused for someone already marked, not approved, or outside this person's
        regions (a forged button), whatever was pressed."""
        actor, seminar = await self._open(telegram_id, seminar_id)
        by = _id(actor)
        allowed = {c.user_id for c in await repo.approved_members(
            self.db, seminar_id, actor.region_ids)}  # fmt: skip
        if user_id not in allowed:
            raise Refusal("walkin_not_found")
        user = await users_repo.by_id(self.db, user_id)
        async with self.db.transaction():
            await self.attendance.mark_walkin(seminar, user_id, user.telegram_id if user else None)
            await audit.record(
                self.db, by, "walkin_recorded", "seminar", seminar_id, f"#{user_id}", self.now()
            )
            await flows.clear(self.db, telegram_id)
        log.info("seminar %s: walk-in user %s recorded by user %s", seminar_id, user_id, by)
        return seminar

    async def begin_guest(self, telegram_id: int, seminar_id: int) -> Seminar:
        _, seminar = await self._open(telegram_id, seminar_id)
        await self._step(telegram_id, seminar_id, "guest_name")
        return seminar

    async def guest_name(self, telegram_id: int, raw: str) -> tuple[Seminar, str]:
        """The name as typed (trimmed); then the gender is asked with buttons."""
        flow = await self.asked(telegram_id)
        _, seminar = await self._open(telegram_id, int(flow.data["seminar_id"]))
        name = " ".join(raw.split())
        if not name:
            raise Refusal("text_empty")
        if len(name) > MAX_GUEST_NAME:
            raise Refusal("field_too_long", limit=MAX_GUEST_NAME, length=len(name))
        await self._step(telegram_id, seminar.id, "guest_gender", name=name)
        return seminar, name

    async def add_guest(self, telegram_id: int, seminar_id: int, gender: str) -> Seminar:
        """Keeps the guest named in the open step; a gender pressed without one is stale."""
        flow = await self.asked(telegram_id)
        name = flow.data.get("name")
        if flow.step != "guest_gender" or flow.data.get("seminar_id") != seminar_id or not name:
            raise Refusal("stale")
        if gender not in GENDERS:
            raise Refusal("stale")
        actor, seminar = await self._open(telegram_id, seminar_id)
        by = _id(actor)
        async with self.db.transaction():
            await guests_repo.add(self.db, seminar_id, str(name), gender, by, self.now())
            await audit.record(
                self.db, by, "walkin_recorded", "seminar", seminar_id, "guest", self.now()
            )
            await flows.clear(self.db, telegram_id)
        log.info("seminar %s: a guest recorded by user %s", seminar_id, by)
        return seminar

    async def guests(self, telegram_id: int, seminar_id: int) -> list[Guest]:
        await self.seminars.manage(telegram_id, seminar_id)
        return await guests_repo.of_seminars(self.db, [seminar_id])

    async def leave(self, telegram_id: int) -> None:
        flow = await flows.get(self.db, telegram_id)
        if flow is not None and flow.flow == WALKIN_FLOW:
            await flows.clear(self.db, telegram_id)


def _id(actor: Actor) -> int | None:
    return actor.user.id if actor.user is not None else None
