"""Clusters from a CSV that staff keep: one row per cluster and member municipality.

Columns: `cluster` (a short code, e.g. `siap-suzak-1`), `name_ky`, `name_ru`, optional
`name_en`, and `municipality` (a name in any language, or `district-code/name` when two
districts share the name). Every row is checked before anything is saved, and nothing is saved
if a row is refused; loading the same file again adds nothing. New clusters go into the
programme named (`--programme CODE`), or the only active one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.audience.lookup import AudienceLookup
from bot.core.places import clusters as repo
from bot.core.programmes import repo as programmes_repo
from bot.core.tabular import Columns, FileProblem, cell_text, read_items
from bot.db import Database, utcnow_iso

REQUIRED = ("cluster", "name_ky", "name_ru", "municipality")
COLUMNS = Columns((*REQUIRED, "name_en"), REQUIRED, noun="clusters")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")

Wanted = dict[str, tuple[dict[str, str], list[int]]]
"""Each cluster code with its names and member municipalities, as the file asks for them."""


@dataclass
class ClusterImportReport:
    clusters_added: int = 0
    members_added: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"clusters added: {self.clusters_added}", f"members added: {self.members_added}"]
        out.append(f"rejected: {len(self.rejected)}")
        out += [f"  line {n}: {reason}" for n, reason in self.rejected]
        if self.rejected:
            out.append("nothing was imported: fix the rows above and run the import again")
        return out


async def import_clusters(
    db: Database, path: Path, programme: str | None = None
) -> ClusterImportReport:
    report = ClusterImportReport()
    try:
        programme_id = await _programme_id(db, programme)
        items = read_items(path, COLUMNS)
    except FileProblem as exc:
        report.rejected.append((exc.number, str(exc)))
        return report
    lookup = await AudienceLookup.load(db)
    wanted: Wanted = {}
    for number, row in items:
        problem = _check(row, lookup, wanted)
        if problem:
            report.rejected.append((number, problem))
    if not report.rejected:
        await _save(db, wanted, report, programme_id)
    return report


async def _programme_id(db: Database, code: str | None) -> int:
    """The programme named by its code, or the only active one."""
    if code:
        found = await programmes_repo.by_code(db, code)
        if found is None:
            raise FileProblem(f"there is no programme with the code {code!r}")
        if not found.active:
            raise FileProblem(f"the programme {found.code!r} is closed")
        return found.id
    active = await programmes_repo.listing(db, active_only=True)
    if len(active) != 1:
        codes = ", ".join(p.code for p in active) or "none is active"
        raise FileProblem(f"name the programme with --programme CODE ({codes})")
    return active[0].id


def _check(row: Mapping[str, object], lookup: AudienceLookup, wanted: Wanted) -> str | None:
    values = {k: cell_text(row.get(k)) for k in (*REQUIRED, "name_en")}
    empty = [k for k in REQUIRED if not values[k]]
    if empty:
        return f"empty: {', '.join(empty)}"
    code = values["cluster"].lower()
    if not _CODE.match(code):
        return f"cluster code {values['cluster']!r}: use latin letters, digits, - and _"
    names = {k: values[k] for k in ("name_ky", "name_ru")}
    names["name_en"] = values["name_en"] or values["name_ru"]
    known = wanted.get(code)
    if known is not None and known[0] != names:
        return f"cluster {code!r} has different names on an earlier row"
    try:
        municipality = int(lookup.find("municipalities", values["municipality"]))
    except ValueError as exc:
        return str(exc)
    wanted.setdefault(code, (names, []))[1].append(municipality)
    return None


async def _save(
    db: Database, wanted: Wanted, report: ClusterImportReport, programme_id: int
) -> None:
    now = utcnow_iso()
    async with db.transaction():
        for code, (names, municipalities) in wanted.items():
            cluster_id, new = await repo.save(db, code, names, now, programme_id)
            report.clusters_added += new
            report.members_added += await repo.add_members(db, cluster_id, municipalities)
