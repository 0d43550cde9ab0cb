"""The console's sign-in tables: one-time links, used Mini App sign-ins, sessions.

Every token arrives here already hashed (`digest`): the tables never hold one that works.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bot.db import Database


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Link:
    id: int
    telegram_id: int
    expires_at: str
    used_at: str | None


@dataclass(frozen=True)
class SessionRow:
    id: int
    telegram_id: int
    lang: str
    csrf: str
    created_at: str
    expires_at: str


async def add_link(db: Database, token_hash: str, telegram_id: int, now: str, until: str) -> int:
    return await db.insert(
        "INSERT INTO console_links (token_hash, telegram_id, created_at, expires_at)"
        " VALUES (?, ?, ?, ?)",
        (token_hash, telegram_id, now, until),
    )


async def link(db: Database, token_hash: str) -> Link | None:
    row = await db.fetchone(
        "SELECT id, telegram_id, expires_at, used_at FROM console_links WHERE token_hash = ?",
        (token_hash,),
    )
    return Link(row[0], row[1], row[2], row[3]) if row else None


async def use_link(db: Database, link_id: int, now: str) -> bool:
    """Marks the link used; False when another request used it first."""
    rows = await db.write_returning(
        "UPDATE console_links SET used_at = ? WHERE id = ? AND used_at IS NULL RETURNING id",
        (now, link_id),
    )
    return bool(rows)


async def use_webapp(db: Database, hash_digest: str, telegram_id: int, until: str) -> bool:
    """Records a Mini App sign-in; False when this very initData was used before."""
    rows = await db.write_returning(
        "INSERT INTO console_webapp_uses (hash_digest, telegram_id, expires_at) VALUES (?, ?, ?)"
        " ON CONFLICT (hash_digest) DO NOTHING RETURNING hash_digest",
        (hash_digest, telegram_id, until),
    )
    return bool(rows)


async def add_session(
    db: Database, id_hash: str, telegram_id: int, lang: str, csrf: str, via: str, now: str,
    until: str,
) -> None:  # fmt: skip
    await db.execute(
        "INSERT INTO console_sessions (id_hash, telegram_id, lang, csrf, via, created_at,"
        " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (id_hash, telegram_id, lang, csrf, via, now, until),
    )


async def session(db: Database, id_hash: str) -> SessionRow | None:
    row = await db.fetchone(
        "SELECT id, telegram_id, lang, csrf, created_at, expires_at FROM console_sessions"
        " WHERE id_hash = ?",
        (id_hash,),
    )
    return SessionRow(row[0], row[1], row[2], row[3], row[4], row[5]) if row else None


async def extend(db: Database, session_id: int, until: str) -> None:
    await db.execute("UPDATE console_sessions SET expires_at = ? WHERE id = ?", (until, session_id))


async def set_lang(db: Database, id_hash: str, lang: str) -> None:
    await db.execute("UPDATE console_sessions SET lang = ? WHERE id_hash = ?", (lang, id_hash))


async def drop_session(db: Database, id_hash: str) -> None:
    await db.execute("DELETE FROM console_sessions WHERE id_hash = ?", (id_hash,))


async def drop_sessions_of(db: Database, telegram_id: int) -> int:
    cur = await db.execute("DELETE FROM console_sessions WHERE telegram_id = ?", (telegram_id,))
    return cur.rowcount


async def forget(db: Database, telegram_id: int) -> None:
    """Everything the console kept of a person: their sessions, links and sign-ins."""
    async with db.transaction():
        for table in ("console_sessions", "console_links", "console_webapp_uses"):
            await db.execute(f"DELETE FROM {table} WHERE telegram_id = ?", (telegram_id,))  # noqa: S608


async def prune(db: Database, now: str, links_before: str) -> None:
    """Sessions and sign-ins past their time are of no use to anyone; links are kept a while
    longer, so that a late click hears "expired" rather than "unknown"."""
    async with db.transaction():
        await db.execute("DELETE FROM console_sessions WHERE expires_at <= ?", (now,))
        await db.execute("DELETE FROM console_webapp_uses WHERE expires_at <= ?", (now,))
        await db.execute("DELETE FROM console_links WHERE expires_at <= ?", (links_before,))
