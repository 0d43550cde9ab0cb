"""The one open multi-step flow of each chat, saved at every step."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bot.db import Database


@dataclass
class Flow:
    telegram_id: int
    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)


async def get(db: Database, telegram_id: int) -> Flow | None:
    row = await db.fetchone(
        "SELECT telegram_id, flow, step, data FROM flows WHERE telegram_id = ?", (telegram_id,)
    )
    if row is None:
        return None
    return Flow(row["telegram_id"], row["flow"], row["step"], json.loads(row["data"]))


async def save(db: Database, flow: Flow, now: str) -> None:
    await db.execute(
        "INSERT INTO flows (telegram_id, flow, step, data, updated_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (telegram_id) DO UPDATE SET flow = excluded.flow, step = excluded.step,"
        " data = excluded.data, updated_at = excluded.updated_at",
        (flow.telegram_id, flow.flow, flow.step, json.dumps(flow.data, ensure_ascii=False), now),
    )


async def clear(db: Database, telegram_id: int) -> bool:
    cur = await db.execute("DELETE FROM flows WHERE telegram_id = ?", (telegram_id,))
    return cur.rowcount > 0
