"""Worksheets written in one pass, in time linear in their rows.

openpyxl's ordinary worksheet finds its last row (`ws.max_row`) by looking at every cell, so
styling each new row that way made a 20,000-row report take minutes. A write-only worksheet
streams its rows instead, but takes column widths and frozen panes only before its first row:
so a `Sheet` keeps its rows as they are added, measures the widths on the way, and writes
everything out in `write`. Rows are kept as tuples of plain values, which the garbage collector
stops walking after its first look; its full passes hold every thread, the event loop's too.

Text is always written as text: openpyxl would take a string starting with "=" for a formula,
and a comment like "=1+1" must not run in the reader's Excel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

Value = str | int | float | datetime | None
MIN_WIDTH = 8
DATE_WIDTH = 18
"""A date and time as Excel shows it (dd.mm.yyyy hh:mm) with a margin."""


@dataclass(frozen=True)
class Look:
    """How the cells of a row look. With `every_cell`, empty cells get it too."""

    font: Font | None = None
    alignment: Alignment | None = None
    date_format: str | None = None
    every_cell: bool = False

    @property
    def plain(self) -> bool:
        return self.font is None and self.alignment is None and self.date_format is None


PLAIN = Look()


class Sheet:
    def __init__(
        self, book: Workbook, title: str, freeze: str | None = None, max_width: int = 50
    ) -> None:
        if not book.write_only:
            raise ValueError("a Sheet is written into a write-only workbook")
        # The stubs type create_sheet as Any; in a write-only workbook it is a
        # WriteOnlyWorksheet, which has column_dimensions at run time but not in the stubs.
        self.ws: Any = book.create_sheet(title)
        self.freeze = freeze
        self.max_width = max_width
        self.rows: list[tuple[Value, ...]] = []
        self.looks: list[Look] = []
        self.widths: dict[int, int] = {}

    def add(self, values: Sequence[Value], look: Look = PLAIN) -> None:
        """One row; characters Excel refuses are left out of text."""
        row = tuple(ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values)
        for column, value in enumerate(row, 1):
            if value is not None:
                size = DATE_WIDTH if isinstance(value, datetime) else len(str(value)) + 2
                self.widths[column] = max(self.widths.get(column, MIN_WIDTH), size)
        self.rows.append(row)
        self.looks.append(look)

    @property
    def next_row(self) -> int:
        """The number the next row added will have in the sheet (for a chart's ranges)."""
        return len(self.rows) + 1

    def blank(self) -> None:
        self.rows.append(())
        self.looks.append(PLAIN)

    def write(self) -> None:
        """Widths and panes first, as a write-only sheet needs them, then every row."""
        for column, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(column)].width = min(width, self.max_width)
        if self.freeze:
            self.ws.freeze_panes = self.freeze
        for row, look in zip(self.rows, self.looks, strict=True):
            self.ws.append([self._cell(value, look) for value in row])
        self.rows, self.looks = [], []

    def _cell(self, value: Value, look: Look) -> Value | Cell:
        formula_like = isinstance(value, str) and value.startswith("=")
        if (look.plain or (value is None and not look.every_cell)) and not formula_like:
            return value
        cell = WriteOnlyCell(self.ws, value)
        if formula_like:
            cell.data_type = "s"
        if look.font is not None:
            cell.font = look.font
        if look.alignment is not None:
            cell.alignment = look.alignment
        if look.date_format is not None and isinstance(value, datetime):
            cell.number_format = look.date_format
        return cell


def sheet_title(text: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    return "".join(c for c in text if c not in "[]:*?/\\")[:31] or "Sheet"
