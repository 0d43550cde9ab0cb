"""Attempts limited per person and time, in the `attempts` table (migration 0007): one row per
attempt, under a key that names what is counted and whose it is."""

from __future__ import annotations

from collections.abc import Iterable

from bot.db import Database


async def count_since(db: Database, key: str, since: str) -> int:
    return await db.count("SELECT COUNT(*) FROM attempts WHERE key = ? AND at >= ?", (key, since))


async def oldest_since(db: Database, key: str, since: str) -> str | None:
    """When the oldest attempt still inside the window was made: the window frees up then."""
    row = await db.fetchone("SELECT MIN(at) FROM attempts WHERE key = ? AND at >= ?", (key, since))
    return row[0] if row else None


async def record(db: Database, keys: Iterable[str], at: str) -> None:
    await db.executemany("INSERT INTO attempts (key, at) VALUES (?, ?)", [(k, at) for k in keys])
