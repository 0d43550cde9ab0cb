"""The record of staff actions: one row per decision (approve, promote, a broadcast sent, a
seminar moved, results published...), with who, when, what and the object's id.

A service records inside its own transaction where it has one, so the row and the action stand
or fall together. The detail is short and never personal data: a date, a count, a role.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot.core.errors import Refusal
from bot.db import Database, Row, utcnow_iso

if TYPE_CHECKING:
    from bot.core.people import People

ACTIONS = (
    "registration_approved",
    "registration_rejected",
    "role_changed",
    "broadcast_confirmed",
    "broadcast_stopped",
    "broadcast_moved",
    "broadcast_cancelled",
    "seminar_created",
    "seminar_edited",
    "seminar_moved",
    "seminar_cancelled",
    "attendance_marked",
    "review_decided",
    "deadline_moved",
    "deadline_extended",
    "results_published",
    "account_erased",
    "programme_closed",
    "member_deactivated",
    "member_reactivated",
    "coorganiser_added",
    "coorganiser_removed",
    "walkin_recorded",
    "handouts_sent",
    "seminar_file_added",
    "reviewer_assigned",
    "reviewer_removed",
    "criteria_set",
    "condition_met",
    "condition_not_met",
    "certificates_sent",
    "reminders_set",
    "grant_tracked",
    "grant_updated",
    "grant_closed",
    "poll_sent",
    "poll_closed",
    "poll_shared",
    "quote_marked",
)
MAX_DETAIL = 200
DEFAULT_LIMIT = 20
MAX_LIMIT = 200


@dataclass(frozen=True)
class Entry:
    id: int
    at: str
    actor_id: int | None
    actor_telegram_id: int | None
    actor_name: str | None
    action: str
    object_kind: str
    object_id: int | None
    detail: str


async def record(
    db: Database,
    actor_user_id: int | None,
    action: str,
    kind: str,
    object_id: int | None,
    detail: str = "",
    at: str | None = None,
) -> None:
    """One staff action; inside the caller's transaction when there is one."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    await db.execute(
        "INSERT INTO audit_log (at, actor_id, action, object_kind, object_id, detail)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (at or utcnow_iso(), actor_user_id, action, kind, object_id, detail[:MAX_DETAIL]),
    )


_SELECT = (
    "SELECT a.id, a.at, a.actor_id, u.telegram_id, COALESCE(u.full_name, u.tg_name) AS name,"
    " a.action, a.object_kind, a.object_id, a.detail"
    " FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id"
)


def _entry(row: Row) -> Entry:
    return Entry(
        id=row["id"],
        at=row["at"],
        actor_id=row["actor_id"],
        actor_telegram_id=row["telegram_id"],
        actor_name=row["name"],
        action=row["action"],
        object_kind=row["object_kind"],
        object_id=row["object_id"],
        detail=row["detail"],
    )


@dataclass(frozen=True)
class Filter:
    """What the console's audit page narrows the record to; None: any."""

    action: str | None = None
    actor_id: int | None = None
    since: datetime | None = None
    """Inclusive."""
    until: datetime | None = None
    """Exclusive."""


async def latest(db: Database, limit: int = DEFAULT_LIMIT, only: Filter = Filter()) -> list[Entry]:
    """The newest `limit` rows that `only` lets through, newest first."""
    wheres, params = [], []
    since = utcnow_iso(only.since) if only.since else None
    until = utcnow_iso(only.until) if only.until else None
    for column, op, value in (("a.action", "=", only.action), ("a.actor_id", "=", only.actor_id),
                              ("a.at", ">=", since), ("a.at", "<", until)):  # fmt: skip
        if value is not None:
            wheres.append(f"{column} {op} ?")
            params.append(value)
    where = " WHERE " + " AND ".join(wheres) if wheres else ""
    rows = await db.fetchall(_SELECT + where + " ORDER BY a.id DESC LIMIT ?", (*params, limit))
    return [_entry(r) for r in rows]


async def actors(db: Database) -> list[tuple[int, str]]:
    """Everyone on the record, by name, for the filter's list."""
    rows = await db.fetchall(
        "SELECT DISTINCT a.actor_id, COALESCE(u.full_name, u.tg_name, CAST(u.telegram_id AS TEXT))"
        " FROM audit_log a JOIN users u ON u.id = a.actor_id ORDER BY 2"
    )
    return [(r[0], r[1]) for r in rows]


async def last_about(db: Database, kind: str, object_id: int, action: str) -> Entry | None:
    """The newest row of one action on one object (who deactivated this member, and when)."""
    row = await db.fetchone(
        _SELECT + " WHERE a.object_kind = ? AND a.object_id = ? AND a.action = ?"
        " ORDER BY a.id DESC LIMIT 1",
        (kind, object_id, action),
    )
    return _entry(row) if row is not None else None


async def every(db: Database) -> list[Entry]:
    """The whole record, oldest first, read off the event loop (for the export)."""
    rows = await db.fetchall_off_loop(_SELECT + " ORDER BY a.id")
    return [_entry(r) for r in rows]


class AuditLog:
    """/audit and the export: admins only (the record names staff)."""

    def __init__(self, people: People) -> None:
        self.people = people
        self.db = people.db

    async def latest(
        self, telegram_id: int, limit: int = DEFAULT_LIMIT, only: Filter = Filter()
    ) -> list[Entry]:
        await self._admin(telegram_id)
        return await latest(self.db, max(1, min(limit, MAX_LIMIT)), only)

    async def actors(self, telegram_id: int) -> list[tuple[int, str]]:
        await self._admin(telegram_id)
        return await actors(self.db)

    async def _admin(self, telegram_id: int) -> None:
        actor = await self.people.actor(telegram_id)
        if not actor.is_admin:
            raise Refusal("admins_only")
