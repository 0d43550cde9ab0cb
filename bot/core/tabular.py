"""The rows of a file staff prepare (seminars, clusters), before any of their values are checked.

Staff save these files from Excel or write them by hand, so reading forgives what those tools
produce (a byte order mark, ';' between cells, headers in any case) and refuses what it can't
guess: an unknown column is far more likely a typo than extra data. Every row keeps its line or
item number, so each problem found later can say where in the file to look.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class FileProblem(Exception):
    """The file as a whole can't be used; `number` is the line to look at, 0 for none."""

    def __init__(self, reason: str, number: int = 0) -> None:
        super().__init__(reason)
        self.number = number


@dataclass(frozen=True)
class Columns:
    """What a file must have: its known columns, the required ones, one of `any_of`."""

    known: tuple[str, ...]
    required: tuple[str, ...]
    any_of: tuple[str, ...] = ()
    noun: str = "rows"


def read_items(path: Path, columns: Columns) -> list[tuple[int, Any]]:
    """(line or item number, mapping) for each row; blank spreadsheet rows are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem("the file is not UTF-8: in Excel, save it as «CSV UTF-8»") from exc
    except OSError as exc:
        raise FileProblem(f"cannot read the file: {exc.strerror}") from exc
    suffix = path.suffix.lower()
    if suffix == ".csv":
        items = _csv_items(text, columns)
    elif suffix in (".yaml", ".yml"):
        items = _yaml_items(text, columns.noun)
    else:
        raise FileProblem("expected a .csv, .yaml or .yml file")
    if not items:
        raise FileProblem(f"there are no {columns.noun} in the file")
    return items


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str | list) and not "".join(map(str, value)).strip())


def cell_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _csv_items(text: str, columns: Columns) -> list[tuple[int, Any]]:
    """Excel saves with ';' where the comma is the decimal sign; the header line tells which."""
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    names = [(name or "").strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = names
    problems = []
    unknown = [n for n in names if n and n not in columns.known]
    if unknown:
        problems.append(f"unknown columns: {', '.join(unknown)}")
    missing = [n for n in columns.required if n not in names]
    if columns.any_of and not set(columns.any_of) & set(names):
        missing.insert(0, " or ".join(columns.any_of))
    if missing:
        problems.append(f"missing columns: {', '.join(missing)}")
    if problems:
        raise FileProblem("; ".join(problems), 1)
    return [(reader.line_num, row) for row in reader if not all(map(blank, row.values()))]


def _yaml_items(text: str, noun: str) -> list[tuple[int, Any]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise FileProblem("not valid YAML: " + " ".join(str(exc).split())) from exc
    if isinstance(data, dict) and list(data) == [noun]:
        data = data[noun]
    if data is None:
        return []
    if not isinstance(data, list):
        raise FileProblem(f"expected a list of {noun}, or a mapping with the key «{noun}»")
    return [(n, _lower_keys(item)) for n, item in enumerate(data, 1)]


def _lower_keys(item: Any) -> Any:
    return {str(k).strip().lower(): v for k, v in item.items()} if isinstance(item, dict) else item
