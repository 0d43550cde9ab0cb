"""Populated databases and what is in them, for the operations' tests."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

from bot.db import open_database
from tests.conftest import PILOT_CSV, ROOT, add_members
from tests.test_cli import base_env, run_cli

SEMINARS_CSV = ROOT / "data" / "seminars_example.csv"


async def populated(tmp_path: Path, emulator_url: str, name: str = "bot") -> dict[str, str]:
    """A database as a deployment has one: the pilot places, seminars and members, put in
    through the command line and the repositories; its environment for the CLI."""
    env = base_env(tmp_path, MUNIBOT_DB=str(tmp_path / name / "bot.sqlite3"))
    for args in (("migrate",), ("import-municipalities", str(PILOT_CSV)),
                 ("import-seminars", str(SEMINARS_CSV))):  # fmt: skip
        code, out, err = await run_cli(*args, env=env)
        assert code == 0, out + err
    db = await open_database(env["MUNIBOT_DB"])
    try:
        await add_members(db, emulator_url, [7001, 7002, 7003])
    finally:
        await db.close()
    return env


def counts(path: str | Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )]  # fmt: skip
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in the folder and a hash of its bytes: 'nothing changed' made checkable."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
