"""`backup` and `restore` through the real command line, on a populated database."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing

import pytest

from tests import pg_tests
from tests.ops.helpers import counts, populated, snapshot
from tests.test_cli import base_env, run_cli

pytestmark = pytest.mark.skipif(
    bool(pg_tests.SERVER), reason="SQLite only: backup and restore of a SQLite file"
)


async def test_backup_then_restore_into_a_fresh_path_keeps_every_row(emulator, tmp_path):
    env = await populated(tmp_path, emulator.url)
    original = counts(env["MUNIBOT_DB"])
    assert original["municipalities"] == 22 and original["seminars"] >= 1
    assert original["users"] >= 3
    copy = tmp_path / "backups" / "munibot-monday.sqlite3"
    code, out, err = await run_cli("backup", str(copy), env=env)
    assert code == 0, err
    assert "municipalities: 22" in out and f"users: {original['users']}" in out
    assert not (tmp_path / "backups" / f"{copy.name}-wal").exists(), "one self-contained file"
    fresh = base_env(tmp_path, MUNIBOT_DB=str(tmp_path / "fresh" / "bot.sqlite3"))
    code, out, err = await run_cli("restore", str(copy), env=fresh)
    assert code == 0, err
    assert "restored" in out
    assert counts(fresh["MUNIBOT_DB"]) == original
    code, out, _ = await run_cli("migrate", env=fresh)
    assert code == 0, "the restored file is one the bot opens"


async def test_backup_does_not_overwrite_a_file_unless_forced(tmp_path):
    env = base_env(tmp_path)
    assert (await run_cli("migrate", env=env))[0] == 0
    kept = tmp_path / "kept.sqlite3"
    kept.write_bytes(b"yesterday's backup")
    code, _, err = await run_cli("backup", str(kept), env=env)
    assert code == 1 and "--force" in err
    assert kept.read_bytes() == b"yesterday's backup"
    code, _, err = await run_cli("backup", str(kept), "--force", env=env)
    assert code == 0, err
    assert counts(kept)["schema_migrations"] > 0


async def test_backup_of_a_postgresql_url_shows_pg_dump_without_the_password(tmp_path):
    url = "postgresql://muni:s3cret-pw@db.example.org:5432/munibot"
    code, out, err = await run_cli("backup", "x.dump", env=base_env(tmp_path, MUNIBOT_DB=url))
    assert code != 0
    assert "pg_dump" in err and "muni:***@db.example.org:5432/munibot" in err
    assert "s3cret-pw" not in out + err


async def test_restore_refuses_what_is_not_a_munibot_database_and_changes_nothing(
    emulator, tmp_path
):
    env = await populated(tmp_path, emulator.url)
    folder = tmp_path / "bot"
    before = snapshot(folder)
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all\n" * 10)
    plain = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(plain)) as conn:
        conn.execute("CREATE TABLE things (name TEXT)")
        conn.commit()
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(env["MUNIBOT_DB"], newer)
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (9999, 'future', '2030-01-01')")
        conn.commit()
    missing = tmp_path / "missing.sqlite3"
    refusals = [(text, "not a SQLite database"), (plain, "not a munibot one"),
                (newer, "newer munibot"), (missing, "no file")]  # fmt: skip
    for source, said in refusals:
        code, out, err = await run_cli("restore", str(source), env=env)
        assert code == 1 and said in err, (source, out, err)
        assert snapshot(folder) == before, f"restoring {source.name} changed the database"
