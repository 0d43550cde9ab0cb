"""Every migration applies to an empty database and yields the schema the code expects."""

from __future__ import annotations

import pytest

from bot.db import Database, migrate, migration_files, open_database
from tests import pg_tests

pytestmark = pytest.mark.skipif(
    bool(pg_tests.SERVER), reason="SQLite only: SQLite's own catalog and journal mode"
)


async def test_migrations_build_the_schema_on_an_empty_database(tmp_path):
    db = await open_database(tmp_path / "nested" / "fresh.sqlite3")
    try:
        tables = {
            r[0] for r in await db.fetchall("SELECT name FROM sqlite_master WHERE type='table'")
        }
        assert {
            "schema_migrations",
            "regions",
            "districts",
            "municipalities",
            "users",
            "programmes",
            "programme_staff",
            "flows",
            "outbox",
        } <= tables
        applied = [r[0] for r in await db.fetchall("SELECT version FROM schema_migrations")]
        assert applied == [v for v, _, _ in migration_files()]
        columns = {r[1] for r in await db.fetchall("PRAGMA table_info(outbox)")}
        assert {
            "dedupe_key",
            "not_before",
            "status",
            "attempts",
            "last_error",
            "message_id",
        } <= columns
        assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"
        assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1
        regions = await db.fetchall("SELECT kind, COUNT(*) FROM regions GROUP BY kind")
        assert dict(regions) == {"oblast": 7, "city": 2}
        districts = (await db.fetchone("SELECT COUNT(*) FROM districts"))[0]
        assert districts >= 40
    finally:
        await db.close()


async def test_migrating_twice_changes_nothing(tmp_path):
    path = tmp_path / "twice.sqlite3"
    first = await open_database(path)
    await first.close()
    db = await Database.open(path)
    try:
        assert await migrate(db) == []
    finally:
        await db.close()


async def test_a_failing_migration_leaves_no_trace(tmp_path):
    good = tmp_path / "m"
    good.mkdir()
    (good / "0001_ok.sql").write_text("CREATE TABLE a (x INTEGER);")
    (good / "0002_bad.sql").write_text(
        "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);"
    )
    db = await Database.open(tmp_path / "bad.sqlite3")
    try:
        try:
            await migrate(db, good)
        except Exception:
            pass
        else:
            raise AssertionError("the broken migration was accepted")
        names = {
            r[0] for r in await db.fetchall("SELECT name FROM sqlite_master WHERE type='table'")
        }
        assert "a" in names and "b" not in names
        versions = [r[0] for r in await db.fetchall("SELECT version FROM schema_migrations")]
        assert versions == [1]
    finally:
        await db.close()
