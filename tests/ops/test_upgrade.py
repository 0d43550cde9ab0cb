"""Upgrading one process at a time: an older munibot never runs on a database that a newer one
has migrated (it could misread what it does not know), on either engine."""

from __future__ import annotations

from bot.db import open_database
from tests.test_cli import base_env, run_cli


async def test_an_older_munibot_refuses_a_newer_schema(tmp_path):
    env = base_env(tmp_path)
    code, out, err = await run_cli("migrate", env=env)
    assert code == 0, out + err
    db = await open_database(env["MUNIBOT_DB"])
    try:
        await db.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (9999, "from_the_future", "2027-01-01T00:00:00+00:00"),
        )
    finally:
        await db.close()
    code, out, err = await run_cli("migrate", env=env)
    assert code == 1, out + err
    assert "migrations up to 9999" in err and "Upgrade this one" in err
    assert "Traceback" not in err
