"""Loading municipalities from a CSV that project staff prepare in a spreadsheet.

Regions and districts are matched by code or by any of their names, because people export the
sheet with whatever names they typed. Re-running the same file adds nothing.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.places import repo as places
from bot.core.places.search import fold
from bot.db import Database

REQUIRED = ("region", "district", "name_ky", "name_ru", "name_en", "kind")
KINDS = ("aiyl_aimak", "town", "city")


@dataclass
class ImportReport:
    added: int = 0
    unchanged: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"added: {self.added}", f"already there: {self.unchanged}"]
        out.append(f"refused: {len(self.refused)}")
        out += [f"  line {line}: {reason}" for line, reason in self.refused]
        return out


def _lookup(items: list[places.Place]) -> dict[str, places.Place]:
    table = {}
    for item in items:
        for key in (
            item.code,
            item.code.rsplit("/", 1)[-1],
            item.name_ky,
            item.name_ru,
            item.name_en,
        ):
            table[fold(key)] = item
    return table


async def import_municipalities(db: Database, path: Path) -> ImportReport:
    report = ImportReport()
    regions = _lookup(await places.all_regions(db))
    districts = await places.all_districts(db)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            report.refused.append((1, f"missing columns: {', '.join(missing)}"))
            return report
        for row in reader:
            problem = await _import_row(db, row, regions, districts, report)
            if problem:
                report.refused.append((reader.line_num, problem))
    return report


async def _import_row(
    db: Database,
    row: dict[str, str],
    regions: dict[str, places.Place],
    districts: list[places.Place],
    report: ImportReport,
) -> str | None:
    values = {k: (row.get(k) or "").strip() for k in REQUIRED}
    empty = [k for k, v in values.items() if not v]
    if empty:
        return f"empty: {', '.join(empty)}"
    if values["kind"] not in KINDS:
        return f"kind {values['kind']!r} is not one of {', '.join(KINDS)}"
    region = regions.get(fold(values["region"]))
    if region is None:
        return f"unknown region {values['region']!r}"
    in_region = _lookup([d for d in districts if d.parent_id == region.id])
    district = in_region.get(fold(values["district"]))
    if district is None:
        return f"unknown district {values['district']!r} in {region.name_en}"
    added = await places.insert_municipality(
        db, district.id, values["kind"], values["name_ky"], values["name_ru"], values["name_en"]
    )
    if added:
        report.added += 1
    else:
        report.unchanged += 1
    return None
