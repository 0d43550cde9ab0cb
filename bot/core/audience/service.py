"""The audience selector that broadcasts and seminars share: all members, or chosen regions,
districts, municipalities or positions, never wider than the coordinator's own regions."""

from __future__ import annotations

from typing import NotRequired, TypedDict

from bot.core.audience import repo
from bot.core.audience.repo import Option
from bot.core.errors import Refusal
from bot.core.people import Actor
from bot.db import Database

KINDS = ("all", "regions", "districts", "municipalities", "clusters", "positions")


class Audience(TypedDict):
    """Who a broadcast, seminar or competition is for, as stored with it."""

    kind: str
    values: list[str | int]
    """Ids of the chosen places or clusters, or position codes (stored data has both ints and
    the text the selector's buttons carry)."""
    within: NotRequired[list[int]]
    """A region-limited author's regions, so members who come later stay inside them."""
    programme: NotRequired[int]
    """The programme it belongs to: only the municipalities it reaches, and not the members
    who muted it (see `with_programme`)."""


def with_programme(audience: Audience, programme_id: int) -> Audience:
    return {**audience, "programme": programme_id}


def empty(kind: str) -> Audience:
    if kind not in KINDS:
        raise Refusal("stale")
    return {"kind": kind, "values": []}


def _values(audience: Audience) -> list[str | int]:
    values = audience.get("values") or []
    if audience["kind"] in ("all", "positions"):
        return list(values)
    return [int(v) for v in values]


class Audiences:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def options(
        self, actor: Actor, kind: str, programme_id: int | None = None
    ) -> list[Option]:
        return await repo.options(self.db, kind, list(actor.region_ids), programme_id)

    async def toggle(self, actor: Actor, audience: Audience, value: str) -> None:
        """Only values the selector offers this person can be chosen; anything else is stale."""
        offered = {v for v, _ in await self.options(actor, audience["kind"], _programme(audience))}
        if value not in offered:
            raise Refusal("stale")
        values = audience["values"]
        if value in values:
            values.remove(value)
        else:
            values.append(value)

    async def chat_ids(self, actor: Actor, audience: Audience | None) -> list[int]:
        """Announcement readers: muted members are left out."""
        audience = audience or {"kind": "all", "values": []}
        return await repo.chat_ids(
            self.db, audience["kind"], _values(audience), list(actor.region_ids),
            programme_id=_programme(audience),
        )  # fmt: skip

    async def members(self, actor: Actor | None, audience: Audience) -> list[tuple[int, int]]:
        """Invitees, muted or not: an invitation is about the member's own business."""
        regions = list(actor.region_ids) if actor and actor.region_ids else _within(audience)
        return await repo.members(
            self.db, audience["kind"], _values(audience), regions, programme_id=_programme(audience)
        )

    async def reaches(self, audience: Audience, user_id: int) -> bool:
        """`within` keeps a region-limited author's limit for members who come later."""
        return await repo.reaches(
            self.db, audience["kind"], _values(audience), user_id, _within(audience),
            _programme(audience),
        )  # fmt: skip


def _programme(audience: Audience) -> int | None:
    found = audience.get("programme")
    return int(found) if found is not None else None


def _within(audience: Audience) -> list[int]:
    return [int(r) for r in audience.get("within") or []]
