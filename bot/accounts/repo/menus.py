"""Whose chat gets its own command menu: approved members with a language of their own."""

from __future__ import annotations

from bot.db import Database


async def members_with_language(
    db: Database, after_id: int, limit: int
) -> list[tuple[int, int, str]]:
    """(users id, Telegram id, language) of approved members who are not staff, by id."""
    rows = await db.fetchall(
        "SELECT id, telegram_id, lang FROM users WHERE status = 'approved'"
        " AND role NOT IN ('coordinator', 'admin') AND telegram_id IS NOT NULL"
        " AND lang IS NOT NULL AND id > ? ORDER BY id LIMIT ?",
        (after_id, limit),
    )
    return [(r[0], r[1], r[2]) for r in rows]
