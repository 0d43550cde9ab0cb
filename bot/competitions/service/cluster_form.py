"""A cluster made inside the bot: two names, then municipalities ticked on a paged list (or
found by typing part of a name), a summary, and one save.

A region-limited coordinator sees and may tick only municipalities of their own regions.
The code is derived from the name, so nobody has to invent one; it never renames a cluster
that already has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypedDict, cast

from bot.core import fields, flows
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.people import Actor, People
from bot.core.places import clusters as repo
from bot.core.places import repo as places
from bot.core.places.repo import Place
from bot.core.places.search import Directory, fold
from bot.core.wizard import Wizard
from bot.db import utcnow_iso

FLOW = "cluster_form"
STEPS = ["name_ky", "name_ru", "members"]
MAX_NAME = 100
MIN_MEMBERS = 2
MAX_CODE = 40
SEARCH_LIMIT = 8


class ClusterData(TypedDict):
    """The wizard's data in the flows table."""

    plan: list[str]
    names: dict[str, str]
    """name_ky and name_ru, as typed."""
    members: list[int]
    """The municipalities ticked, by id."""
    query: str | None
    """What the list is searched for, if anything."""


def cluster_data(flow: Flow) -> ClusterData:
    """The flows table keeps JSON; this wizard wrote it in this shape."""
    return cast(ClusterData, flow.data)


@dataclass(frozen=True)
class Choice:
    """A municipality on the list, with its district so that namesakes can be told apart."""

    place: Place
    district: Place


@dataclass(frozen=True)
class Summary:
    names: dict[str, str]
    code: str
    members: list[Choice]


def slug(text: str) -> str:
    """'Базар-Коргон суу' -> 'bazar-korgon-suu': Latin words joined by hyphens."""
    words = [fold(word) for word in re.split(r"[^\w]+", text)]
    found = "-".join(w for w in words if w)[:MAX_CODE].strip("-")
    return found or "cluster"


class ClusterForm(Wizard):
    flow_name = FLOW

    def __init__(self, people: People, directory: Directory) -> None:
        self.people = people
        self.directory = directory
        self.db = people.db
        self.clock = people.clock

    async def begin(self, telegram_id: int) -> Flow:
        await self.people.require_staff(telegram_id)
        data: ClusterData = {"plan": list(STEPS), "names": {}, "members": [], "query": None}
        return await self._save(Flow(telegram_id, FLOW, STEPS[0], {**data}))

    async def _at(self, telegram_id: int, *steps: str) -> Flow:
        await self.people.require_staff(telegram_id)
        return await super()._at(telegram_id, *steps)

    async def text(self, telegram_id: int, raw: str) -> Flow:
        """A name at the name steps; on the list, part of a municipality's name to look for."""
        flow = await self._at(telegram_id, *STEPS, "summary")
        data = cluster_data(flow)
        if flow.step == "members":
            data["query"] = fields.text_value(raw, MAX_NAME)
            return await self._save(flow)
        if flow.step == "summary":
            raise Refusal("use_buttons")
        data["names"][flow.step] = fields.text_value(raw, MAX_NAME)
        plan = data["plan"]
        plan.pop(0)
        flow.step = plan[0]
        return await self._save(flow)

    async def choices(self, telegram_id: int) -> list[Choice]:
        """What the list shows now: the search results, or every municipality allowed."""
        flow = await self._at(telegram_id, "members")
        allowed = await self._allowed(await self.people.require_staff(telegram_id))
        query = cluster_data(flow).get("query")
        if not query:
            return list(allowed.values())
        found = await self.directory.search(query, limit=SEARCH_LIMIT)
        return [allowed[m.place.id] for m in found if m.place.id in allowed]

    async def _allowed(self, actor: Actor) -> dict[int, Choice]:
        districts = {d.id: d for d in await places.all_districts(self.db)}
        found: dict[int, Choice] = {}
        for muni in await places.all_municipalities(self.db):
            assert muni.parent_id is not None  # every municipality is in a district
            district = districts[muni.parent_id]
            if not actor.region_ids or district.parent_id in actor.region_ids:
                found[muni.id] = Choice(muni, district)
        return found

    async def toggle(self, telegram_id: int, value: str) -> Flow:
        flow = await self._at(telegram_id, "members")
        allowed = await self._allowed(await self.people.require_staff(telegram_id))
        if not value.isdigit() or int(value) not in allowed:
            raise Refusal("stale")
        members, chosen = cluster_data(flow)["members"], int(value)
        if chosen in members:
            members.remove(chosen)
        else:
            members.append(chosen)
        return await self._save(flow)

    async def page(self, telegram_id: int, value: str) -> Flow:
        """A page of the list; 'all' leaves the search and shows every municipality again."""
        flow = await self._at(telegram_id, "members")
        if value == "all":
            cluster_data(flow)["query"] = None
            await self._save(flow)
        return flow

    async def done(self, telegram_id: int) -> Flow:
        flow = await self._at(telegram_id, "members")
        if len(cluster_data(flow)["members"]) < MIN_MEMBERS:
            raise Refusal("cluster_too_small", minimum=MIN_MEMBERS)
        flow.step = "summary"
        return await self._save(flow)

    async def summary(self, telegram_id: int) -> Summary:
        flow = await self._at(telegram_id, "summary")
        allowed = await self._allowed(await self.people.require_staff(telegram_id))
        data = cluster_data(flow)
        chosen = [allowed[m] for m in data["members"] if m in allowed]
        names = data["names"]
        return Summary(names, await self._free_code(names), chosen)

    async def confirm(self, telegram_id: int) -> tuple[int, Summary]:
        """Saves the cluster and its municipalities together; returns its id and what was saved."""
        found = await self.summary(telegram_id)
        if len(found.members) < MIN_MEMBERS:
            raise Refusal("cluster_too_small", minimum=MIN_MEMBERS)
        names = {**found.names, "name_en": found.names["name_ru"]}
        async with self.db.transaction():
            code = await self._free_code(found.names)
            cluster_id, _ = await repo.save(self.db, code, names, utcnow_iso(self.clock.now()))
            await repo.add_members(self.db, cluster_id, [c.place.id for c in found.members])
            await flows.clear(self.db, telegram_id)
        return cluster_id, Summary(found.names, code, found.members)

    async def abort(self, telegram_id: int) -> None:
        await self._at(telegram_id, *STEPS, "summary")
        await flows.clear(self.db, telegram_id)

    async def _free_code(self, names: dict[str, str]) -> str:
        """The name's slug, with -2, -3 ... when another cluster already has it."""
        base = slug(names.get("name_ru") or names.get("name_ky") or "")
        code, n = base, 1
        while await repo.by_code(self.db, code) is not None:
            n += 1
            code = f"{base[: MAX_CODE - len(str(n)) - 1]}-{n}"
        return code
