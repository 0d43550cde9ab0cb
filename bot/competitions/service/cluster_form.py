"""A cluster made inside the bot: two names, then municipalities ticked on a paged list (or
found by typing part of a name), a summary, and one save.

A cluster belongs to a programme: someone who works in several chooses it first. A
region-limited coordinator sees and may tick only municipalities of their own regions in it,
and only those the programme reaches. The code is derived from the name, so nobody has to
invent one; it never renames a cluster that already has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NotRequired, TypedDict, cast

from bot.competitions.repo import competitions as comp_repo
from bot.core import fields, flows
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.people import Actor, People
from bot.core.places import clusters as repo
from bot.core.places import repo as places
from bot.core.places.repo import Place
from bot.core.places.search import Directory, fold
from bot.core.programmes.repo import Programme
from bot.core.programmes.service import Programmes
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
    programme_id: NotRequired[int | None]
    """Chosen first by someone who works in several programmes, else the only one."""


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

    @classmethod
    def answers(cls, flow: Flow) -> int:
        """The names typed and the municipalities ticked."""
        data = cluster_data(flow)
        return len(data.get("names", {})) + len(data.get("members", []))

    def __init__(self, people: People, directory: Directory) -> None:
        self.people = people
        self.directory = directory
        self.db = people.db
        self.clock = people.clock
        self.programmes = Programmes(self.db, people)

    async def begin(self, telegram_id: int) -> Flow:
        actor = await self.people.require_staff(telegram_id)
        open_ = await self.programmes.open_to(actor)
        if not open_:
            raise Refusal("no_programme")
        plan = ["programme", *STEPS] if len(open_) > 1 else list(STEPS)
        data: ClusterData = {"plan": plan, "names": {}, "members": [], "query": None,
                             "programme_id": open_[0].id if len(open_) == 1 else None}  # fmt: skip
        return await self._save(Flow(telegram_id, FLOW, plan[0], {**data}))

    async def programme_choices(self, telegram_id: int) -> list[Programme]:
        await self._at(telegram_id, "programme")
        return await self.programmes.open_to(await self.people.require_staff(telegram_id))

    async def choose_programme(self, telegram_id: int, value: str) -> Flow:
        """A programme not open to this person (a forged button) is not allowed."""
        flow = await self._at(telegram_id, "programme")
        if not value.isdigit():
            raise Refusal("stale")
        actor = await self.people.require_staff(telegram_id)
        data = cluster_data(flow)
        data["programme_id"] = (await self.programmes.pick(actor, int(value))).id
        data["plan"].pop(0)
        flow.step = data["plan"][0]
        return await self._save(flow)

    async def _scoped(self, flow: Flow) -> tuple[Actor, int]:
        """The author as staff of the cluster's programme, checked again at every use."""
        actor = await self.people.require_staff(flow.telegram_id)
        chosen = cluster_data(flow).get("programme_id")
        programme = await self.programmes.pick(actor, chosen)
        return actor.within(programme.id), programme.id

    async def _at(self, telegram_id: int, *steps: str) -> Flow:
        await self.people.require_staff(telegram_id)
        return await super()._at(telegram_id, *steps)

    async def text(self, telegram_id: int, raw: str) -> Flow:
        """A name at the name steps; on the list, part of a municipality's name to look for."""
        flow = await self._at(telegram_id, "programme", *STEPS, "summary")
        data = cluster_data(flow)
        if flow.step in ("programme", "summary"):
            raise Refusal("use_buttons")
        if flow.step == "members":
            data["query"] = fields.text_value(raw, MAX_NAME)
            return await self._save(flow)
        data["names"][flow.step] = fields.text_value(raw, MAX_NAME)
        plan = data["plan"]
        plan.pop(0)
        flow.step = plan[0]
        return await self._save(flow)

    async def choices(self, telegram_id: int) -> list[Choice]:
        """What the list shows now: the search results, or every municipality allowed."""
        flow = await self._at(telegram_id, "members")
        allowed = await self._allowed(flow)
        query = cluster_data(flow).get("query")
        if not query:
            return list(allowed.values())
        found = await self.directory.search(query, limit=SEARCH_LIMIT)
        return [allowed[m.place.id] for m in found if m.place.id in allowed]

    async def _allowed(self, flow: Flow) -> dict[int, Choice]:
        """The municipalities the programme reaches, in the author's regions in it."""
        actor, pid = await self._scoped(flow)
        reached = await comp_repo.reached(self.db, pid)
        districts = {d.id: d for d in await places.all_districts(self.db)}
        found: dict[int, Choice] = {}
        for muni in await places.all_municipalities(self.db):
            assert muni.parent_id is not None  # every municipality is in a district
            district = districts[muni.parent_id]
            mine = not actor.region_ids or district.parent_id in actor.region_ids
            if mine and muni.id in reached:
                found[muni.id] = Choice(muni, district)
        return found

    async def toggle(self, telegram_id: int, value: str) -> Flow:
        flow = await self._at(telegram_id, "members")
        allowed = await self._allowed(flow)
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
        allowed = await self._allowed(flow)
        data = cluster_data(flow)
        chosen = [allowed[m] for m in data["members"] if m in allowed]
        names = data["names"]
        return Summary(names, await self._free_code(names), chosen)

    async def confirm(self, telegram_id: int) -> tuple[int, Summary]:
        """Saves the cluster and its municipalities together; returns its id and what was saved."""
        found = await self.summary(telegram_id)
        if len(found.members) < MIN_MEMBERS:
            raise Refusal("cluster_too_small", minimum=MIN_MEMBERS)
        flow = await self._at(telegram_id, "summary")
        _, pid = await self._scoped(flow)
        names = {**found.names, "name_en": found.names["name_ru"]}
        async with self.db.transaction():
            code = await self._free_code(found.names)
            now = utcnow_iso(self.clock.now())
            cluster_id, _ = await repo.save(self.db, code, names, now, programme_id=pid)
            await repo.add_members(self.db, cluster_id, [c.place.id for c in found.members])
            await flows.clear(self.db, telegram_id)
        return cluster_id, Summary(found.names, code, found.members)

    async def abort(self, telegram_id: int) -> None:
        await self._at(telegram_id, "programme", *STEPS, "summary")
        await flows.clear(self.db, telegram_id)

    async def _free_code(self, names: dict[str, str]) -> str:
        """The name's slug, with -2, -3 ... when another cluster already has it."""
        base = slug(names.get("name_ru") or names.get("name_ky") or "")
        code, n = base, 1
        while await repo.by_code(self.db, code) is not None:
            n += 1
            code = f"{base[: MAX_CODE - len(str(n)) - 1]}-{n}"
        return code
