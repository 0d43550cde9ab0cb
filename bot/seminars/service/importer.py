"""Seminars from a file that project staff prepare: a CSV saved from a spreadsheet, or YAML.

All or nothing: every row is checked first, with the wizard's own checks, and one bad row stops
the whole file. Half a schedule imported is worse than none, because whoever fixes the file would
then have to remove the rows that did get in. For the same reason a seminar that already exists
(same title and start) is refused, so running the fixed file again creates nothing twice.

Each seminar goes into a programme: the code in the row's `programme` column, else the one the
command names (`--programme CODE`), else the only active programme. With several active and
none named, the file is refused: a schedule imported into the wrong programme would invite the
wrong members.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core.audience.lookup import AudienceLookup
from bot.core.audience.service import Audience
from bot.core.programmes import repo as programmes_repo
from bot.core.programmes.repo import Programme
from bot.core.tabular import FileProblem, blank, cell_text, read_items
from bot.seminars.repo.seminars import SeminarFields
from bot.seminars.service.row_check import SEMINAR_COLUMNS, Explain, RowChecker
from bot.seminars.service.seminars import Seminars

__all__ = ["FileProblem", "SeminarImportReport", "import_seminars", "read_items"]

Ready = tuple[int, SeminarFields, Audience, int]
"""A checked line or item: its number, the seminar's values, whom to invite, and the id of
the programme it goes into."""


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


class _Programmes:
    """Programme codes as a file or the command names them."""

    def __init__(self, programmes: list[Programme]) -> None:
        self.by_code = {p.code: p for p in programmes}
        self.active = [p for p in programmes if p.active]

    def named(self, code: str) -> Programme:
        """An active programme by its code; ValueError saying why not."""
        found = self.by_code.get(code.strip().lower())
        if found is None:
            known = ", ".join(p.code for p in self.active)
            raise ValueError(f"there is no programme with the code {code} (open ones: {known})")
        if not found.active:
            raise ValueError(f"the programme {found.code} is closed")
        return found

    def default(self, code: str | None) -> Programme:
        """The one named for the whole file, else the only active one."""
        if code:
            return self.named(code)
        if len(self.active) == 1:
            return self.active[0]
        if not self.active:
            raise ValueError("there is no open programme: add one first")
        codes = ", ".join(p.code for p in self.active)
        raise ValueError(
            f"there are several programmes ({codes}): give each row's in a programme column,"
            " or name one for the whole file with --programme CODE"
        )


async def import_seminars(
    seminars: Seminars, path: Path, zone: ZoneInfo, explain: Explain, programme: str | None = None
) -> SeminarImportReport:
    """`programme`: the code of the programme for rows that don't name one."""
    yaml_file = path.suffix.lower() in (".yaml", ".yml")
    report = SeminarImportReport(unit="item" if yaml_file else "line")
    codes = _Programmes(await programmes_repo.listing(seminars.db))
    try:
        default: Programme | ValueError = codes.default(programme)
    except ValueError as exc:
        if programme:  # a code that can't be used is wrong for every row
            report.rejected.append((0, str(exc)))
            return report
        default = exc
    try:
        items = await asyncio.to_thread(read_items, path, SEMINAR_COLUMNS)
    except FileProblem as exc:
        report.rejected.append((exc.number, str(exc)))
        return report
    found = await AudienceLookup.load(seminars.db)
    checker = RowChecker(seminars, found, zone, report.unit, explain)
    ready: list[Ready] = []
    unnamed = False
    for number, data in items:
        problems, values, audience = await checker.check(number, data)
        programme_id = None
        raw = data.get("programme") if isinstance(data, dict) else None
        if not blank(raw):
            try:
                programme_id = codes.named(cell_text(raw)).id
            except ValueError as exc:
                problems.append(f"programme: {exc}")
        elif isinstance(default, Programme):
            programme_id = default.id
        else:
            unnamed = True
        if problems or audience is None:
            report.rejected.append((number, "; ".join(problems)))
        elif programme_id is not None:
            ready.append((number, values, audience, programme_id))
    if unnamed:
        report.rejected.insert(0, (0, str(default)))
    if not report.rejected:
        await _create(seminars, ready, report)
    return report


async def _create(seminars: Seminars, ready: list[Ready], report: SeminarImportReport) -> None:
    async with seminars.db.transaction():
        for number, values, audience, programme_id in ready:
            seminar, invited = await seminars.create_as(None, None, values, audience, programme_id)
            report.seminars.append((number, seminar.id, invited))
    report.created = len(report.seminars)
    report.invited = sum(k for _, _, k in report.seminars)
