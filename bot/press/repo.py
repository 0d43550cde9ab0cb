"""The directory's names of each cluster's municipalities, for a competition's release."""

from __future__ import annotations

from bot.db import Database

Names = dict[str, str]
"""A place's names: name_ky, name_ru, name_en."""


async def cluster_members(db: Database, cluster_ids: list[int]) -> dict[int, list[Names]]:
    if not cluster_ids:
        return {}
    marks = ",".join("?" * len(cluster_ids))
    rows = await db.fetchall(
        "SELECT cm.cluster_id, m.name_ky, m.name_ru, m.name_en FROM cluster_members cm"
        f" JOIN municipalities m ON m.id = cm.municipality_id WHERE cm.cluster_id IN ({marks})"
        " ORDER BY m.name_en",
        cluster_ids,
    )
    found: dict[int, list[Names]] = {}
    for row in rows:
        names = {"name_ky": row[1], "name_ru": row[2], "name_en": row[3]}
        found.setdefault(row[0], []).append(names)
    return found
