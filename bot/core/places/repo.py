"""Regions, districts and municipalities."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import Database, Row


@dataclass(frozen=True)
class Place:
    id: int
    code: str
    kind: str
    name_ky: str
    name_ru: str
    name_en: str
    parent_id: int | None = None

    def name(self, lang: str) -> str:
        return getattr(self, f"name_{lang}", None) or self.name_en


@dataclass(frozen=True)
class PlacePath:
    """A municipality with its district and region, named in any language when shown."""

    municipality: Place
    district: Place | None
    region: Place | None

    def describe(self, lang: str) -> str:
        """'Beshik-Jon, Bazar-Korgon District, Jalal-Abad Region' in the reader's language."""
        found = (self.municipality, self.district, self.region)
        return ", ".join(p.name(lang) for p in found if p is not None)


def _place(row: Row, parent: str | None = None) -> Place:
    return Place(
        id=row["id"],
        code=row["code"],
        kind=row["kind"],
        name_ky=row["name_ky"],
        name_ru=row["name_ru"],
        name_en=row["name_en"],
        parent_id=row[parent] if parent else None,
    )


_REGIONS = "SELECT id, code, kind, name_ky, name_ru, name_en FROM regions"
_DISTRICTS = (
    "SELECT id, code, 'district' AS kind, region_id, name_ky, name_ru, name_en FROM districts"
)
_MUNIS = (
    "SELECT id, CAST(id AS TEXT) AS code, kind, district_id, name_ky, name_ru, name_en"
    " FROM municipalities"
)


async def regions_with_municipalities(db: Database) -> list[Place]:
    """Only places a user can finish choosing in are offered."""
    rows = await db.fetchall(
        _REGIONS + " WHERE id IN (SELECT d.region_id FROM districts d"
        " JOIN municipalities m ON m.district_id = d.id) ORDER BY name_en"
    )
    return [_place(r) for r in rows]


async def districts_with_municipalities(db: Database, region_id: int) -> list[Place]:
    rows = await db.fetchall(
        _DISTRICTS + " WHERE region_id = ? AND id IN (SELECT district_id FROM municipalities)"
        " ORDER BY name_en",
        (region_id,),
    )
    return [_place(r, "region_id") for r in rows]


async def municipalities_in(db: Database, district_id: int) -> list[Place]:
    rows = await db.fetchall(_MUNIS + " WHERE district_id = ? ORDER BY name_en", (district_id,))
    return [_place(r, "district_id") for r in rows]


async def municipalities_stamp(db: Database) -> tuple[int, int]:
    row = await db.fetchone("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM municipalities")
    return (int(row[0]), int(row[1])) if row is not None else (0, 0)


async def all_municipalities(db: Database) -> list[Place]:
    return [_place(r, "district_id") for r in await db.fetchall(_MUNIS + " ORDER BY id")]


async def region(db: Database, region_id: int) -> Place | None:
    row = await db.fetchone(_REGIONS + " WHERE id = ?", (region_id,))
    return _place(row) if row else None


async def district(db: Database, district_id: int) -> Place | None:
    row = await db.fetchone(_DISTRICTS + " WHERE id = ?", (district_id,))
    return _place(row, "region_id") if row else None


async def municipality(db: Database, municipality_id: int) -> Place | None:
    row = await db.fetchone(_MUNIS + " WHERE id = ?", (municipality_id,))
    return _place(row, "district_id") if row else None


async def all_regions(db: Database) -> list[Place]:
    return [_place(r) for r in await db.fetchall(_REGIONS + " ORDER BY id")]


async def all_districts(db: Database) -> list[Place]:
    return [_place(r, "region_id") for r in await db.fetchall(_DISTRICTS + " ORDER BY id")]


async def insert_municipality(
    db: Database, district_id: int, kind: str, ky: str, ru: str, en: str
) -> bool:
    """Returns False when the municipality is already there, so re-imports change nothing."""
    cur = await db.execute(
        "INSERT INTO municipalities (district_id, kind, name_ky, name_ru, name_en)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (district_id, name_en) DO NOTHING",
        (district_id, kind, ky, ru, en),
    )
    return cur.rowcount == 1


async def region_id_of(db: Database, municipality_id: int | None) -> int | None:
    if municipality_id is None:
        return None
    row = await db.fetchone(
        "SELECT d.region_id FROM municipalities m JOIN districts d ON d.id = m.district_id"
        " WHERE m.id = ?",
        (municipality_id,),
    )
    return row[0] if row else None


async def path(db: Database, municipality_id: int | None) -> PlacePath | None:
    muni = await municipality(db, municipality_id) if municipality_id else None
    if muni is None:
        return None
    found = await district(db, muni.parent_id or 0)
    parent = await region(db, found.parent_id or 0) if found else None
    return PlacePath(muni, found, parent)
