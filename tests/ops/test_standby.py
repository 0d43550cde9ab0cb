"""Two `python -m bot run` processes on one PostgreSQL database: one is active, the other waits
as a standby and takes over when the first is killed. And a server that can't be reached at
start: said, with the password hidden, and tried again with a growing wait."""

from __future__ import annotations

import asyncio
import signal
import sys
import time

import aiohttp
import pytest

from tests import pg_tests
from tests.conftest import ADMIN_ID, ROOT, TOKEN, database_for, seed
from tests.ops.pgproxy import CuttableProxy
from tests.ops.test_running_bot import answers
from tests.test_cli import base_env, free_port, run_cli

needs_pg = pytest.mark.skipif(not pg_tests.SERVER, reason="needs MUNIBOT_TEST_PG")


def launch(env: dict[str, str], **extra: str):
    return asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env={**env, **extra},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def healthz(port: int) -> tuple[int, str]:
    try:
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{port}/healthz") as resp,
        ):
            return resp.status, (await resp.json())["status"]
    except aiohttp.ClientError:
        return 0, "no answer"


async def until_health(port: int, wanted: tuple[int, str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while (found := await healthz(port)) != wanted:
        assert time.monotonic() < deadline, f"port {port} says {found}, not {wanted}"
        await asyncio.sleep(0.2)


async def ended(proc, how: int = signal.SIGTERM) -> str:
    if proc.returncode is None:
        proc.send_signal(how)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    return err.decode()


@needs_pg
async def test_the_standby_takes_over_when_the_active_bot_is_killed(emulator, tmp_path):
    db_path = tmp_path / "pair.sqlite3"
    await seed(db_path)
    env = base_env(
        tmp_path, MUNIBOT_DB=database_for(db_path), BOT_TOKEN=TOKEN,
        MUNIBOT_API_BASE=emulator.api_base, MUNIBOT_ADMINS=str(ADMIN_ID),
    )  # fmt: skip
    ports = free_port(), free_port()
    consoles = [
        {"MUNIBOT_CONSOLE_URL": f"http://127.0.0.1:{p}", "MUNIBOT_CONSOLE_PORT": str(p)}
        for p in ports
    ]
    first = await launch(env, **consoles[0])
    second = None
    try:
        await answers(emulator.url, 4301)
        await until_health(ports[0], (200, "active"))
        second = await launch(env, **consoles[1])
        await until_health(ports[1], (503, "standby"))
        code, out, _ = await run_cli("health", env=env)
        assert code == 0 and out.startswith("active:") and "1 standby waiting" in out, out
        await answers(emulator.url, 4302)  # still the first one's work
        first.send_signal(signal.SIGKILL)
        await first.wait()
        began = time.monotonic()
        await answers(emulator.url, 4303)
        assert time.monotonic() - began < 20, "taken over within a few of the standby's tries"
        assert await healthz(ports[1]) == (200, "active")
        code, out, _ = await run_cli("health", env=env)
        assert code == 0 and "0 standby waiting" in out, out
    finally:
        await ended(first, signal.SIGKILL)
        said = await ended(second) if second is not None else ""
    assert second.returncode == 0, said
    assert "this process is the active munibot" in said and TOKEN not in said


async def test_a_database_that_cannot_be_reached_is_said_and_tried_again(emulator, tmp_path):
    url = f"postgresql://munibot:s3cret-pw@127.0.0.1:{free_port()}/munibot"
    env = base_env(
        tmp_path, MUNIBOT_DB=url, BOT_TOKEN=TOKEN, MUNIBOT_API_BASE=emulator.api_base
    )  # fmt: skip
    proc = await launch(env)
    said = await lines_until(proc, "trying again in 2 s")
    assert proc.returncode is None, "it waits for the database instead of exiting"
    said += await ended(proc)
    assert proc.returncode == 0, said
    assert said.count("can't connect to the database in MUNIBOT_DB") >= 2, said
    assert "trying again in 1 s" in said and "trying again in 2 s" in said
    assert "s3cret-pw" not in said and "munibot:***@127.0.0.1" in said
    assert "Traceback" not in said and TOKEN not in said


async def lines_until(proc, wanted: str, timeout: float = 30) -> str:
    """The process's log up to the first line with `wanted` (bounded)."""
    said = ""
    deadline = time.monotonic() + timeout
    while wanted not in said:
        left = deadline - time.monotonic()
        assert left > 0, said
        line = await asyncio.wait_for(proc.stderr.readline(), left)
        assert line, said  # the process ended
        said += line.decode()
    return said


async def test_a_url_that_cannot_work_is_refused_once_without_its_password(tmp_path):
    """psycopg repeats a URL it can't parse (a bare % in the password) in its error."""
    url = f"postgresql://munibot:se%zzcret@127.0.0.1:{free_port()}/munibot"
    env = base_env(tmp_path, MUNIBOT_DB=url, BOT_TOKEN=TOKEN)
    code, out, err = await run_cli("run", env=env)
    assert code == 1 and "MUNIBOT_DB is not a usable URL" in err, out + err
    for args in (("health",), ("migrate",)):
        code, out, more = await run_cli(*args, env=env)
        assert code == 1, out + more
        err += out + more
    assert "zzcret" not in err and "Traceback" not in err, err


@needs_pg
async def test_an_active_bot_cut_off_from_its_database_steps_down(emulator, tmp_path):
    """The first bot's link to the server freezes (nothing passes, nothing closes); the server
    ends its session, as its keepalives would, and the standby takes over. The first one,
    unable to confirm its lock, steps down instead of polling Telegram beside it."""
    db_path = tmp_path / "cut.sqlite3"
    await seed(db_path)
    url = database_for(db_path)
    env = base_env(
        tmp_path, BOT_TOKEN=TOKEN, MUNIBOT_API_BASE=emulator.api_base, MUNIBOT_ADMINS=str(ADMIN_ID)
    )  # fmt: skip
    ports = free_port(), free_port()
    async with CuttableProxy(url) as proxy:
        first = await launch(env, MUNIBOT_DB=proxy.url, **console(ports[0]))
        second = None
        try:
            await answers(emulator.url, 4401)
            second = await launch(env, MUNIBOT_DB=url, **console(ports[1]))
            await until_health(ports[1], (503, "standby"))
            proxy.freeze()
            await end_active_session(url)
            await until_health(ports[1], (200, "active"))
            said = await lines_until(first, "steps down to standby", timeout=60)
            await until_health(ports[0], (503, "standby"))  # stopped, waiting again
            assert first.returncode is None
            await answers(emulator.url, 4402)
        finally:
            proxy.restore()
            await ended(first)
            if second is not None:
                await ended(second)
    assert "the database session that made this process active was lost" in said


def console(port: int) -> dict[str, str]:
    return {"MUNIBOT_CONSOLE_URL": f"http://127.0.0.1:{port}", "MUNIBOT_CONSOLE_PORT": str(port)}


async def end_active_session(url: str) -> None:
    """What the server's TCP keepalives do to a vanished client's session."""
    import psycopg

    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        await conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name LIKE 'munibot active%'"
        )
