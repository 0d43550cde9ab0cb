"""The names of a broadcast's audience, for the preview and the history: the places, clusters or
positions chosen, in each language."""

from __future__ import annotations

from bot.core.audience import repo
from bot.core.audience.repo import Option
from bot.core.audience.service import Audience
from bot.db import Database


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
