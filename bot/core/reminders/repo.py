"""Each event's reminder settings, one row per seminar or competition (none: the defaults)."""

from __future__ import annotations

from bot.core.reminders.settings import DEFAULTS, Event, Settings, read
from bot.db import Database

_TABLES: dict[Event, tuple[str, str]] = {
    "seminar": ("seminar_reminders", "seminar_id"),
    "competition": ("competition_reminders", "competition_id"),
}


async def get(db: Database, event: Event, event_id: int) -> Settings:
    table, column = _TABLES[event]
    row = await db.fetchone(
        f"SELECT enabled, offsets, at_hour, text_ky, text_ru FROM {table} WHERE {column} = ?",
        (event_id,),
    )
    if row is None:
        return DEFAULTS[event]
    offsets = read(row["offsets"])[0] if row["offsets"] else ()
    return Settings(offsets, bool(row["enabled"]), row["at_hour"], row["text_ky"], row["text_ru"])


async def save(db: Database, event: Event, event_id: int, settings: Settings, now: str) -> None:
    table, column = _TABLES[event]
    await db.execute(
        f"INSERT INTO {table} ({column}, enabled, offsets, at_hour, text_ky, text_ru, updated_at)"
        f" VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT ({column}) DO UPDATE SET"
        " enabled = excluded.enabled, offsets = excluded.offsets, at_hour = excluded.at_hour,"
        " text_ky = excluded.text_ky, text_ru = excluded.text_ru,"
        " updated_at = excluded.updated_at",
        (event_id, int(settings.enabled), settings.listed(), settings.hour, settings.text_ky,
         settings.text_ru, now),
    )  # fmt: skip
