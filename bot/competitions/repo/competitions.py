"""Competitions, their eligible entrants, and the people who speak for each entrant."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NotRequired, TypedDict, Unpack

from bot.core.audience.repo import Names
from bot.core.audience.service import Audience
from bot.db import Database, Row, utcnow_iso

CONTENT = (
    "code",
    "title_ky",
    "title_ru",
    "description_ky",
    "description_ru",
    "rules_ky",
    "rules_ru",
    "prizes_ky",
    "prizes_ru",
    "entrant_kind",
    "opens_at",
    "deadline",
    "max_files",
    "needs_residents",
)
"""The fields staff write; status, version and the audience are kept apart."""
_TIMES = ("opens_at", "deadline")


class Content(TypedDict):
    """The fields staff write (CONTENT), from the wizard, the demo or a test. A language left
    empty is None (or absent); a time is a datetime or its ISO text."""

    code: str
    title_ky: NotRequired[str | None]
    title_ru: NotRequired[str | None]
    description_ky: NotRequired[str | None]
    description_ru: NotRequired[str | None]
    rules_ky: NotRequired[str | None]
    rules_ru: NotRequired[str | None]
    prizes_ky: NotRequired[str | None]
    prizes_ru: NotRequired[str | None]
    entrant_kind: str
    opens_at: datetime | str
    deadline: datetime | str
    max_files: int
    needs_residents: bool


class CompetitionContent(Content):
    """`Competition.content()`: what push templates, the call and the wizard's preview read.
    Every language is there (None when empty) and the times are ISO text."""

    id: int
    status: str
    version: int


class EntrantData(Names):
    """`Entrant.plain()`, as push templates and results read an entrant."""

    id: int
    kind: str
    extended_until: str | None


@dataclass(frozen=True)
class Competition:
    id: int
    code: str
    title_ky: str | None
    title_ru: str | None
    description_ky: str | None
    description_ru: str | None
    rules_ky: str | None
    rules_ru: str | None
    prizes_ky: str | None
    prizes_ru: str | None
    entrant_kind: str
    audience: Audience
    opens_at: datetime
    deadline: datetime
    max_files: int
    needs_residents: bool
    status: str
    version: int
    results_published_at: str | None
    created_by: int | None
    created_at: str
    updated_at: str
    programme_id: int | None = None

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def for_clusters(self) -> bool:
        return self.entrant_kind == "cluster"

    def content(self) -> CompetitionContent:
        """Plain values for push templates and wizards (times as ISO strings)."""
        return {
            "code": self.code,
            "title_ky": self.title_ky,
            "title_ru": self.title_ru,
            "description_ky": self.description_ky,
            "description_ru": self.description_ru,
            "rules_ky": self.rules_ky,
            "rules_ru": self.rules_ru,
            "prizes_ky": self.prizes_ky,
            "prizes_ru": self.prizes_ru,
            "entrant_kind": self.entrant_kind,
            "opens_at": utcnow_iso(self.opens_at),
            "deadline": utcnow_iso(self.deadline),
            "max_files": self.max_files,
            "needs_residents": bool(self.needs_residents),
            "id": self.id,
            "status": self.status,
            "version": self.version,
        }


@dataclass(frozen=True)
class Entrant:
    """A municipality or a cluster taking part; names in every language for the views."""

    id: int
    kind: str
    name_ky: str
    name_ru: str
    name_en: str
    extended_until: datetime | None = None

    def name(self, lang: str) -> str:
        return getattr(self, f"name_{lang}", None) or self.name_ru

    def plain(self) -> EntrantData:
        """Plain values for push templates and results (the extension as ISO text)."""
        until = self.extended_until.isoformat() if self.extended_until is not None else None
        return {
            "id": self.id,
            "kind": self.kind,
            "name_ky": self.name_ky,
            "name_ru": self.name_ru,
            "name_en": self.name_en,
            "extended_until": until,
        }


def _competition(row: Row) -> Competition:
    data = dict(row)
    data["audience"] = json.loads(data["audience"])
    for name in _TIMES:
        data[name] = datetime.fromisoformat(data[name])
    data["needs_residents"] = bool(data["needs_residents"])
    return Competition(**data)


async def get(db: Database, competition_id: int) -> Competition | None:
    row = await db.fetchone("SELECT * FROM competitions WHERE id = ?", (competition_id,))
    return _competition(row) if row else None


async def create(
    db: Database,
    audience: Audience,
    created_by: int | None,
    now: str,
    programme_id: int | None = None,
    **values: Unpack[Content],
) -> int:
    names = [*CONTENT, "audience", "created_by", "created_at", "updated_at", "programme_id"]
    row = {**values, "audience": json.dumps(audience), "created_by": created_by,
           "created_at": now, "updated_at": now, "programme_id": programme_id}  # fmt: skip
    for name in _TIMES:
        when = row[name]
        if isinstance(when, datetime):
            row[name] = utcnow_iso(when)
    row["needs_residents"] = int(bool(row.get("needs_residents", True)))
    marks = ", ".join("?" * len(names))
    new_id = await db.insert(
        f"INSERT INTO competitions ({', '.join(names)}) VALUES ({marks})",
        [row.get(n) for n in names],
    )
    return new_id


async def update(db: Database, competition_id: int, now: str, **changes: Any) -> None:
    allowed = {*CONTENT, "status", "results_published_at"}
    if not changes or set(changes) - allowed:
        raise ValueError(sorted(set(changes) - allowed))
    values = [utcnow_iso(v) if isinstance(v, datetime) else v for v in changes.values()]
    sets = ", ".join(f"{name} = ?" for name in changes)
    await db.execute(
        f"UPDATE competitions SET {sets}, updated_at = ? WHERE id = ?",
        [*values, now, competition_id],
    )


async def bump_version(db: Database, competition_id: int) -> None:
    await db.execute(
        "UPDATE competitions SET version = version + 1 WHERE id = ?", (competition_id,)
    )


async def listing(
    db: Database, limit: int = 50, programme_ids: list[int] | None = None
) -> list[Competition]:
    """Open and upcoming first (by deadline), then the closed ones, newest first; with
    `programme_ids`, only those programmes' competitions."""
    where, params = _in_programmes(programme_ids)
    rows = await db.fetchall(
        f"SELECT * FROM competitions{where} ORDER BY status = 'cancelled',"
        " results_published_at IS NOT NULL, deadline DESC LIMIT ?",
        [*params, limit],
    )
    return [_competition(r) for r in rows]


def _in_programmes(programme_ids: list[int] | None) -> tuple[str, list[int]]:
    if programme_ids is None:
        return "", []
    marks = ",".join("?" * len(programme_ids))
    return f" WHERE programme_id IN ({marks})", list(programme_ids)


async def active(db: Database) -> list[Competition]:
    rows = await db.fetchall("SELECT * FROM competitions WHERE status = 'active' ORDER BY deadline")
    return [_competition(r) for r in rows]


async def add_entrants(db: Database, competition_id: int, entrant_ids: list[int]) -> None:
    await db.executemany(
        "INSERT OR IGNORE INTO competition_entrants (competition_id, entrant_id) VALUES (?, ?)",
        [(competition_id, e) for e in entrant_ids],
    )


def _entrant_sql(kind: str) -> str:
    table = "clusters" if kind == "cluster" else "municipalities"
    return (
        f"SELECT t.id, t.name_ky, t.name_ru, t.name_en, ce.extended_until"
        f" FROM competition_entrants ce JOIN {table} t ON t.id = ce.entrant_id"
        " WHERE ce.competition_id = ?"
    )


def _entrant(kind: str, row: Row) -> Entrant:
    until = row["extended_until"]
    return Entrant(row["id"], kind, row["name_ky"], row["name_ru"], row["name_en"],
                   datetime.fromisoformat(until) if until else None)  # fmt: skip


async def entrants(db: Database, competition: Competition) -> list[Entrant]:
    kind = competition.entrant_kind
    rows = await db.fetchall(_entrant_sql(kind) + " ORDER BY t.name_en", (competition.id,))
    return [_entrant(kind, r) for r in rows]


async def entrant(db: Database, competition: Competition, entrant_id: int) -> Entrant | None:
    kind = competition.entrant_kind
    row = await db.fetchone(_entrant_sql(kind) + " AND t.id = ?", (competition.id, entrant_id))
    return _entrant(kind, row) if row else None


async def set_extension(
    db: Database, competition_id: int, entrant_id: int, until: datetime | None
) -> None:
    await db.execute(
        "UPDATE competition_entrants SET extended_until = ? WHERE competition_id = ?"
        " AND entrant_id = ?",
        (utcnow_iso(until) if until else None, competition_id, entrant_id),
    )


async def entrants_of_member(db: Database, competition: Competition, user_id: int) -> list[int]:
    """The entrants an approved member speaks for: their municipality, or its clusters."""
    if competition.for_clusters:
        sql = (
            "SELECT ce.entrant_id FROM users u JOIN cluster_members cm"
            " ON cm.municipality_id = u.municipality_id JOIN competition_entrants ce"
            " ON ce.entrant_id = cm.cluster_id AND ce.competition_id = ?"
            " WHERE u.id = ? AND u.status = 'approved' ORDER BY ce.entrant_id"
        )
    else:
        sql = (
            "SELECT ce.entrant_id FROM users u JOIN competition_entrants ce"
            " ON ce.entrant_id = u.municipality_id AND ce.competition_id = ?"
            " WHERE u.id = ? AND u.status = 'approved'"
        )
    return [r[0] for r in await db.fetchall(sql, (competition.id, user_id))]


async def staff_of(
    db: Database, entrant_kind: str, entrant_ids: list[int], called_by: int | None = None
) -> list[tuple[int, int, int]]:
    """(entrant id, user id, chat id) of every approved member speaking for these entrants.
    With `called_by` (a programme), only members it reaches who have not muted it: whom its
    call goes to."""
    if not entrant_ids:
        return []
    marks = ",".join("?" * len(entrant_ids))
    params: list[int] = list(entrant_ids)
    if entrant_kind == "cluster":
        sql = (
            "SELECT cm.cluster_id, u.id, u.telegram_id FROM cluster_members cm JOIN users u"
            f" ON u.municipality_id = cm.municipality_id WHERE cm.cluster_id IN ({marks})"
        )
    else:
        sql = (
            "SELECT u.municipality_id, u.id, u.telegram_id FROM users u"
            f" WHERE u.municipality_id IN ({marks})"
        )
    sql += " AND u.status = 'approved' AND u.telegram_id IS NOT NULL"
    if called_by is not None:
        sql += _CALLED
        params += [called_by, called_by]
    return [(r[0], r[1], r[2]) for r in await db.fetchall(sql + " ORDER BY u.id", params)]


_CALLED = (
    " AND u.municipality_id IN (SELECT municipality_id FROM programme_reach"
    " WHERE programme_id = ?)"
    " AND u.id NOT IN (SELECT user_id FROM programme_mutes WHERE programme_id = ?)"
)


async def municipalities_in(
    db: Database,
    kind: str,
    values: list[str | int],
    region_ids: list[int],
    programme_id: int | None = None,
) -> list[int]:
    """Municipalities an audience selector names, with or without members yet; with
    `programme_id`, only those the programme reaches."""
    filters = {
        "all": "",
        "regions": " AND d.region_id IN ({marks})",
        "districts": " AND d.id IN ({marks})",
        "municipalities": " AND m.id IN ({marks})",
        "clusters": " AND m.id IN (SELECT municipality_id FROM cluster_members"
        " WHERE cluster_id IN ({marks}))",
    }
    if kind not in filters:
        raise ValueError(kind)
    sql = (
        "SELECT m.id FROM municipalities m JOIN districts d ON d.id = m.district_id WHERE 1 = 1"
        + filters[kind].format(marks=",".join("?" * len(values)))
    )
    params = list(values) if kind != "all" else []
    if region_ids:
        sql += " AND d.region_id IN ({})".format(",".join("?" * len(region_ids)))
        params += region_ids
    if programme_id is not None:
        sql += " AND m.id IN (SELECT municipality_id FROM programme_reach WHERE programme_id = ?)"
        params.append(programme_id)
    return [r[0] for r in await db.fetchall(sql + " ORDER BY m.id", params)]


async def cluster_ids(
    db: Database,
    values: list[str | int],
    region_ids: list[int],
    programme_id: int | None = None,
) -> list[int]:
    """Clusters named by a selector ('all' when none are named); with `region_ids`, only
    clusters whose every municipality lies in those regions; with `programme_id`, only that
    programme's clusters."""
    sql, params = "SELECT c.id FROM clusters c WHERE 1 = 1", list(values)
    if values:
        sql += " AND c.id IN ({})".format(",".join("?" * len(values)))
    if programme_id is not None:
        sql += " AND c.programme_id = ?"
        params.append(programme_id)
    if region_ids:
        sql += (
            " AND NOT EXISTS (SELECT 1 FROM cluster_members cm JOIN municipalities m"
            " ON m.id = cm.municipality_id JOIN districts d ON d.id = m.district_id"
            " WHERE cm.cluster_id = c.id AND d.region_id NOT IN ({}))"
        ).format(",".join("?" * len(region_ids)))
        params += region_ids
    rows = await db.fetchall(sql + " ORDER BY c.id", params)
    return [r[0] for r in rows]


async def reached(db: Database, programme_id: int) -> set[int]:
    """The municipalities a programme reaches."""
    rows = await db.fetchall(
        "SELECT municipality_id FROM programme_reach WHERE programme_id = ?", (programme_id,)
    )
    return {r[0] for r in rows}


async def next_seq(db: Database, competition_id: int) -> int:
    return await db.count(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM submissions WHERE competition_id = ?",
        (competition_id,),
    )
