"""Seminars and their invitations: who was asked, who answered what, who came."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypedDict

from bot.core.audience.service import Audience
from bot.db import Database, Row, utcnow_iso

Field = Literal[
    "title_ky", "title_ru", "description_ky", "description_ru", "starts_at", "ends_at", "city",
    "address", "latitude", "longitude", "capacity", "rsvp_deadline", "organiser",
]  # fmt: skip
CONTENT: tuple[Field, ...] = (
    "title_ky",
    "title_ru",
    "description_ky",
    "description_ru",
    "starts_at",
    "ends_at",
    "city",
    "address",
    "latitude",
    "longitude",
    "capacity",
    "rsvp_deadline",
    "organiser",
)
"""The fields staff write; the rest (code, status, version) is the bot's own."""

TimeField = Literal["starts_at", "ends_at", "rsvp_deadline"]
TIMES: tuple[TimeField, ...] = ("starts_at", "ends_at", "rsvp_deadline")
"""The fields that hold a time: datetimes on a Seminar, ISO text in the database."""


class SeminarFields(TypedDict, total=False):
    """Fields staff write, as the wizard and the file import collect them for `create` and
    `update`: any of them, times as datetimes or as ISO text (the wizard keeps text, in JSON)."""

    title_ky: str | None
    title_ru: str | None
    description_ky: str | None
    description_ru: str | None
    starts_at: datetime | str
    ends_at: datetime | str
    city: str
    address: str
    latitude: float | None
    longitude: float | None
    capacity: int
    rsvp_deadline: datetime | str
    organiser: str


class SeminarContent(SeminarFields):
    """A saved seminar as plain values (`Seminar.content`): every field, times as ISO text."""

    id: int
    status: str
    version: int
    created_at: str
    updated_at: str
    checkin_code: str


@dataclass(frozen=True)
class Seminar:
    id: int
    title_ky: str | None
    title_ru: str | None
    description_ky: str | None
    description_ru: str | None
    starts_at: datetime
    ends_at: datetime
    city: str
    address: str
    latitude: float | None
    longitude: float | None
    audience: Audience
    capacity: int
    rsvp_deadline: datetime
    organiser: str
    checkin_code: str
    status: str
    version: int
    created_by: int | None
    created_at: str
    updated_at: str
    programme_id: int | None = None

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @classmethod
    def draft(
        cls,
        values: SeminarFields,
        audience: Audience,
        seminar_id: int = 0,
        programme_id: int | None = None,
    ) -> Seminar:
        """A seminar not saved yet (the wizard's preview), to be shown as it will read."""
        times = {name: datetime.fromisoformat(str(values[name])) for name in TIMES}
        return cls(
            id=seminar_id,
            title_ky=values.get("title_ky"),
            title_ru=values.get("title_ru"),
            description_ky=values.get("description_ky"),
            description_ru=values.get("description_ru"),
            city=str(values["city"]),
            address=str(values["address"]),
            latitude=values.get("latitude"),
            longitude=values.get("longitude"),
            audience=audience,
            capacity=int(values["capacity"]),
            organiser=str(values["organiser"]),
            checkin_code="",
            status="draft",
            version=1,
            created_by=None,
            created_at="",
            updated_at="",
            starts_at=times["starts_at"],
            ends_at=times["ends_at"],
            rsvp_deadline=times["rsvp_deadline"],
            programme_id=programme_id,
        )

    def content(self) -> SeminarContent:
        """Plain values, times as ISO text: what the edit wizard starts from and keeps as JSON."""
        return {
            "title_ky": self.title_ky,
            "title_ru": self.title_ru,
            "description_ky": self.description_ky,
            "description_ru": self.description_ru,
            "starts_at": utcnow_iso(self.starts_at),
            "ends_at": utcnow_iso(self.ends_at),
            "city": self.city,
            "address": self.address,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "capacity": self.capacity,
            "rsvp_deadline": utcnow_iso(self.rsvp_deadline),
            "organiser": self.organiser,
            "id": self.id,
            "status": self.status,
            "version": self.version,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "checkin_code": self.checkin_code,
        }


@dataclass(frozen=True)
class Invitation:
    seminar_id: int
    user_id: int
    telegram_id: int | None
    status: str
    invited_at: str
    answered_at: str | None
    waitlist_since: str | None
    attended_at: str | None
    attended_via: str | None
    rating: int | None
    comment: str | None
    full_name: str | None = None
    quote_consent: int = 0
    quote_marked: int = 0


def _seminar(row: Row) -> Seminar:
    data = dict(row)
    data["audience"] = json.loads(data["audience"])
    for name in TIMES:
        data[name] = datetime.fromisoformat(data[name])
    return Seminar(**data)


def _stored(fields: Mapping[str, object]) -> dict[str, object]:
    out = dict(fields)
    for name in TIMES:
        value = out.get(name)
        if isinstance(value, datetime):
            out[name] = utcnow_iso(value)
    if "audience" in out:
        out["audience"] = json.dumps(out["audience"], ensure_ascii=False)
    return out


async def create(db: Database, **fields: object) -> int:
    fields = _stored(fields)
    names, marks = ", ".join(fields), ", ".join("?" * len(fields))
    new_id = await db.insert(
        f"INSERT INTO seminars ({names}) VALUES ({marks})", tuple(fields.values())
    )
    return new_id


async def update(db: Database, seminar_id: int, **fields: object) -> None:
    fields = _stored(fields)
    assignments = ", ".join(f"{name} = ?" for name in fields)
    await db.execute(
        f"UPDATE seminars SET {assignments} WHERE id = ?", (*fields.values(), seminar_id)
    )


async def bump_version(db: Database, seminar_id: int) -> None:
    await db.execute("UPDATE seminars SET version = version + 1 WHERE id = ?", (seminar_id,))


async def get(db: Database, seminar_id: int) -> Seminar | None:
    row = await db.fetchone("SELECT * FROM seminars WHERE id = ?", (seminar_id,))
    return _seminar(row) if row else None


async def by_code(db: Database, code: str) -> Seminar | None:
    row = await db.fetchone("SELECT * FROM seminars WHERE checkin_code = ?", (code,))
    return _seminar(row) if row else None


async def code_taken(db: Database, code: str) -> bool:
    return await db.fetchone("SELECT 1 FROM seminars WHERE checkin_code = ?", (code,)) is not None


def _in_programmes(programme_ids: list[int] | None) -> tuple[str, list[int]]:
    """A WHERE clause for `seminars` keeping to some programmes (None: every one)."""
    if programme_ids is None:
        return "1 = 1", []
    return "programme_id IN ({})".format(",".join("?" * len(programme_ids))), programme_ids


async def listing(
    db: Database, since: str, limit: int = 20, programme_ids: list[int] | None = None
) -> list[Seminar]:
    """Seminars that end after `since`, soonest first, then the most recent past ones; only
    those of `programme_ids` when given."""
    where, params = _in_programmes(programme_ids)
    rows = await db.fetchall(
        f"SELECT * FROM seminars WHERE {where} ORDER BY ends_at < ?,"
        " CASE WHEN ends_at >= ? THEN starts_at END, starts_at DESC LIMIT ?",
        (*params, since, since, limit),
    )
    return [_seminar(r) for r in rows]


async def open_for_answers(db: Database, now: str) -> list[Seminar]:
    rows = await db.fetchall(
        "SELECT * FROM seminars WHERE status = 'active' AND rsvp_deadline > ? ORDER BY starts_at",
        (now,),
    )
    return [_seminar(r) for r in rows]


async def between(
    db: Database, start: str, end: str, programme_ids: list[int] | None = None
) -> list[Seminar]:
    """Seminars starting in [start, end), cancelled ones left out: they trained nobody. Only
    those of `programme_ids` when given."""
    where, params = _in_programmes(programme_ids)
    rows = await db.fetchall(
        "SELECT * FROM seminars WHERE starts_at >= ? AND starts_at < ? AND status = 'active'"
        f" AND {where} ORDER BY starts_at",
        (start, end, *params),
    )
    return [_seminar(r) for r in rows]


_INVITATION = (
    "SELECT i.*, u.telegram_id, u.full_name FROM seminar_invitations i"
    " JOIN users u ON u.id = i.user_id"
)


def _invitation(row: Row) -> Invitation:
    return Invitation(**dict(row))


async def invite_many(db: Database, seminar_id: int, user_ids: list[int], now: str) -> list[int]:
    """Adds invitations; returns the user ids that were not invited before."""
    rows = await db.fetchall(
        "SELECT user_id FROM seminar_invitations WHERE seminar_id = ?", (seminar_id,)
    )
    known = {r[0] for r in rows}
    fresh = [uid for uid in dict.fromkeys(user_ids) if uid not in known]
    await db.executemany(
        "INSERT INTO seminar_invitations (seminar_id, user_id, invited_at) VALUES (?, ?, ?)",
        [(seminar_id, uid, now) for uid in fresh],
    )
    return fresh


async def invitation(db: Database, seminar_id: int, user_id: int) -> Invitation | None:
    row = await db.fetchone(
        _INVITATION + " WHERE i.seminar_id = ? AND i.user_id = ?", (seminar_id, user_id)
    )
    return _invitation(row) if row else None


async def invitations(
    db: Database, seminar_id: int, statuses: tuple[str, ...] | None = None
) -> list[Invitation]:
    """Going first, then the waitlist in its order, then the rest by name."""
    sql = _INVITATION + " WHERE i.seminar_id = ?"
    params: list[int | str] = [seminar_id]
    if statuses:
        sql += " AND i.status IN ({})".format(",".join("?" * len(statuses)))
        params += statuses
    sql += (
        " ORDER BY CASE i.status WHEN 'going' THEN 0 WHEN 'waitlist' THEN 1 WHEN 'invited' THEN 2"
        " ELSE 3 END, i.waitlist_since, CASE WHEN i.status = 'waitlist' THEN i.user_id END,"
        " u.full_name, i.user_id"
    )
    return [_invitation(r) for r in await db.fetchall(sql, params)]


async def set_answer(
    db: Database, seminar_id: int, user_id: int, status: str, now: str, waitlist_since: str | None
) -> None:
    await db.execute(
        "UPDATE seminar_invitations SET status = ?, answered_at = ?, waitlist_since = ?"
        " WHERE seminar_id = ? AND user_id = ?",
        (status, now, waitlist_since, seminar_id, user_id),
    )


async def counts(db: Database, seminar_id: int) -> dict[str, int]:
    rows = await db.fetchall(
        "SELECT status, COUNT(*), COUNT(attended_at), COUNT(rating) FROM seminar_invitations"
        " WHERE seminar_id = ? GROUP BY status",
        (seminar_id,),
    )
    found: dict[str, int] = {r[0]: r[1] for r in rows}
    found["attended"] = sum(r[2] for r in rows)
    found["rated"] = sum(r[3] for r in rows)
    found["total"] = sum(found.get(s, 0) for s in ("invited", "going", "waitlist", "declined"))
    return found


async def waitlist_position(db: Database, seminar_id: int, user_id: int) -> int:
    return await db.count(
        "SELECT COUNT(*) FROM seminar_invitations w, seminar_invitations me"
        " WHERE me.seminar_id = ? AND me.user_id = ? AND w.seminar_id = me.seminar_id"
        " AND w.status = 'waitlist' AND (w.waitlist_since < me.waitlist_since OR"
        " (w.waitlist_since = me.waitlist_since AND w.user_id <= me.user_id))",
        (seminar_id, user_id),
    )


async def set_attended(
    db: Database, seminar_id: int, user_id: int, when: str | None, via: str | None
) -> None:
    await db.execute(
        "UPDATE seminar_invitations SET attended_at = ?, attended_via = ?"
        " WHERE seminar_id = ? AND user_id = ?",
        (when, via, seminar_id, user_id),
    )


async def set_feedback(
    db: Database, seminar_id: int, user_id: int, rating: int | None, comment: str | None
) -> None:
    await db.execute(
        "UPDATE seminar_invitations SET rating = COALESCE(?, rating),"
        " comment = COALESCE(?, comment)"
        " WHERE seminar_id = ? AND user_id = ?",
        (rating, comment, seminar_id, user_id),
    )


async def of_member(db: Database, user_id: int) -> list[tuple[Seminar, Invitation]]:
    """A member's seminars, latest start first."""
    seminars = await db.fetchall(
        "SELECT s.* FROM seminars s JOIN seminar_invitations i ON i.seminar_id = s.id"
        " WHERE i.user_id = ? ORDER BY s.starts_at DESC LIMIT 50",
        (user_id,),
    )
    mine = await db.fetchall(_INVITATION + " WHERE i.user_id = ?", (user_id,))
    by_seminar = {r["seminar_id"]: _invitation(r) for r in mine}
    return [(_seminar(r), by_seminar[r["id"]]) for r in seminars]
