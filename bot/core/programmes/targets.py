"""A programme's target municipalities from a CSV: one row per municipality, column
`municipality` (a name in any language, or `district-code/name` when two districts share one).

Checked whole, as the other imports are: one unknown name and nothing is saved. The file
replaces the list, so a municipality left out stops receiving the programme's invitations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.core.audience.lookup import AudienceLookup
from bot.core.programmes import repo
from bot.core.tabular import Columns, FileProblem, cell_text, read_items
from bot.db import Database

COLUMNS = Columns(("municipality",), ("municipality",), noun="municipalities")


@dataclass
class TargetReport:
    programme: str
    before: int = 0
    targets: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        if self.rejected:
            out = [f"rejected: {len(self.rejected)}"]
            out += [f"  line {n}: {reason}" for n, reason in self.rejected]
            out.append("nothing was imported: fix the rows above and run the import again")
            return out
        return [f"programme {self.programme}: {self.targets} target municipalities "
                f"(before: {self.before})"]  # fmt: skip


async def import_targets(db: Database, code: str, path: Path) -> TargetReport:
    programme = await repo.by_code(db, code)
    report = TargetReport(code)
    if programme is None:
        report.rejected.append((0, f"no programme with the code {code!r}"))
        return report
    try:
        items = read_items(path, COLUMNS)
    except FileProblem as exc:
        report.rejected.append((exc.number, str(exc)))
        return report
    lookup = await AudienceLookup.load(db)
    found: list[int] = []
    for number, row in items:
        name = cell_text(row.get("municipality"))
        if not name:
            report.rejected.append((number, "empty: municipality"))
            continue
        try:
            found.append(int(lookup.find("municipalities", name)))
        except ValueError as exc:
            report.rejected.append((number, str(exc)))
    if not found and not report.rejected:
        report.rejected.append((0, "the file names no municipality"))
    if report.rejected:
        return report
    report.before = await repo.target_count(db, programme.id)
    async with db.transaction():
        await repo.set_targets(db, programme.id, found)
    report.targets = len(set(found))
    return report
