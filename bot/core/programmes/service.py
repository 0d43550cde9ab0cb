"""Programmes as every feature asks about them: which one an object belongs to, who may work in
it, whom it reaches and who muted it.

An installation with one programme never asks anyone to choose: `pick` takes the only one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.core import audit
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.people import Actor, People
from bot.core.places import repo as places
from bot.core.programmes import repo
from bot.core.programmes.repo import NewProgramme, Programme
from bot.db import Database

log = logging.getLogger(__name__)

CACHE_S = 30.0
"""How long a push's label may lag a programme added or renamed by another process."""


@dataclass(frozen=True)
class Membership:
    """A programme a member hears from, and whether they muted it."""

    programme: Programme
    muted: bool


class Programmes:
    def __init__(self, db: Database, people: People) -> None:
        self.db = db
        self.people = people
        self._cache: tuple[float, dict[int, Programme]] | None = None

    async def known(self) -> dict[int, Programme]:
        """Every programme, open or closed, read at most every CACHE_S seconds."""
        now = time.monotonic()
        if self._cache is None or now - self._cache[0] > CACHE_S:
            self._cache = (now, {p.id: p for p in await repo.listing(self.db)})
        return self._cache[1]

    def forget(self) -> None:
        self._cache = None

    async def several(self) -> bool:
        """More than one programme: only then are pushes and lists labelled by programme."""
        return len(await self.known()) > 1

    async def to_name(self) -> dict[int, Programme] | None:
        """The programmes a report or list names, or None when there is only one."""
        return await self.known() if await self.several() else None

    async def get(self, programme_id: int) -> Programme:
        found = (await self.known()).get(programme_id) or await repo.by_id(self.db, programme_id)
        if found is None:
            raise NotFound(str(programme_id))
        return found

    async def label(self, programme_id: int | None) -> Programme | None:
        """The programme to name on a message, or None when there is nothing to tell apart."""
        if programme_id is None or not await self.several():
            return None
        return (await self.known()).get(programme_id)

    async def open_to(self, actor: Actor) -> list[Programme]:
        """The active programmes this person may create seminars, calls or broadcasts in."""
        return [p for p in await repo.listing(self.db, active_only=True) if actor.staff_of(p.id)]

    async def pick(self, actor: Actor, programme_id: int | None = None) -> Programme:
        """The programme a new object goes into: the one chosen, or the only one open to this
        person. Refused when none is open to them, or when they must choose."""
        open_ = await self.open_to(actor)
        if programme_id is not None:
            found = next((p for p in open_ if p.id == programme_id), None)
            if found is None:
                raise NotAllowed
            return found
        if not open_:
            raise Refusal("no_programme")
        if len(open_) > 1:
            raise Refusal("choose_programme")
        return open_[0]

    async def visible_to(self, actor: Actor) -> list[Programme]:
        """Programmes whose objects, reports and lists this person sees (closed ones too)."""
        return [p for p in await repo.listing(self.db) if actor.staff_of(p.id)]

    async def scope(self, telegram_id: int, code: str | None) -> list[int] | None:
        """Programme ids a staff report or list covers: the one named, else every one this
        person is staff of (None: all, for an admin who named none)."""
        actor = await self.people.require_staff(telegram_id)
        if code:
            found = await repo.by_code(self.db, code)
            if found is None:
                raise Refusal("unknown_programme", given=code)
            actor.within(found.id)
            return [found.id]
        return actor.programme_ids()

    async def of_member(self, telegram_id: int) -> list[Membership]:
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        if user is None or user.status != "approved":
            return []
        muted = await repo.muted(self.db, user.id)
        return [
            Membership(p, p.id in muted) for p in await repo.reaching(self.db, user.municipality_id)
        ]

    async def set_muted(self, telegram_id: int, programme_id: int, on: bool) -> list[Membership]:
        """Only a programme that reaches the member can be muted; anything else is stale."""
        user = await users_repo.by_telegram_id(self.db, telegram_id)
        reaching = {m.programme.id for m in await self.of_member(telegram_id)}
        if user is None or programme_id not in reaching:
            raise Refusal("stale")
        await repo.set_muted(self.db, programme_id, user.id, on)
        return await self.of_member(telegram_id)

    async def save(self, new: NewProgramme, region_codes: Sequence[str]) -> tuple[Programme, bool]:
        """Adds or updates by code; used by the command line, which has no actor."""
        code = new.code.strip().lower()
        if not code or not code.replace("-", "").replace("_", "").isalnum() or len(code) > 20:
            raise Refusal("bad_programme_code", given=new.code)
        _check_dates(new.starts_on, new.ends_on)
        region_ids = await region_ids_of(self.db, region_codes)
        async with self.db.transaction():
            programme_id, added = await repo.save(
                self.db, NewProgramme(**{**new.__dict__, "code": code}), self.people.now()
            )
            await repo.set_regions(self.db, programme_id, region_ids)
        self.forget()
        log.info("programme %s %s", programme_id, "added" if added else "updated")
        return await self.get(programme_id), added

    async def closing(self, telegram_id: int, programme_id: int) -> tuple[Programme, int]:
        """What closing would drop: the programme's pushes still waiting to go."""
        programme = await self._admin_target(telegram_id, programme_id)
        return programme, await repo.scheduled(self.db, programme_id)

    async def close(self, telegram_id: int | None, programme_id: int) -> int:
        """Closes it; its waiting pushes are marked cancelled (kept for the record)."""
        if telegram_id is not None:
            await self._admin_target(telegram_id, programme_id)
        now = self.people.now()
        by = (await self.people.actor(telegram_id)).user if telegram_id is not None else None
        async with self.db.transaction():
            await repo.close(self.db, programme_id, now)
            dropped = await repo.drop_scheduled(self.db, programme_id, now)
            await audit.record(
                self.db,
                by.id if by else None,
                "programme_closed",
                "programme",
                programme_id,
                str(dropped),
                now,
            )
        self.forget()
        log.info("programme %s closed, %s waiting pushes dropped", programme_id, dropped)
        return dropped

    async def _admin_target(self, telegram_id: int, programme_id: int) -> Programme:
        actor = await self.people.actor(telegram_id)
        if not actor.is_admin:
            raise Refusal("admins_only")
        programme = await repo.by_id(self.db, programme_id)
        if programme is None:
            raise NotFound(str(programme_id))
        if not programme.active:
            raise Refusal("programme_closed")
        return programme

    async def by_code(self, code: str) -> Programme:
        found = await repo.by_code(self.db, code)
        if found is None:
            raise Refusal("unknown_programme", given=code)
        return found

    async def set_targets(self, programme_id: int, municipality_ids: list[int]) -> None:
        await repo.set_targets(self.db, programme_id, municipality_ids)


def _check_dates(starts: str | None, ends: str | None) -> None:
    try:
        first = date.fromisoformat(starts) if starts else None
        last = date.fromisoformat(ends) if ends else None
    except ValueError:
        raise Refusal("bad_programme_dates") from None
    if first and last and last < first:
        raise Refusal("bad_programme_dates")


async def region_ids_of(db: Database, codes: Sequence[str]) -> list[int]:
    by_code = {r.code: r.id for r in await places.all_regions(db)}
    unknown = [c for c in codes if c not in by_code]
    if unknown:
        raise Refusal("unknown_region", codes=", ".join(unknown), known=", ".join(by_code))
    return [by_code[c] for c in codes]
