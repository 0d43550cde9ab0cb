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
_SINGULAR = {"regions": "region", "districts": "district", "municipalities": "municipality"}
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
    """The bot's own English message for the code, so the file and the wizard agree; without its
    last full stop, as reasons are joined with semicolons."""
    text = step_error(translator("en"), exc)
    if text != _generic() or exc.code == "unexpected":
        return text.rstrip(".")
    return exc.code.replace("_", " ")


async def import_seminars(seminars: Seminars, path: Path, zone: ZoneInfo) -> SeminarImportReport:
    yaml_file = path.suffix.lower() in (".yaml", ".yml")
    report = SeminarImportReport(unit="item" if yaml_file else "line")
    try:
        items = await asyncio.to_thread(read_items, path)
    except FileProblem as exc:
        report.rejected.append((exc.number, str(exc)))
        return report
    checker = _Checker(seminars, await _Places.load(seminars), zone, report.unit)
    ready = []
    for number, data in items:
        problems, values, audience = await checker.check(number, data)
        if problems:
            report.rejected.append((number, "; ".join(problems)))
        else:
            ready.append((number, values, audience))
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
        keyed = {
            "regions": [(r.id, [r.code, r.name_ky, r.name_ru, r.name_en]) for r in regions],
            "districts": [(d.id, [d.code, d.name_ky, d.name_ru, d.name_en]) for d in districts],
            "municipalities": [
                (m.id, [f"{prefix}{n}" for prefix in ("", code_of[m.parent_id] + "/")
                        for n in (m.name_ky, m.name_ru, m.name_en)])
                for m in munis
            ],
        }  # fmt: skip
        tables: dict[str, dict[str, set[int]]] = {kind: {} for kind in keyed}
        for kind, entries in keyed.items():
            for place_id, keys in entries:
                for key in keys:
                    tables[kind].setdefault(fold(key), set()).add(place_id)
        names = {("regions", r.id): r.code for r in regions}
        names |= {("districts", d.id): d.code for d in districts}
        names |= {("municipalities", m.id): f"{code_of[m.parent_id]}/{m.name_en}" for m in munis}
        return cls(tables, names)

    def find(self, kind: str, raw: str) -> str:
        if kind == "positions":
            if raw.lower() not in POSITIONS:
                raise ValueError(f"unknown position {raw!r} (use one of {', '.join(POSITIONS)})")
            return raw.lower()
        found = self.tables[kind].get(fold(raw), set())
        what = _SINGULAR[kind]
        if not found:
            raise ValueError(f"unknown {what} {raw!r}")
        if len(found) > 1:
            options = ", ".join(sorted(self.names[(kind, i)] for i in found))
            raise ValueError(f"{what} {raw!r} is ambiguous: write one of {options}")
        return str(next(iter(found)))

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


class _Checker:
    """One row at a time into the values Seminars.create_as takes, or every problem it has."""

    def __init__(self, seminars: Seminars, found: _Places, zone: ZoneInfo, unit: str) -> None:
        self.seminars = seminars
        self.places = found
        self.zone = zone
        self.unit = unit
        self.now = seminars.clock.now()
        self.seen: dict[tuple, int] = {}

    async def check(self, number: int, data: Any) -> tuple[list[str], dict, dict]:
        if not isinstance(data, dict):
            return [f"expected a mapping with keys such as {', '.join(COLUMNS[:6])}"], {}, {}
        problems: list[str] = []
        values, audience = self._fields(data, problems)
        if not problems:
            problems += await self._conflicts(number, values, audience)
        return problems, values, audience

    def _fields(self, data: dict, problems: list[str]) -> tuple[dict, dict]:
        problems += _strays([k for k, v in data.items() if k not in COLUMNS and not _blank(v)])
        empty = [n for n in REQUIRED if _blank(data.get(n))]
        problems += [f"{n}: {'empty' if self.unit == 'line' else 'missing'}" for n in empty]

        def attempt(name: str, make):
            if name in empty:
                return None
            try:
                return make()
            except StepError as exc:
                where = _SCHEDULE_FIELD.get(exc.code, name) if name == "schedule" else name
                problems.append(f"{where}: {explain(exc)}")
            except ValueError as exc:
                problems.append(f"{name}: {exc}")
            return None

        values = {n: attempt(n, lambda n=n: _text_value(data.get(n), TEXTS[n])) for n in TEXTS}
        titles = {n: _text(data.get(n)) for n in ("title_ky", "title_ru")}
        attempt("title_ky/title_ru", lambda: fields.check_titles(titles))
        values["capacity"] = attempt("capacity", lambda: fields.capacity_value(data["capacity"]))
        place = attempt("latitude/longitude", lambda: _location(data))
        values["latitude"], values["longitude"] = place or (None, None)
        values |= self._times(data, attempt) or {}
        kind, chosen = data.get("audience_kind"), data.get("audience")
        audience = attempt("audience", lambda: self.places.audience(kind, chosen))
        return values, audience or {}

    def _times(self, data: dict, attempt) -> dict | None:
        starts = attempt("starts", lambda: self._when(data["starts"]))
        if starts is None:
            return None
        ends = attempt("ends", lambda: self._when(data["ends"], starts))
        deadline = starts
        if not _blank(data.get("rsvp_deadline")):
            deadline = attempt("rsvp_deadline", lambda: self._when(data["rsvp_deadline"]))
        if ends is None or deadline is None:
            return None
        times = {"starts_at": starts, "ends_at": ends, "rsvp_deadline": deadline}
        attempt("schedule", lambda: fields.check_schedule(times, self.now))
        if deadline != starts:
            attempt("rsvp_deadline", lambda: _future(deadline, self.now))
        return times

    def _when(self, raw: Any, day_of: datetime | None = None) -> datetime:
        """Bishkek time with its year; the end may be a bare time on the start's day."""
        if isinstance(raw, datetime):
            return (raw if raw.tzinfo else raw.replace(tzinfo=self.zone)).astimezone(UTC)
        text = _text(raw)
        if not (_YEAR.search(text) or (day_of and _BARE_TIME.match(text))):
            raise StepError("bad_time")
        return fields.when_value(text, self.now, self.zone, day_of)

    async def _conflicts(self, number: int, values: dict, audience: dict) -> list[str]:
        problems = []
        key = (values["starts_at"], values["title_ky"], values["title_ru"])
        if key in self.seen:
            problems.append(f"same title and start as {self.unit} {self.seen[key]}")
        self.seen.setdefault(key, number)
        starts = utcnow_iso(values["starts_at"])
        after = utcnow_iso(values["starts_at"] + timedelta(seconds=1))
        for old in await repo.between(self.seminars.db, starts, after):
            if (old.title_ky, old.title_ru) == key[1:]:
                problems.append(f"already there as seminar {old.id} (same title and start)")
        if not await self.seminars.audiences.members(None, audience):
            problems.append(f"audience: {explain(StepError('no_recipients'))}")
        return problems


def _strays(keys: list) -> list[str]:
    """A CSV row with more cells than the header has no name for them; YAML keys have one."""
    found = ["more cells than there are columns"] if any(not k for k in keys) else []
    named = [str(k) for k in keys if k]
    return found + ([f"unknown keys: {', '.join(named)}"] if named else [])


def _text_value(raw: Any, limit: int) -> str | None:
    return None if _blank(raw) else fields.text_value(_text(raw), limit)


def _location(data: dict) -> tuple[float | None, float | None]:
    """Both or neither; a decimal comma, as a Russian-locale Excel writes it, is read too."""
    lat, lon = _text(data.get("latitude")), _text(data.get("longitude"))
    if not lat and not lon:
        return None, None
    if not lat or not lon:
        raise ValueError("give both latitude and longitude, or neither")
    try:
        return fields.coordinates(float(lat.replace(",", ".")), float(lon.replace(",", ".")))
    except ValueError as exc:
        raise StepError("bad_location") from exc


def _future(when: datetime, now: datetime) -> None:
    if when <= now:
        raise StepError("time_in_past")
