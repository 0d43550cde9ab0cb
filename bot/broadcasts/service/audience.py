"""The names of a broadcast's audience, for the preview and the history: the places, clusters or
positions chosen, in each language, and what narrowed them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.audience import behaviour, repo
from bot.core.audience.behaviour import EVENT_OF, Event
from bot.core.audience.repo import Option
from bot.core.audience.service import Audience
from bot.db import Database


@dataclass(frozen=True)
class Named:
    """A stored audience as the history names it."""

    kind: str
    places: list[Option]
    positions: tuple[str, ...] = ()
    behaviour: str | None = None
    event: Event | None = None
    """The seminar or competition of the behaviour, unless it is gone."""


async def named_whole(db: Database, audience: Audience, programme_id: int | None) -> Named:
    """The places with their names, and the positions and behaviour that narrowed them."""
    chosen = audience.get("behaviour")
    event = None
    if chosen is not None and chosen["kind"] in EVENT_OF:
        event = await behaviour.event(db, EVENT_OF[chosen["kind"]], int(chosen["id"]))
    return Named(
        kind=audience["kind"],
        places=await named(db, audience, programme_id),
        positions=tuple(audience.get("positions") or ()),
        behaviour=chosen["kind"] if chosen else None,
        event=event,
    )


async def named(db: Database, audience: Audience, programme_id: int | None) -> list[Option]:
    """The chosen values with their names, in the order chosen; none for 'all'. A place that
    has lost its last member since keeps no name and is left out."""
    kind = audience["kind"]
    chosen = [str(v) for v in audience.get("values") or []]
    if kind == "all" or not chosen:
        return []
    if kind == "positions":
        return [(value, None) for value in chosen]
    found = dict(await repo.options(db, kind, [], programme_id))
    return [(value, found[value]) for value in chosen if value in found]
