"""Broadcasts and their delivery counts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypedDict

from bot.db import Database, Row
from bot.delivery.outbox import unreached


@dataclass(frozen=True)
class Broadcast:
    id: int
    author_id: int
    text_ky: str | None
    text_ru: str | None
    attachment_kind: str | None
    attachment_file_id: str | None
    attachment_name: str | None
    audience: dict[str, Any]
    status: str
    send_at: str
    total: int
    progress_chat_id: int | None
    progress_message_id: int | None
    created_at: str
    pruned_sent: int = 0
    pruned_failed: int = 0
    pruned_cancelled: int = 0
    """Rows retention removed from the outbox, by how they ended (migration 0008)."""
    programme_id: int | None = None


def _broadcast(row: Row) -> Broadcast:
    data = dict(row)
    data["audience"] = json.loads(data["audience"])
    return Broadcast(**data)


async def create(db: Database, **fields: Any) -> int:
    fields["audience"] = json.dumps(fields["audience"], ensure_ascii=False)
    names = ", ".join(fields)
    marks = ", ".join("?" * len(fields))
    new_id = await db.insert(
        f"INSERT INTO broadcasts ({names}) VALUES ({marks})", tuple(fields.values())
    )
    return new_id


async def get(db: Database, broadcast_id: int) -> Broadcast | None:
    row = await db.fetchone("SELECT * FROM broadcasts WHERE id = ?", (broadcast_id,))
    return _broadcast(row) if row else None


async def recent(
    db: Database,
    author_id: int | None = None,
    limit: int = 10,
    programme_ids: list[int] | None = None,
) -> list[Broadcast]:
    """The newest first; only one author's when `author_id` is given, only these programmes'
    when `programme_ids` is (None: every programme)."""
    where: list[str] = []
    params: list[object] = []
    if author_id is not None:
        where.append("author_id = ?")
        params.append(author_id)
    if programme_ids is not None:
        where.append(f"programme_id IN ({', '.join('?' * len(programme_ids))})")
        params.extend(programme_ids)
    sql = "SELECT * FROM broadcasts"
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = await db.fetchall(sql + " ORDER BY id DESC LIMIT ?", (*params, limit))
    return [_broadcast(r) for r in rows]


async def set_progress_message(
    db: Database, broadcast_id: int, chat_id: int, message_id: int
) -> None:
    await db.execute(
        "UPDATE broadcasts SET progress_chat_id = ?, progress_message_id = ? WHERE id = ?",
        (chat_id, message_id, broadcast_id),
    )


async def set_send_at(db: Database, broadcast_id: int, send_at: str) -> None:
    await db.execute("UPDATE broadcasts SET send_at = ? WHERE id = ?", (send_at, broadcast_id))


async def set_status(db: Database, broadcast_id: int, status: str) -> None:
    await db.execute("UPDATE broadcasts SET status = ? WHERE id = ?", (status, broadcast_id))


PRUNED = ("sent", "failed", "cancelled")
"""The statuses retention prunes, each with its column on the broadcast."""


async def counts(db: Database, broadcast_id: int) -> dict[str, int]:
    """Rows by status: pending, sending, sent, failed, blocked, cancelled, and `unreached`
    (parked for someone who never started the bot; not in `blocked`); `maybe_twice` counts
    the sent ones whose first try timed out. With the rows retention pruned, which the
    broadcast counts for them."""
    rows = await db.fetchall(
        "SELECT status, last_error, maybe_twice, COUNT(*) FROM outbox WHERE broadcast_id = ?"
        " GROUP BY status, last_error, maybe_twice",
        (broadcast_id,),
    )
    found: dict[str, int] = {}
    for status, error, twice, count in rows:
        key = "unreached" if status == "blocked" and unreached(error) else status
        found[key] = found.get(key, 0) + count
        if twice and status == "sent":
            found["maybe_twice"] = found.get("maybe_twice", 0) + count
    kept = await db.fetchone(
        "SELECT pruned_sent, pruned_failed, pruned_cancelled FROM broadcasts WHERE id = ?",
        (broadcast_id,),
    )
    for status, count in zip(PRUNED, tuple(kept) if kept else (), strict=False):
        if count:
            found[status] = found.get(status, 0) + count
    return found


async def keep_pruned(db: Database, broadcast_id: int, by_status: dict[str, int]) -> None:
    """Adds rows about to be pruned to the broadcast's own counts."""
    await db.execute(
        "UPDATE broadcasts SET pruned_sent = pruned_sent + ?, pruned_failed = pruned_failed + ?,"
        " pruned_cancelled = pruned_cancelled + ? WHERE id = ?",
        (*(by_status.get(status, 0) for status in PRUNED), broadcast_id),
    )


async def forget_chat(db: Database, chat_id: int) -> None:
    """An author who erased their data: the progress card in their chat is no longer kept up."""
    await db.execute(
        "UPDATE broadcasts SET progress_chat_id = NULL, progress_message_id = NULL"
        " WHERE progress_chat_id = ?",
        (chat_id,),
    )


async def unfinished(db: Database, broadcast_id: int) -> bool:
    found = await db.count(
        "SELECT EXISTS (SELECT 1 FROM outbox WHERE broadcast_id = ?"
        " AND status IN ('pending', 'sending'))",
        (broadcast_id,),
    )
    return bool(found)


class Delivery(TypedDict):
    """One recipient's delivery, for the CSV staff download; `status` as in `counts`."""

    chat_id: int
    full_name: str | None
    municipality_id: int | None
    position: str | None
    status: str
    attempts: int
    last_error: str | None
    sent_at: str | None
    maybe_twice: bool


async def recipients(db: Database, broadcast_id: int) -> list[Delivery]:
    """Each recipient's delivery, for the CSV staff download."""
    rows = await db.fetchall(
        "SELECT o.chat_id, u.full_name, u.municipality_id, u.position, o.status, o.attempts,"
        " o.last_error, o.sent_at, o.maybe_twice"
        " FROM outbox o LEFT JOIN users u ON u.telegram_id = o.chat_id"
        " WHERE o.broadcast_id = ? ORDER BY o.id",
        (broadcast_id,),
    )
    return [
        Delivery(
            chat_id=r["chat_id"],
            full_name=r["full_name"],
            municipality_id=r["municipality_id"],
            position=r["position"],
            status="unreached"
            if r["status"] == "blocked" and unreached(r["last_error"])
            else r["status"],
            attempts=r["attempts"],
            last_error=r["last_error"],
            sent_at=r["sent_at"],
            maybe_twice=bool(r["maybe_twice"]),
        )
        for r in rows
    ]
