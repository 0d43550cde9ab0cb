"""The durable queue of pushes.

A row is written before anything is sent, under a unique dedupe key, so the same notice can never
be queued twice and a restart loses nothing. Rows hold a template key and parameters, not text:
they are rendered in the recipient's language when they are sent.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.clock import Clock
from bot.db import Database, utcnow_iso


@dataclass(frozen=True)
class OutboxRow:
    id: int
    chat_id: int
    kind: str
    template: str
    params: dict[str, Any]
    attempts: int
    lang: str | None
    tg_lang: str | None


class Outbox:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.wakeup = asyncio.Event()

    async def enqueue(
        self,
        dedupe_key: str,
        chat_id: int,
        kind: str,
        template: str,
        params: dict[str, Any] | None = None,
        not_before: datetime | None = None,
    ) -> bool:
        """Queue one push; False when a push with this key was already queued."""
        now = utcnow_iso(self.clock.now())
        cur = await self.db.execute(
            "INSERT INTO outbox (dedupe_key, chat_id, kind, template, params, not_before,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
            (
                dedupe_key,
                chat_id,
                kind,
                template,
                json.dumps(params or {}, ensure_ascii=False),
                utcnow_iso(not_before) if not_before else now,
                now,
            ),
        )
        self.wakeup.set()
        return cur.rowcount == 1

    async def claim_due(self) -> OutboxRow | None:
        """Mark the oldest due row as in flight and return it; None when nothing is due."""
        row = await self.db.fetchone(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1"
            " WHERE id = (SELECT id FROM outbox WHERE status = 'pending' AND not_before <= ?"
            " ORDER BY not_before, id LIMIT 1) RETURNING id, chat_id, kind, template, params,"
            " attempts",
            (utcnow_iso(self.clock.now()),),
        )
        if row is None:
            return None
        user = await self.db.fetchone(
            "SELECT lang, tg_lang FROM users WHERE telegram_id = ?", (row["chat_id"],)
        )
        return OutboxRow(
            id=row["id"],
            chat_id=row["chat_id"],
            kind=row["kind"],
            template=row["template"],
            params=json.loads(row["params"]),
            attempts=row["attempts"],
            lang=user["lang"] if user else None,
            tg_lang=user["tg_lang"] if user else None,
        )

    async def next_due_at(self) -> str | None:
        row = await self.db.fetchone("SELECT MIN(not_before) FROM outbox WHERE status = 'pending'")
        return row[0] if row else None

    async def finish(
        self,
        row_id: int,
        status: str,
        *,
        message_id: int | None = None,
        error: str | None = None,
        not_before: datetime | None = None,
    ) -> None:
        now = self.clock.now()
        await self.db.execute(
            "UPDATE outbox SET status = ?, message_id = COALESCE(?, message_id),"
            " last_error = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END,"
            " not_before = COALESCE(?, not_before) WHERE id = ?",
            (
                status,
                message_id,
                error,
                status,
                utcnow_iso(now),
                utcnow_iso(not_before) if not_before else None,
                row_id,
            ),
        )

    async def cancel_for_chat(self, chat_id: int) -> int:
        cur = await self.db.execute(
            "UPDATE outbox SET status = 'cancelled' WHERE chat_id = ? AND status = 'pending'",
            (chat_id,),
        )
        return cur.rowcount

    async def recover_in_flight(self) -> int:
        """After a crash, rows caught mid-send go out again: at most those can repeat."""
        cur = await self.db.execute("UPDATE outbox SET status = 'pending' WHERE status = 'sending'")
        return cur.rowcount
