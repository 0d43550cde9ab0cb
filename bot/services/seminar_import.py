"""Seminars from a file that project staff prepare: a CSV saved from a spreadsheet, or YAML.

All or nothing: every row is checked first, with the wizard's own checks, and one bad row stops
the whole file. Half a schedule imported is worse than none, because whoever fixes the file would
then have to remove the rows that did get in. For the same reason a seminar that already exists
(same title and start) is refused, so running the fixed file again creates nothing twice.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.db import utcnow_iso
from bot.i18n import translator
from bot.repositories import directory as places
from bot.repositories import seminars as repo
from bot.services import seminar_fields as fields
from bot.services.audience import KINDS
from bot.services.directory import fold
from bot.services.seminars import Seminars
from bot.services.steps import POSITIONS, StepError
from bot.views.errors import step_error

COLUMNS = (
    "title_ky", "title_ru", "description_ky", "description_ru", "starts", "ends",
    "rsvp_deadline", "city", "address", "latitude", "longitude", "capacity", "organiser",
    "audience_kind", "audience",
)  # fmt: skip
REQUIRED = ("starts", "ends", "city", "address", "capacity", "organiser")
TEXTS = {
    "title_ky": fields.MAX_TITLE,
    "title_ru": fields.MAX_TITLE,
    "description_ky": fields.MAX_DESCRIPTION,
    "description_ru": fields.MAX_DESCRIPTION,
    "city": fields.MAX_PLACE,
    "address": fields.MAX_PLACE,
    "organiser": fields.MAX_ORGANISER,
}
_SCHEDULE_FIELD = {
    "time_in_past": "starts",
    "ends_before_start": "ends",
    "too_long_seminar": "ends",
    "deadline_after_start": "rsvp_deadline",
}
_PLAIN = {
    "text_empty": "empty",
    "bad_number": "not a whole number",
    "capacity_positive": "must be more than 0",
    "capacity_too_big": "must be at most {limit}",
    "ends_before_start": "the end must be after the start",
    "too_long_seminar": "a seminar can last at most 14 days",
    "deadline_after_start": "the answer deadline must not be after the start",
    "bad_location": "not a latitude and longitude on the map",
}
"""For codes the bot's messages do not cover yet; the bot's own message wins once it exists."""
_YEAR = re.compile(r"\d{4}")
_BARE_TIME = re.compile(r"^\s*\d{1,2}:\d{2}\s*$")


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


class FileProblem(Exception):
    """The file as a whole can't be used; `number` is the line to look at, 0 for none."""

    def __init__(self, reason: str, number: int = 0) -> None:
        super().__init__(reason)
        self.number = number


@cache
def _generic() -> str:
    return step_error(translator("en"), StepError("unexpected"))


def explain(exc: StepError) -> str:
    """The bot's own English message for the code, so the file and the wizard agree."""
    text = step_error(translator("en"), exc)
    if text != _generic() or exc.code == "unexpected":
        return text
    return _PLAIN.get(exc.code, exc.code.replace("_", " ")).format(**exc.info)


async def import_seminars(seminars: Seminars, path: Path, zone: ZoneInfo) -> SeminarImportReport:
    report = SeminarImportReport(unit="item" if path.suffix.lower() in (".yaml", ".yml") else "line")
    try:
        items = await asyncio.to_thread(read_items, path)
    except FileProblem as exc:
        report.rejected.append((exc.number, str(exc)))
        return report
    checker = _Checker(seminars, await _Places.load(seminars), zone)
    ready = []
    for number, data in items:
        problems = await checker.check(number, data)
        if problems:
            report.rejected.append((number, "; ".join(problems)))
        else:
            ready.append((number, *checker.parsed(data)))
    if not report.rejected:
        await _create(seminars, ready, report)
    return report


async def _create(seminars: Seminars, ready: list, report: SeminarImportReport) -> None:
    async with seminars.db.transaction():
        for number, values, audience in ready:
            seminar, invited = await seminars.create_as(None, None, values, audience)
            report.seminars.append((number, seminar.id, invited))
    report.created = len(report.seminars)
    report.invited = sum(k for _, _, k in report.seminars)


def read_items(path: Path) -> list[tuple[int, Any]]:
    """(line or item number, mapping) for each row; blank spreadsheet rows are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem("the file is not UTF-8: in Excel, save it as «CSV UTF-8»") from exc
    except OSError as exc:
        raise FileProblem(f"cannot read the file: {exc.strerror}") from exc
    suffix = path.suffix.lower()
    if suffix == ".csv":
        items = _csv_items(text)
    elif suffix in (".yaml", ".yml"):
        items = _yaml_items(text)
    else:
        raise FileProblem("expected a .csv, .yaml or .yml file")
    if not items:
        raise FileProblem("there are no seminars in the file")
    return items


def _csv_items(text: str) -> list[tuple[int, Any]]:
    """Excel saves with ';' where the comma is the decimal sign; the header line tells which."""
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    names = [(name or "").strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = names
    problems = []
    unknown = [n for n in names if n and n not in COLUMNS]
    if unknown:
        problems.append(f"unknown columns: {', '.join(unknown)}")
    missing = [n for n in REQUIRED if n not in names]
    if not {"title_ky", "title_ru"} & set(names):
        missing.insert(0, "title_ky or title_ru")
    if missing:
        problems.append(f"missing columns: {', '.join(missing)}")
    if problems:
        raise FileProblem("; ".join(problems), 1)
    return [(reader.line_num, row) for row in reader if not all(map(_blank, row.values()))]


def _yaml_items(text: str) -> list[tuple[int, Any]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise FileProblem("not valid YAML: " + " ".join(str(exc).split())) from exc
    if isinstance(data, dict) and list(data) == ["seminars"]:
        data = data["seminars"]
    if data is None:
        return []
    if not isinstance(data, list):
        raise FileProblem("expected a list of seminars, or a mapping with the key «seminars»")
    return [(n, _lower_keys(item)) for n, item in enumerate(data, 1)]


def _lower_keys(item: Any) -> Any:
    return {str(k).strip().lower(): v for k, v in item.items()} if isinstance(item, dict) else item


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str | list) and not "".join(map(str, value)).strip())


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _split(value: Any) -> list[str]:
    parts = value if isinstance(value, list) else re.split(r"[;,]", _text(value))
    return [p for p in (_text(v) for v in parts) if p]


class _Places:
    """Regions, districts and municipalities by code or by any of their names, as typed.

    A municipality name that two districts share can be written after its district's code,
    like "jalal-abad/nooken/Masy"."""

    def __init__(self, tables: dict[str, dict[str, set[int]]], names: dict) -> None:
        self.tables = tables
        self.names = names

    @classmethod
    async def load(cls, seminars: Seminars) -> _Places:
        db = seminars.db
        regions, districts = await places.all_regions(db), await places.all_districts(db)
        munis = await places.all_municipalities(db)
        code_of = {d.id: d.code for d in districts}
        tables: dict[str, dict[str, set[int]]] = {"regions": {}, "districts": {}}
        tables["municipalities"] = {}
        for kind, items in (("regions", regions), ("districts", districts), ("municipalities", munis)):
            for item in items:
                keys = [item.name_ky, item.name_ru, item.name_en]
                if kind == "municipalities":
                    keys += [f"{code_of[item.parent_id]}/{k}" for k in list(keys)]
                else:
                    keys.append(item.code)
                for key in keys:
                    tables[kind].setdefault(fold(key), set()).add(item.id)
        names = {("regions", r.id): r.name_en for r in regions}
        names |= {("districts", d.id): d.code for d in districts}
        names |= {("municipalities", m.id): f"{code_of[m.parent_id]}/{m.name_en}" for m in munis}
        return cls(tables, names)

    def find(self, kind: str, raw: str) -> str:
        if kind == "positions":
            if raw.lower() not in POSITIONS:
                raise ValueError(f"unknown position {raw!r} (use one of {', '.join(POSITIONS)})")
            return raw.lower()
        found = self.tables[kind].get(fold(raw), set())
        what = kind[:-1].replace("ie", "y") if kind != "municipalities" else "municipality"
        if not found:
            raise ValueError(f"unknown {what} {raw!r}")
        if len(found) > 1:
            options = ", ".join(sorted(self.names[(kind, i)] for i in found))
            raise ValueError(f"{what} {raw!r} is ambiguous: write one of {options}")
        return str(found.pop() if False else next(iter(found)))

    def audience(self, kind_raw: Any, values_raw: Any) -> dict[str, Any]:
        kind = _text(kind_raw).lower() or "all"
        if kind not in KINDS:
            raise ValueError(f"audience_kind {kind!r} is not one of {', '.join(KINDS)}")
        values = _split(values_raw)
        if kind == "all":
            if values:
                raise ValueError("must be empty when audience_kind is all")
            return {"kind": "all", "values": []}
        if not values:
            raise ValueError(f"empty: list the {kind} to invite")
        problems, found = [], []
        for value in values:
            try:
                found.append(self.find(kind, value))
            except ValueError as exc:
                problems.append(str(exc))
        if problems:
            raise ValueError("; ".join(problems))
        return {"kind": kind, "values": list(dict.fromkeys(found))}
