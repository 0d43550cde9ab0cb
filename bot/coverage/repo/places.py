"""The municipalities in scope with their approved staff by position and pending registrations."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.coverage.repo.events import Figures
from bot.db import Database


@dataclass(frozen=True)
class PlaceNames:
    id: int
    name_ky: str
    name_ru: str
    name_en: str

    def name(self, lang: str) -> str:
        return getattr(self, f"name_{lang}", None) or self.name_en


@dataclass
class MunicipalityRow:
    place: PlaceNames
    district: PlaceNames
    region: PlaceNames
    approved: dict[str, int] = field(default_factory=dict)
    pending: int = 0
    figures: Figures = field(default_factory=Figures)
    """The chosen seminar's or competition's, when there is one."""


async def municipalities(
    db: Database, programme_ids: list[int] | None, region_ids: tuple[int, ...]
) -> list[MunicipalityRow]:
    """Every municipality the programmes reach (None: every one), within the regions (empty:
    all), with its counts."""
    sql = (
        "SELECT m.id, m.name_ky, m.name_ru, m.name_en,"
        " d.id, d.name_ky, d.name_ru, d.name_en, r.id, r.name_ky, r.name_ru, r.name_en"
        " FROM municipalities m JOIN districts d ON d.id = m.district_id"
        " JOIN regions r ON r.id = d.region_id WHERE 1"
    )
    params: list[int] = []
    if programme_ids is not None:
        marks = ", ".join("?" * len(programme_ids)) or "NULL"
        sql += (
            " AND m.id IN (SELECT municipality_id FROM programme_reach"
            f" WHERE programme_id IN ({marks}))"
        )
        params += programme_ids
    if region_ids:
        sql += f" AND r.id IN ({', '.join('?' * len(region_ids))})"
        params += region_ids
    rows = await db.fetchall(sql + " ORDER BY r.id, d.id, m.name_en", params)
    found = {
        row[0]: MunicipalityRow(
            PlaceNames(row[0], row[1], row[2], row[3]),
            PlaceNames(row[4], row[5], row[6], row[7]),
            PlaceNames(row[8], row[9], row[10], row[11]),
        )
        for row in rows
    }
    counts = await db.fetchall(
        "SELECT municipality_id, status, COALESCE(position, 'other'), COUNT(*) FROM users"
        " WHERE status IN ('approved', 'pending') AND municipality_id IS NOT NULL"
        " GROUP BY municipality_id, status, position"
    )
    for muni_id, status, position, count in counts:
        row = found.get(muni_id)
        if row is None:
            continue
        if status == "pending":
            row.pending += count
        else:
            row.approved[position] = row.approved.get(position, 0) + count
    return list(found.values())
