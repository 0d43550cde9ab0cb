"""Clusters of municipalities and who belongs to them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import Database


@dataclass(frozen=True)
class Cluster:
    id: int
    code: str
    name_ky: str
    name_ru: str
    name_en: str
    created_at: str
    programme_id: int | None = None


async def by_code(db: Database, code: str) -> Cluster | None:
    row = await db.fetchone("SELECT * FROM clusters WHERE code = ?", (code,))
    return Cluster(**dict(row)) if row else None


async def all_clusters(db: Database) -> list[Cluster]:
    rows = await db.fetchall("SELECT * FROM clusters ORDER BY name_en")
    return [Cluster(**dict(r)) for r in rows]


async def save(
    db: Database, code: str, names: dict[str, str], now: str, programme_id: int | None = None
) -> tuple[int, bool]:
    """Creates the cluster (in `programme_id`'s programme) or renames it; returns its id and
    whether it is new. A cluster stays in the programme it was made in."""
    found = await by_code(db, code)
    if found is not None:
        await db.execute(
            "UPDATE clusters SET name_ky = ?, name_ru = ?, name_en = ? WHERE id = ?",
            (names["name_ky"], names["name_ru"], names["name_en"], found.id),
        )
        return found.id, False
    new_id = await db.insert(
        "INSERT INTO clusters (code, name_ky, name_ru, name_en, created_at, programme_id)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (code, names["name_ky"], names["name_ru"], names["name_en"], now, programme_id),
    )
    return new_id, True


async def add_members(db: Database, cluster_id: int, municipality_ids: list[int]) -> int:
    """Adds municipalities not yet in the cluster; returns how many were added."""
    before = await count_members(db, cluster_id)
    await db.executemany(
        "INSERT OR IGNORE INTO cluster_members (cluster_id, municipality_id) VALUES (?, ?)",
        [(cluster_id, m) for m in municipality_ids],
    )
    return await count_members(db, cluster_id) - before


async def count_members(db: Database, cluster_id: int) -> int:
    return await db.count(
        "SELECT COUNT(*) FROM cluster_members WHERE cluster_id = ?", (cluster_id,)
    )
