"""A seminar file's audience, as staff write it, turned into the ids a seminar keeps.

People know places by code or by one of their names, in whichever language they work in, so any
of those is accepted. A name that fits more than one place is refused rather than guessed: a
wrong guess would invite the wrong people.
"""

from __future__ import annotations

import re
from typing import Any

from bot.core.audience.service import KINDS
from bot.core.places import clusters as clusters_repo
from bot.core.places import repo as places
from bot.core.places.search import fold
from bot.core.positions import POSITIONS
from bot.core.tabular import cell_text
from bot.db import Database

_SINGULAR = {
    "regions": "region",
    "districts": "district",
    "municipalities": "municipality",
    "clusters": "cluster",
}


class AudienceLookup:
    """Regions, districts and municipalities by code or by any of their names, as typed.

    A municipality name that two districts share can be written after its district's code,
    like "jalal-abad/nooken/Masy"."""

    def __init__(
        self, tables: dict[str, dict[str, set[int]]], names: dict[tuple[str, int], str]
    ) -> None:
        self.tables = tables
        self.names = names

    @classmethod
    async def load(cls, db: Database) -> AudienceLookup:
        regions, districts = await places.all_regions(db), await places.all_districts(db)
        clusters = await clusters_repo.all_clusters(db)
        munis = await places.all_municipalities(db)
        code_of = {d.id: d.code for d in districts}
        keyed = {
            "regions": [(r.id, [r.code, r.name_ky, r.name_ru, r.name_en]) for r in regions],
            "districts": [(d.id, [d.code, d.name_ky, d.name_ru, d.name_en]) for d in districts],
            "municipalities": [
                (m.id, [f"{prefix}{n}" for prefix in ("", code_of.get(m.parent_id or 0, "") + "/")
                        for n in (m.name_ky, m.name_ru, m.name_en)])
                for m in munis
            ],
            "clusters": [(c.id, [c.code, c.name_ky, c.name_ru, c.name_en]) for c in clusters],
        }  # fmt: skip
        tables: dict[str, dict[str, set[int]]] = {kind: {} for kind in keyed}
        for kind, entries in keyed.items():
            for place_id, keys in entries:
                for key in keys:
                    tables[kind].setdefault(fold(key), set()).add(place_id)
        names = {("regions", r.id): r.code for r in regions}
        names |= {("districts", d.id): d.code for d in districts}
        names |= {
            ("municipalities", m.id): f"{code_of.get(m.parent_id or 0, '')}/{m.name_en}"
            for m in munis
        }
        names |= {("clusters", c.id): c.code for c in clusters}
        return cls(tables, names)

    def find(self, kind: str, raw: str) -> str:
        if kind == "positions":
            if raw.lower() not in POSITIONS:
                raise ValueError(f"unknown position {raw!r} (use one of {', '.join(POSITIONS)})")
            return raw.lower()
        found = self.tables[kind].get(fold(raw), set())
        what = _SINGULAR[kind]
        if not found:
            raise ValueError(f"unknown {what} {raw!r}")
        if len(found) > 1:
            options = ", ".join(sorted(self.names[(kind, i)] for i in found))
            raise ValueError(f"{what} {raw!r} is ambiguous: write one of {options}")
        return str(next(iter(found)))

    def audience(self, kind_raw: Any, values_raw: Any) -> dict[str, Any]:
        kind = cell_text(kind_raw).lower() or "all"
        if kind not in KINDS:
            raise ValueError(f"audience_kind {kind!r} is not one of {', '.join(KINDS)}")
        values = _split(values_raw)
        if kind == "all":
            if values:
                raise ValueError("must be empty when audience_kind is all")
            return {"kind": "all", "values": []}
        if not values:
            raise ValueError(f"empty: list the {kind} to invite")
        problems, found = [], []
        for value in values:
            try:
                found.append(self.find(kind, value))
            except ValueError as exc:
                problems.append(str(exc))
        if problems:
            raise ValueError("; ".join(problems))
        return {"kind": kind, "values": list(dict.fromkeys(found))}


def _split(value: Any) -> list[str]:
    parts = value if isinstance(value, list) else re.split(r"[;,]", cell_text(value))
    return [p for p in (cell_text(v) for v in parts) if p]
