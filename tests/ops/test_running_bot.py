"""One running bot per database file, with real `python -m bot` processes: a second bot, the
sandbox and `restore` are refused while the first runs; `health` and `backup` work beside it."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
from contextlib import closing

import pytest

from bot.emulator.client import Phone
from tests import pg_tests
from tests.conftest import ROOT, TOKEN, expect, t
from tests.ops.helpers import counts, populated
from tests.test_cli import run_cli

pytestmark = pytest.mark.skipif(
    bool(pg_tests.SERVER), reason="SQLite only: the lock beside a SQLite file"
)


async def started(env: dict[str, str], emulator_url: str, user_id: int):
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    await answers(emulator_url, user_id)
    return proc


async def answers(emulator_url: str, user_id: int) -> None:
    phone = Phone(emulator_url, user_id, language_code="ru")
    try:
        await phone.send("/start")
        await expect(phone, t("ky", "Choose your language:"), timeout=20)
    finally:
        await phone.close()


async def test_a_second_bot_on_the_same_file_is_refused_and_the_first_runs_on(emulator, tmp_path):
    env = await populated(tmp_path, emulator.url)
    env.update(BOT_TOKEN=TOKEN, MUNIBOT_API_BASE=emulator.api_base)
    first = await started(env, emulator.url, 4101)
    try:
        code, out, err = await run_cli("run", env=env)
        assert code == 1, out + err
        assert "MUNIBOT_DB" in err and "in use by a running munibot (run, pid" in err
        assert "Stop that bot first" in err and "Traceback" not in err
        db = env["MUNIBOT_DB"]
        code, _, err = await run_cli("sandbox", "--port", "0", "--db", db, env=env)
        assert code == 1 and "in use by a running munibot" in err and "--db" in err
        await answers(emulator.url, 4102)
        assert first.returncode is None, "the first bot is still running"
        code, out, _ = await run_cli("health", env=env)
        assert code == 0 and out.startswith("active")
    finally:
        first.send_signal(signal.SIGKILL)
        await first.communicate()
    code, out, _ = await run_cli("health", env=env)
    assert code == 1 and out.startswith("not running"), "a killed bot leaves no lock behind"


async def test_backup_works_beside_a_running_bot_and_restore_is_refused(emulator, tmp_path):
    env = await populated(tmp_path, emulator.url)
    env.update(BOT_TOKEN=TOKEN, MUNIBOT_API_BASE=emulator.api_base)
    before = counts(env["MUNIBOT_DB"])
    copy = tmp_path / "backup.sqlite3"
    other = await populated(tmp_path, emulator.url, name="other")
    bot = await started(env, emulator.url, 4201)
    try:
        code, _, err = await run_cli("backup", str(copy), env=env)
        assert code == 0, err
        code, out, err = await run_cli("restore", other["MUNIBOT_DB"], env=env)
        assert code == 1 and "in use by a running munibot" in err
        assert "Nothing was restored" in err
        await answers(emulator.url, 4202)
    finally:
        bot.send_signal(signal.SIGINT)
        await asyncio.wait_for(bot.communicate(), 20)
    assert counts(copy)["users"] >= before["users"] and counts(copy)["municipalities"] == 22
    with closing(sqlite3.connect(env["MUNIBOT_DB"])) as conn:
        kept = conn.execute("SELECT COUNT(*) FROM users WHERE telegram_id = 4201").fetchone()
    assert kept == (1,), "the database is the bot's own, not the refused restore's"
    assert sorted(p.name for p in (tmp_path / "bot").iterdir() if ".tmp" in p.name) == []
    code, out, _ = await run_cli("health", env=env)
    assert code == 1 and "not running" in out
