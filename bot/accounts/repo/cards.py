"""Approval cards as the outbox knows them: which were delivered to whom, with which message id.

A card's key is `approval-request:{user id}:{submission}:{reviewer chat}` and a decision's is
`decision:{user id}:{submission}`, so both are found by key range, on the unique index.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import Database


@dataclass(frozen=True)
class DeliveredCard:
    """A card in a reviewer's chat, which an edit can change (replaced, or erased)."""

    submission: int
    chat_id: int
    message_id: int


def card_prefix(user_id: int) -> str:
    return f"approval-request:{user_id}:"


def _range(prefix: str) -> tuple[str, str]:
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


async def record_shown(
    db: Database, user_id: int, submission: int, chat_id: int, message_id: int, now: str
) -> None:
    """A card /pending showed as a direct reply, recorded as a delivered card so that a
    replacement or an erasure edits it like a pushed one. The params only mark it as showing
    someone (retention keeps such cards while the person's data exists)."""
    await db.execute(
        "INSERT INTO outbox (dedupe_key, chat_id, kind, template, params, not_before, status,"
        " message_id, created_at, sent_at) VALUES (?, ?, 'approval', 'approval_request', ?, ?,"
        " 'sent', ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
        (f"{card_prefix(user_id)}{submission}:{chat_id}:shown-{message_id}", chat_id,
         '{"shown": true}', now, message_id, now, now),
    )  # fmt: skip


async def delivered(db: Database, user_id: int) -> list[DeliveredCard]:
    rows = await db.fetchall(
        "SELECT dedupe_key, chat_id, message_id FROM outbox WHERE dedupe_key >= ?"
        " AND dedupe_key < ? AND status = 'sent' AND message_id IS NOT NULL"
        " AND chat_id != 0 ORDER BY id",  # 0: a reviewer who erased their own data
        _range(card_prefix(user_id)),
    )
    return [DeliveredCard(int(r[0].split(":")[2]), r[1], r[2]) for r in rows]


async def in_flight(db: Database, user_id: int) -> list[tuple[str, int]]:
    """Cards being sent right now (key, chat): their message id is known only once sent."""
    rows = await db.fetchall(
        "SELECT dedupe_key, chat_id FROM outbox WHERE dedupe_key >= ? AND dedupe_key < ?"
        " AND status = 'sending' AND chat_id != 0",
        _range(card_prefix(user_id)),
    )
    return [(r[0], r[1]) for r in rows]


async def message_of(db: Database, card_key: str) -> int | None:
    """The message id of a card that was delivered; None if it never was."""
    row = await db.fetchone(
        "SELECT message_id FROM outbox WHERE dedupe_key = ? AND status = 'sent'", (card_key,)
    )
    return row[0] if row else None


async def decided(db: Database, user_id: int) -> set[int]:
    """The submissions someone decided (their decision push was queued)."""
    rows = await db.fetchall(
        "SELECT dedupe_key FROM outbox WHERE dedupe_key >= ? AND dedupe_key < ?",
        _range(f"decision:{user_id}:"),
    )
    return {int(r[0].split(":")[2]) for r in rows}


async def ever_approved(db: Database, user_id: int) -> bool:
    found = await db.count(
        "SELECT EXISTS (SELECT 1 FROM outbox WHERE dedupe_key >= ? AND dedupe_key < ?"
        " AND template = 'registration_approved')",
        _range(f"decision:{user_id}:"),
    )
    return bool(found)


async def drop_about(db: Database, user_id: int) -> None:
    """Every account row keyed by this user id: for a users row that is deleted, whose id a
    newcomer may be given again (SQLite reuses the highest id), so no old key blocks theirs.
    A row in flight is left to finish: the dispatcher records its outcome by row id."""
    for prefix in (card_prefix(user_id), f"decision:{user_id}:", f"role:{user_id}:"):
        await db.execute(
            "DELETE FROM outbox WHERE dedupe_key >= ? AND dedupe_key < ? AND status != 'sending'",
            _range(prefix),
        )
