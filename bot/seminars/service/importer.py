"""Seminars from a file that project staff prepare: a CSV saved from a spreadsheet, or YAML.

All or nothing: every row is checked first, with the wizard's own checks, and one bad row stops
the whole file. Half a schedule imported is worse than none, because whoever fixes the file would
then have to remove the rows that did get in. For the same reason a seminar that already exists
(same title and start) is refused, so running the fixed file again creates nothing twice.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core.audience.lookup import AudienceLookup
from bot.core.audience.service import Audience
from bot.core.tabular import FileProblem, read_items
from bot.seminars.repo.seminars import SeminarFields
from bot.seminars.service.row_check import SEMINAR_COLUMNS, Explain, RowChecker
from bot.seminars.service.seminars import Seminars

__all__ = ["FileProblem", "SeminarImportReport", "import_seminars", "read_items"]

Ready = tuple[int, SeminarFields, Audience]
"""A checked line or item: its number, the seminar's values, and whom to invite."""


@dataclass
class SeminarImportReport:
    created: int = 0
    invited: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    seminars: list[tuple[int, int, int]] = field(default_factory=list)
    """(line or item, seminar id, members invited) for each seminar created."""
    unit: str = "line"

    def lines(self) -> list[str]:
        out = [f"seminars created: {self.created}", f"invitations queued: {self.invited}"]
        out += [f"  {self.unit} {n}: seminar {sid}, {k} invited" for n, sid, k in self.seminars]
        out.append(f"rejected: {len(self.rejected)}")
        out += [f"  {self._where(n)}: {reason}" for n, reason in self.rejected]
        if self.rejected:
            out.append("nothing was imported: fix the rows above and run the import again")
        return out

    def _where(self, number: int) -> str:
        return f"{self.unit} {number}" if number else "file"


async def import_seminars(
    seminars: Seminars, path: Path, zone: ZoneInfo, explain: Explain
) -> SeminarImportReport:
    yaml_file = path.suffix.lower() in (".yaml", ".yml")
    report = SeminarImportReport(unit="item" if yaml_file else "line")
    try:
        items = await asyncio.to_thread(read_items, path, SEMINAR_COLUMNS)
    except FileProblem as exc:
        report.rejected.append((exc.number, str(exc)))
        return report
    found = await AudienceLookup.load(seminars.db)
    checker = RowChecker(seminars, found, zone, report.unit, explain)
    ready: list[Ready] = []
    for number, data in items:
        problems, values, audience = await checker.check(number, data)
        if problems or audience is None:
            report.rejected.append((number, "; ".join(problems)))
        else:
            ready.append((number, values, audience))
    if not report.rejected:
        await _create(seminars, ready, report)
    return report


async def _create(seminars: Seminars, ready: list[Ready], report: SeminarImportReport) -> None:
    async with seminars.db.transaction():
        for number, values, audience in ready:
            seminar, invited = await seminars.create_as(None, None, values, audience)
            report.seminars.append((number, seminar.id, invited))
    report.created = len(report.seminars)
    report.invited = sum(k for _, _, k in report.seminars)
