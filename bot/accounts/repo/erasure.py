"""What erasing a person does to rows outside their users row: the outbox rows addressed to
them, and whether anything still needs the (anonymous) users row at all.

Accounts may run this SQL on the outbox table: keeping no Telegram id of an erased person is a
data-protection rule, and the outbox has no operation of its own for it.
"""

from __future__ import annotations

from bot.db import Database

ERASED_CHAT = 0
"""The chat of an outbox row whose recipient erased their data: nobody, so never sent."""
ENDED = "recipient erased their data"


def erased_key(key: str, telegram_id: int, row_id: int) -> str:
    """The key with the Telegram id replaced by the row's own id: still unique, no longer
    pointing at anyone (`broadcast:7:48173659` becomes `broadcast:7:erased-912`)."""
    parts = key.split(":")
    return ":".join(f"erased-{row_id}" if part == str(telegram_id) else part for part in parts)


async def scrub_outbox(db: Database, telegram_id: int) -> int:
    """Rows to the person lose the chat, the id in their key and their parameters; unsent ones
    are cancelled. A row in flight keeps its parameters (the dispatcher is rendering it) and
    is recorded as sent if it did go. Returns how many rows were changed."""
    rows = await db.fetchall("SELECT id, dedupe_key FROM outbox WHERE chat_id = ?", (telegram_id,))
    await db.executemany(
        "UPDATE outbox SET chat_id = ?, dedupe_key = ?,"
        " params = CASE WHEN status = 'sending' THEN params ELSE '{}' END,"
        " last_error = CASE WHEN status IN ('pending', 'blocked', 'sending') THEN ?"
        " ELSE last_error END,"
        " status = CASE WHEN status IN ('pending', 'blocked', 'sending') THEN 'cancelled'"
        " ELSE status END WHERE id = ?",
        [(ERASED_CHAT, erased_key(r[1], telegram_id, r[0]), ENDED, r[0]) for r in rows],
    )
    return len(rows)


async def referenced(db: Database, user_id: int) -> bool:
    """Whether any row points at this users row through a foreign key (an invitation, a
    submission version, a review, a broadcast...). Read from the schema, so a table added
    later is covered too."""
    tables = await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    for (table,) in tables:
        for fk in await db.fetchall(f'PRAGMA foreign_key_list("{table}")'):
            if fk["table"] != "users":
                continue
            column = fk["from"]
            sql = f'SELECT EXISTS (SELECT 1 FROM "{table}" WHERE "{column}" = ?)'
            if await db.count(sql, (user_id,)):
                return True
    return False
