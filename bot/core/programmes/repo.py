"""Programmes, their reach, their staff and the members who muted them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import Database, Row

_COLUMNS = (
    "id, code, name_ky, name_ru, name_en, donor, implementers, starts_on, ends_on, status,"
    " closed_at"
)


@dataclass(frozen=True)
class Programme:
    id: int
    code: str
    name_ky: str
    name_ru: str
    name_en: str
    donor: str
    implementers: str
    starts_on: str | None
    ends_on: str | None
    status: str
    closed_at: str | None

    @property
    def active(self) -> bool:
        return self.status == "active"

    def name(self, lang: str) -> str:
        return getattr(self, f"name_{lang}", None) or self.name_en


@dataclass(frozen=True)
class NewProgramme:
    code: str
    name_ky: str
    name_ru: str
    name_en: str
    donor: str = ""
    implementers: str = ""
    starts_on: str | None = None
    ends_on: str | None = None


def _programme(row: Row) -> Programme:
    return Programme(**dict(row))


async def listing(db: Database, active_only: bool = False) -> list[Programme]:
    where = " WHERE status = 'active'" if active_only else ""
    rows = await db.fetchall(f"SELECT {_COLUMNS} FROM programmes{where} ORDER BY id")
    return [_programme(r) for r in rows]


async def by_id(db: Database, programme_id: int) -> Programme | None:
    row = await db.fetchone(f"SELECT {_COLUMNS} FROM programmes WHERE id = ?", (programme_id,))
    return _programme(row) if row else None


async def by_code(db: Database, code: str) -> Programme | None:
    row = await db.fetchone(
        f"SELECT {_COLUMNS} FROM programmes WHERE code = ?", (code.strip().lower(),)
    )
    return _programme(row) if row else None


async def save(db: Database, new: NewProgramme, now: str) -> tuple[int, bool]:
    """Adds the programme, or updates the one with this code; returns its id and whether it
    was new."""
    found = await by_code(db, new.code)
    values = (new.name_ky, new.name_ru, new.name_en, new.donor, new.implementers,
              new.starts_on, new.ends_on)  # fmt: skip
    if found is not None:
        await db.execute(
            "UPDATE programmes SET name_ky = ?, name_ru = ?, name_en = ?, donor = ?,"
            " implementers = ?, starts_on = ?, ends_on = ? WHERE id = ?",
            (*values, found.id),
        )
        return found.id, False
    new_id = await db.insert(
        "INSERT INTO programmes (code, name_ky, name_ru, name_en, donor, implementers,"
        " starts_on, ends_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (new.code, *values, now),
    )
    return new_id, True


async def recode(db: Database, programme_id: int, code: str) -> None:
    """A new code for a programme (the first one starts as 'main')."""
    await db.execute("UPDATE programmes SET code = ? WHERE id = ?", (code, programme_id))


async def set_regions(db: Database, programme_id: int, region_ids: list[int]) -> None:
    await db.execute("DELETE FROM programme_regions WHERE programme_id = ?", (programme_id,))
    await db.executemany(
        "INSERT INTO programme_regions (programme_id, region_id) VALUES (?, ?)",
        [(programme_id, r) for r in region_ids],
    )


async def region_ids(db: Database, programme_id: int) -> list[int]:
    rows = await db.fetchall(
        "SELECT region_id FROM programme_regions WHERE programme_id = ? ORDER BY region_id",
        (programme_id,),
    )
    return [r[0] for r in rows]


async def set_targets(db: Database, programme_id: int, municipality_ids: list[int]) -> None:
    await db.execute("DELETE FROM programme_targets WHERE programme_id = ?", (programme_id,))
    await db.executemany(
        "INSERT INTO programme_targets (programme_id, municipality_id) VALUES (?, ?)",
        [(programme_id, m) for m in sorted(set(municipality_ids))],
    )


async def target_count(db: Database, programme_id: int) -> int:
    return await db.count(
        "SELECT COUNT(*) FROM programme_targets WHERE programme_id = ?", (programme_id,)
    )


async def close(db: Database, programme_id: int, now: str) -> None:
    await db.execute(
        "UPDATE programmes SET status = 'closed', closed_at = ? WHERE id = ?", (now, programme_id)
    )


async def scheduled(db: Database, programme_id: int) -> int:
    """Pushes of this programme still waiting to go: what closing it drops."""
    return await db.count(
        "SELECT COUNT(*) FROM outbox WHERE programme_id = ? AND status IN ('pending', 'blocked')",
        (programme_id,),
    )


async def drop_scheduled(db: Database, programme_id: int, now: str) -> int:
    """Marked, not deleted: the history still shows what was stopped and why."""
    cur = await db.execute(
        "UPDATE outbox SET status = 'cancelled', last_error = 'programme closed', sent_at = ?"
        " WHERE programme_id = ? AND status IN ('pending', 'blocked')",
        (now, programme_id),
    )
    return cur.rowcount


async def memberships(db: Database, user_id: int) -> dict[int, tuple[int, ...]]:
    """The programmes a coordinator is staff of, each with its region limit (empty: none)."""
    rows = await db.fetchall(
        "SELECT s.programme_id, r.region_id FROM programme_staff s"
        " LEFT JOIN programme_staff_regions r"
        " ON r.programme_id = s.programme_id AND r.user_id = s.user_id"
        " WHERE s.user_id = ? ORDER BY s.programme_id, r.region_id",
        (user_id,),
    )
    found: dict[int, list[int]] = {}
    for row in rows:
        regions = found.setdefault(row[0], [])
        if row[1] is not None:
            regions.append(row[1])
    return {pid: tuple(regions) for pid, regions in found.items()}


async def set_staff(db: Database, programme_id: int, user_id: int, region_ids: list[int]) -> None:
    async with db.transaction():
        await db.execute(
            "DELETE FROM programme_staff WHERE programme_id = ? AND user_id = ?",
            (programme_id, user_id),
        )
        await db.execute(
            "INSERT INTO programme_staff (programme_id, user_id) VALUES (?, ?)",
            (programme_id, user_id),
        )
        await db.executemany(
            "INSERT INTO programme_staff_regions (programme_id, user_id, region_id)"
            " VALUES (?, ?, ?)",
            [(programme_id, user_id, r) for r in region_ids],
        )


async def drop_staff(db: Database, user_id: int, programme_id: int | None = None) -> None:
    """From one programme, or from all of them."""
    if programme_id is None:
        await db.execute("DELETE FROM programme_staff WHERE user_id = ?", (user_id,))
        return
    await db.execute(
        "DELETE FROM programme_staff WHERE user_id = ? AND programme_id = ?",
        (user_id, programme_id),
    )


async def reaching(db: Database, municipality_id: int | None) -> list[Programme]:
    """The active programmes a member of this municipality hears from."""
    if municipality_id is None:
        return []
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM programmes WHERE status = 'active' AND id IN"
        " (SELECT programme_id FROM programme_reach WHERE municipality_id = ?) ORDER BY id",
        (municipality_id,),
    )
    return [_programme(r) for r in rows]


async def muted(db: Database, user_id: int) -> set[int]:
    rows = await db.fetchall(
        "SELECT programme_id FROM programme_mutes WHERE user_id = ?", (user_id,)
    )
    return {r[0] for r in rows}


async def set_muted(db: Database, programme_id: int, user_id: int, on: bool) -> None:
    if on:
        await db.execute(
            "INSERT INTO programme_mutes (programme_id, user_id) VALUES (?, ?)"
            " ON CONFLICT DO NOTHING",
            (programme_id, user_id),
        )
    else:
        await db.execute(
            "DELETE FROM programme_mutes WHERE programme_id = ? AND user_id = ?",
            (programme_id, user_id),
        )
