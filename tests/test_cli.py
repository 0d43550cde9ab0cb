"""The real command line: `python -m bot ...` in a child process, against the emulator."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys

import pytest

from bot.db import migration_files, open_database
from bot.emulator.client import Phone
from tests.conftest import PILOT_CSV, ROOT, TOKEN, database_for, expect, t


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def run_cli(*args: str, env: dict[str, str], timeout: float = 30) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), timeout)
    return proc.returncode, out.decode(), err.decode()


def base_env(tmp_path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "MUNIBOT_"))}
    env["MUNIBOT_DB"] = database_for(tmp_path / "cli" / "bot.sqlite3")
    env.update(extra)
    return env


async def test_migrate_creates_the_database_on_an_empty_path(tmp_path):
    env = base_env(tmp_path)
    code, out, _ = await run_cli("migrate", env=env)
    assert code == 0, out
    db = await open_database(env["MUNIBOT_DB"])
    try:
        rows = await db.fetchall("SELECT version FROM schema_migrations ORDER BY version")
    finally:
        await db.close()
    assert [r[0] for r in rows] == [v for v, _, _ in migration_files()]
    code, out, _ = await run_cli("import-municipalities", str(PILOT_CSV), env=base_env(tmp_path))
    assert code == 0 and "added: 22" in out


async def test_run_with_a_bad_setting_says_which(tmp_path):
    """Without a token `run` starts the sandbox (tests/sandbox/test_sandbox.py); a bad value
    still stops it before anything starts."""
    code, _, err = await run_cli("run", env=base_env(tmp_path, MUNIBOT_TZ="Nowhere/Land"))
    assert code == 2 and "MUNIBOT_TZ" in err


async def start_bot(tmp_path, env: dict[str, str]):
    await run_cli("migrate", env=env)
    await run_cli("import-municipalities", str(PILOT_CSV), env=env)
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def stop_bot(proc) -> str:
    if proc.returncode is None:
        proc.send_signal(signal.SIGINT)
    _, err = await asyncio.wait_for(proc.communicate(), 20)
    return err.decode()


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_the_bot_runs_unchanged_against_the_emulator(emulator, tmp_path, mode):
    env = base_env(tmp_path, BOT_TOKEN=TOKEN, MUNIBOT_API_BASE=emulator.api_base)
    if mode == "webhook":
        port = free_port()
        env.update(
            MUNIBOT_WEBHOOK_URL=f"http://127.0.0.1:{port}",
            MUNIBOT_WEBHOOK_LISTEN="127.0.0.1",
            MUNIBOT_WEBHOOK_PORT=str(port),
            MUNIBOT_WEBHOOK_SECRET="s3cret-value",
        )
    proc = await start_bot(tmp_path, env)
    phone = Phone(emulator.url, 4001, language_code="ru")
    try:
        await phone.send("/start")
        await expect(phone, t("ky", "Choose your language:"), timeout=20)
        if mode == "webhook":
            hook = emulator.core.webhook
            assert (
                hook.url.startswith(f"http://127.0.0.1:{port}/")
                and hook.secret_token == "s3cret-value"
            )
            assert hook.delivered >= 1
    finally:
        await phone.close()
        err = await stop_bot(proc)
    assert TOKEN not in err, "the token must never reach the logs"


async def test_the_sandbox_refuses_a_reachable_host_unless_public(tmp_path):
    env = base_env(tmp_path)
    db = str(tmp_path / "box" / "demo.sqlite3")
    code, _, err = await run_cli("sandbox", "--host", "0.0.0.0", "--db", db, env=env)
    assert code == 2
    assert "--public" in err and "any persona" in err
    assert not (tmp_path / "box").exists(), "nothing was started or created"
