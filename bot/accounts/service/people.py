"""The people directory for operators and staff: plain rows, read off the event loop, and
what /people shows of it (counts, a search by name, place or phone, the deactivated)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.accounts.repo import people as repo
from bot.accounts.repo.people import PersonRow
from bot.core import flows
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.people import People
from bot.core.wizard import must_ask
from bot.db import Database

FOUND_SHOWN = 10
"""Members a search lists as buttons; past it, the reader is asked to write more."""
SEARCH_FLOW = "people_search"
"""After [Find a member], the staff member's next message is what to look for."""


@dataclass(frozen=True)
class Overview:
    members: int
    inactive: int
    staff: int


@dataclass(frozen=True)
class Found:
    rows: list[PersonRow]
    total: int


async def directory(db: Database) -> list[PersonRow]:
    """Approved and deactivated members, and coordinators, by region, district, municipality
    and name."""
    return await db.read_off_loop(repo.directory)


async def directory_for(db: Database, people: People, telegram_id: int) -> list[PersonRow]:
    """For a coordinator: the people of the regions they cover (all, for an admin)."""
    actor = await people.require_staff(telegram_id)
    rows = await directory(db)
    return [row for row in rows if actor.covers_region(row.region_id)]


async def overview(db: Database, people: People, telegram_id: int) -> Overview:
    rows = await directory_for(db, people, telegram_id)
    members = [row for row in rows if row.is_member]
    inactive = sum(1 for row in members if row.status == "inactive")
    return Overview(len(members) - inactive, inactive, len(rows) - len(members))


async def find(db: Database, people: People, telegram_id: int, query: str) -> Found:
    """Members whose name, municipality or phone holds every word of the query."""
    words = [w for w in re.split(r"\s+", query.casefold()) if w]
    rows = [row for row in await directory_for(db, people, telegram_id) if row.is_member]
    hits = [row for row in rows if words and all(w in _haystack(row) for w in words)]
    return Found(hits[:FOUND_SHOWN], len(hits))


@dataclass(frozen=True)
class Wanted:
    """What a browser's people page narrows the directory to; empty or None: any."""

    query: str = ""
    region_id: int | None = None
    position: str | None = None
    status: str | None = None
    """'approved' or 'inactive'."""

    @property
    def anything(self) -> bool:
        return bool(self.query.strip()) or any(
            v is not None for v in (self.region_id, self.position, self.status)
        )


async def filtered(
    db: Database, people: People, telegram_id: int, wanted: Wanted, shown: int
) -> Found:
    """Members matching every filter given (the query as `find` reads it), the first `shown`."""
    words = [w for w in re.split(r"\s+", wanted.query.casefold()) if w]
    hits = [
        row for row in await directory_for(db, people, telegram_id)
        if row.is_member and all(w in _haystack(row) for w in words)
        and wanted.region_id in (None, row.region_id)
        and wanted.position in (None, row.position)
        and wanted.status in (None, row.status)
    ]  # fmt: skip
    return Found(hits[:shown], len(hits))


async def inactive(db: Database, people: People, telegram_id: int) -> Found:
    rows = await directory_for(db, people, telegram_id)
    found = [row for row in rows if row.is_member and row.status == "inactive"]
    return Found(found[:FOUND_SHOWN], len(found))


def _haystack(row: PersonRow) -> str:
    places = [*(row.municipality or {}).values(), *(row.district or {}).values()]
    digits = re.sub(r"\D", "", row.phone or "")
    return " ".join([row.full_name or "", *places, digits]).casefold()


async def ask_query(db: Database, people: People, telegram_id: int) -> None:
    """[Find a member]: the next message is the query (a wizard with answers is not dropped
    unasked)."""
    await people.require_staff(telegram_id)
    open_ = await flows.get(db, telegram_id)
    if open_ is not None and open_.flow != SEARCH_FLOW and must_ask(open_):
        raise Refusal("other_flow_open")
    await flows.save(db, Flow(telegram_id, SEARCH_FLOW, "query", {}), people.now())


async def take_query(db: Database, people: People, telegram_id: int, query: str) -> Found:
    """The query, answered once: the next message is free again."""
    await flows.clear(db, telegram_id)
    return await find(db, people, telegram_id, query)
