"""The SQL of retention: finished deliveries, idle drafts, old update ids and attempts."""

from __future__ import annotations

from bot.db import Database

FINISHED = (
    "status IN ('sent', 'cancelled', 'failed') AND COALESCE(sent_at, created_at) < ?"
    # A delivered approval card that still shows someone (erasing them empties its params)
    # is kept: erasing them later edits it, which needs its message id.
    " AND NOT (template = 'approval_request' AND status = 'sent' AND params != '{}')"
)


async def delete_finished(db: Database, before: str, limit: int) -> list[tuple[int | None, str]]:
    """Deletes up to `limit` finished rows; (broadcast id, status) of each, for the counts."""
    rows = await db.write_returning(
        f"DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE {FINISHED} LIMIT ?)"
        " RETURNING broadcast_id, status",
        (before, limit),
    )
    return [(r[0], r[1]) for r in rows]


async def delete_flows(db: Database, before: str) -> int:
    cur = await db.execute("DELETE FROM flows WHERE updated_at < ?", (before,))
    return cur.rowcount


async def delete_seen_updates(db: Database, before: str) -> int:
    cur = await db.execute("DELETE FROM seen_updates WHERE seen_at < ?", (before,))
    return cur.rowcount


async def delete_attempts(db: Database, before: str) -> int:
    cur = await db.execute("DELETE FROM attempts WHERE at < ?", (before,))
    return cur.rowcount
