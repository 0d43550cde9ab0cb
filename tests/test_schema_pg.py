"""The migrations on PostgreSQL (run with scripts/with-postgres; skipped without a server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.db import migration_files, open_database
from tests import pg_tests

pytestmark = pytest.mark.skipif(not pg_tests.SERVER, reason="MUNIBOT_TEST_PG is not set")


async def test_every_migration_applies_and_is_recorded_once(tmp_path: Path):
    url = pg_tests.url_for(tmp_path / "fresh.sqlite3")
    db = await open_database(url)
    try:
        applied = [r[0] for r in await db.fetchall("SELECT version FROM schema_migrations")]
        assert applied == [v for v, _, _ in migration_files()]
        regions = await db.fetchall("SELECT kind, COUNT(*) FROM regions GROUP BY kind")
        assert dict(regions) == {"oblast": 7, "city": 2}
        columns = {r["name"] for r in await db.fetchall("PRAGMA table_info(outbox)")}
        assert {"dedupe_key", "not_before", "status", "maybe_twice", "fold"} <= columns
    finally:
        await db.close()
    again = await open_database(url)  # a second start applies nothing and fails on nothing
    try:
        assert await again.count("SELECT COUNT(*) FROM schema_migrations") == len(applied)
    finally:
        await again.close()


async def test_ids_telegram_ids_and_flags_behave_as_on_sqlite(tmp_path: Path):
    db = await open_database(pg_tests.url_for(tmp_path / "ids.sqlite3"))
    try:
        new = await db.insert(
            "INSERT INTO programmes (code, name_ky, name_ru, name_en, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            ("second", "б", "в", "s", "2026-01-01T00:00:00+00:00"),
        )
        assert new == 2  # after programme 1, which migration 0009 wrote with its id
        big = 8_000_000_000  # Telegram ids no longer fit 32 bits
        user = await db.insert(
            "INSERT INTO users (telegram_id, status, created_at, updated_at)"
            " VALUES (?, 'inactive', '', '')",
            (big,),
        )
        row = await db.fetchone(
            "SELECT telegram_id, SUM(status = 'inactive') AS n, AVG(id), muted = 0"
            " FROM users WHERE id = ? GROUP BY id",
            (user,),
        )
        assert (row["telegram_id"], row["n"], row[3]) == (big, 1, 1)
        assert isinstance(row[2], float)
        assert row.keys()[:2] == ["telegram_id", "n"] and dict(row)["n"] == 1
    finally:
        await db.close()
