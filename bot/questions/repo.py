"""The FAQ entries staff add, and whom a member can write to: a coordinator of their region."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import Database, Row


@dataclass(frozen=True)
class FaqEntry:
    id: int
    phrases: tuple[str, ...]
    answer_ky: str
    answer_ru: str
    created_by: int | None
    created_at: str


@dataclass(frozen=True)
class Contact:
    """A coordinator a member may write to: the name they go by and their Telegram id."""

    telegram_id: int
    name: str


def _entry(row: Row) -> FaqEntry:
    phrases = tuple(p for p in str(row["phrases"]).split("\n") if p)
    return FaqEntry(row["id"], phrases, row["answer_ky"], row["answer_ru"], row["created_by"],
                    row["created_at"])  # fmt: skip


async def entries(db: Database) -> list[FaqEntry]:
    rows = await db.fetchall(
        "SELECT id, phrases, answer_ky, answer_ru, created_by, created_at FROM faq_entries"
        " ORDER BY id"
    )
    return [_entry(r) for r in rows]


async def entry(db: Database, entry_id: int) -> FaqEntry | None:
    row = await db.fetchone(
        "SELECT id, phrases, answer_ky, answer_ru, created_by, created_at FROM faq_entries"
        " WHERE id = ?",
        (entry_id,),
    )
    return _entry(row) if row else None


async def add(
    db: Database, phrases: list[str], answer_ky: str, answer_ru: str, by: int | None, now: str
) -> int:
    return await db.insert(
        "INSERT INTO faq_entries (phrases, answer_ky, answer_ru, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        ("\n".join(phrases), answer_ky, answer_ru, by, now),
    )


async def remove(db: Database, entry_id: int) -> bool:
    cur = await db.execute("DELETE FROM faq_entries WHERE id = ?", (entry_id,))
    return cur.rowcount > 0


async def stamp(db: Database) -> tuple[int, int]:
    """Changes when an entry is added or removed, from this process or the command line."""
    row = await db.fetchone("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM faq_entries")
    return (int(row[0]), int(row[1])) if row is not None else (0, 0)


_COORDINATORS = """
SELECT u.telegram_id, COALESCE(NULLIF(u.full_name, ''), NULLIF(u.tg_name, ''), '') AS name,
       EXISTS (SELECT 1 FROM programme_staff_regions r WHERE r.programme_id = s.programme_id
               AND r.user_id = u.id AND r.region_id = ?) AS local
FROM programme_staff s
JOIN users u ON u.id = s.user_id
JOIN programmes p ON p.id = s.programme_id AND p.status = 'active'
WHERE u.role = 'coordinator' AND u.telegram_id IS NOT NULL AND u.status != 'deleted'
  AND s.programme_id IN (SELECT programme_id FROM programme_reach WHERE municipality_id = ?)
  AND (NOT EXISTS (SELECT 1 FROM programme_staff_regions r WHERE r.programme_id = s.programme_id
                   AND r.user_id = u.id)
       OR EXISTS (SELECT 1 FROM programme_staff_regions r WHERE r.programme_id = s.programme_id
                  AND r.user_id = u.id AND r.region_id = ?))
ORDER BY local DESC, u.id
LIMIT 1
"""


async def coordinator_for(
    db: Database, municipality_id: int, region_id: int | None
) -> Contact | None:
    """A coordinator of a programme that reaches this municipality and who covers its region;
    one whose regions name it before one who covers every region."""
    row = await db.fetchone(_COORDINATORS, (region_id, municipality_id, region_id))
    if row is None or not row["name"]:
        return None
    return Contact(row["telegram_id"], row["name"])


async def clusters_of(db: Database, municipality_id: int) -> list[int]:
    """The clusters a municipality belongs to (a cluster competition's entrants)."""
    rows = await db.fetchall(
        "SELECT cluster_id FROM cluster_members WHERE municipality_id = ? ORDER BY cluster_id",
        (municipality_id,),
    )
    return [r[0] for r in rows]
