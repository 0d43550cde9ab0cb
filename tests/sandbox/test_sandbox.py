"""Sandbox mode: the demo as its people see it, restarts, and the two ways a start goes wrong."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import sys

import aiohttp
import pytest

from bot.emulator.client import Phone
from bot.i18n import translator
from bot.sandbox import demo
from bot.sandbox.runner import TOKEN, Sandbox, SandboxError
from tests.conftest import expect, t, tap

MEMBERS = [p for p in demo.PEOPLE if p.status == "approved" and p.municipality]
PENDING = next(p for p in demo.PEOPLE if p.status == "pending")
COORDINATOR = demo.COORDINATOR
TABLES = ("users", "seminars", "seminar_invitations", "competitions", "competition_entrants",
          "outbox", "municipalities")  # fmt: skip


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "MUNIBOT_"))}


async def cli(*args: str, cwd, timeout: float = 20) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=cwd, env=env(),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await asyncio.wait_for(proc.communicate(), timeout)
    return proc.returncode, err.decode()


def phone(sb: Sandbox, person: demo.DemoPerson) -> Phone:
    return Phone(sb.url, person.telegram_id, first_name=person.first_name,
                 language_code=person.lang)  # fmt: skip


def has(*fragments: str):
    return lambda msgs: all(any(f in (m.get("text") or "") for m in msgs) for f in fragments)


async def counts(sb: Sandbox) -> dict[str, int]:
    db = sb.services.db
    found = {name: (await db.fetchone(f"SELECT COUNT(*) FROM {name}"))[0] for name in TABLES}
    return {**found, "personas": len(sb.book.all())}


async def test_demo_members_receive_the_seminar_invitation_and_the_competition_call(tmp_path):
    async with Sandbox(port=0, db_path=tmp_path / "demo.sqlite3") as sb:
        assert [p.id for p in sb.book.all()] == [p.telegram_id for p in demo.PEOPLE]
        for person in MEMBERS:
            lang = person.lang
            async with phone(sb, person) as member:
                await member.wait_for(
                    has(demo.SEMINAR[f"title_{lang}"], demo.COMPETITION[f"title_{lang}"])
                )
                await member.send("/seminars")
                await expect(member, demo.SEMINAR[f"title_{lang}"])
        beshik = sb.book.get(MEMBERS[0].telegram_id)
        assert beshik.place["en"] == "Beshik-Jon" and beshik.lang == "ky"
        visitor = next(p for p in demo.PEOPLE if p.status is None)
        assert await sb.services.db.fetchone(
            "SELECT 1 FROM users WHERE telegram_id = ?", (visitor.telegram_id,)
        ) is None  # fmt: skip


async def test_the_coordinator_approves_the_pending_registration(tmp_path):
    async with (
        Sandbox(port=0, db_path=tmp_path / "demo.sqlite3") as sb,
        phone(sb, COORDINATOR) as coordinator,
        phone(sb, PENDING) as newcomer,
    ):
        await coordinator.wait_for(has(PENDING.full_name))  # the pushed approval card
        await coordinator.send("/pending")
        waiting = translator("ru").ngettext(
            "{count} registration is waiting:", "{count} registrations are waiting:", 1
        )
        await expect(coordinator, waiting.format(count=1))
        await tap(coordinator, "✅ " + t("ru", "Approve"))
        # Bulolu is in Osh: Voice works there, PSI (Jalal-Abad, Issyk-Kul) does not
        await newcomer.wait_for(has(demo.VOICE_SEMINAR["title_ru"]), timeout=8)
        texts = [m["text"] for m in (await newcomer.state())["messages"]]
        assert not any(demo.SEMINAR["title_ru"] in text for text in texts)
        await coordinator.send("/newseminar")
        await expect(coordinator, t("ru", "Which programme is this for?"))  # an admin of two
        await tap(coordinator, demo.PSI.name_ru)
        await expect(coordinator, t("ru", "Write the seminar's title in Kyrgyz."))


async def test_a_restart_keeps_what_was_done_and_seeds_nothing_twice(tmp_path):
    db_path = tmp_path / "demo.sqlite3"
    async with Sandbox(port=0, db_path=db_path) as sb:
        user = await sb.services.db.fetchone(
            "SELECT id, submissions FROM users WHERE telegram_id = ?", (PENDING.telegram_id,)
        )
        await sb.services.approvals.decide(COORDINATOR.telegram_id, user[0], user[1], True)
        async with phone(sb, COORDINATOR) as coordinator:  # the bot sees update ids 1 and 2
            await coordinator.send("/help")
            await coordinator.send("/status")
            await expect(coordinator, t("ru", "My status"))
        before = await counts(sb)
    async with Sandbox(port=0, db_path=db_path) as sb:  # a new emulator: its ids go on at 3
        assert await counts(sb) == before
        status = await sb.services.db.fetchone(
            "SELECT status FROM users WHERE telegram_id = ?", (PENDING.telegram_id,)
        )
        assert status[0] == "approved"
        async with phone(sb, COORDINATOR) as coordinator:
            await coordinator.send("/pending")
            await expect(coordinator, t("ru", "No registrations are waiting for approval."))


async def test_a_second_start_on_the_same_database_is_refused(tmp_path):
    db_path = tmp_path / "demo" / "demo.sqlite3"
    async with Sandbox(port=0, db_path=db_path) as sb:
        before = await counts(sb)
        with pytest.raises(SandboxError, match="already running") as refused:
            await Sandbox(port=0, db_path=db_path).start()
        assert sb.url in str(refused.value) and "--db" in str(refused.value)
        code, err = await cli("sandbox", "--port", "0", "--db", str(db_path), cwd=tmp_path)
        assert code == 1 and "already running" in err and sb.url in err, err
        assert "Traceback" not in err
        assert await counts(sb) == before


@contextlib.contextmanager
def busy_port(port: int = 0):
    """A real listener on the port; if something else already listens there, it is busy too."""
    sock = socket.socket()
    try:
        with contextlib.suppress(OSError):
            sock.bind(("127.0.0.1", port))
            sock.listen()
        yield sock.getsockname()[1] or port
    finally:
        sock.close()


async def test_a_busy_port_is_named_with_the_option_to_use(tmp_path):
    with busy_port() as port:
        db_path = tmp_path / "box" / "demo.sqlite3"
        code, err = await cli("sandbox", "--port", str(port), "--db", str(db_path), cwd=tmp_path)
    assert code == 1, err
    assert f"port {port} is already in use" in err and f"--port {port + 10}" in err
    assert "Traceback" not in err and not db_path.exists()


async def test_run_without_a_token_starts_the_sandbox(tmp_path):
    with busy_port(8080):  # so that it stops at once, saying why
        code, err = await cli("run", cwd=tmp_path)
    assert "BOT_TOKEN is not set" in err and "sandbox" in err
    assert code == 1 and "port 8080 is already in use" in err and "--port 8090" in err, err
    assert not (tmp_path / ".sandbox" / "demo.sqlite3").exists()


async def test_the_command_serves_the_page_and_stops_cleanly_on_sigterm(tmp_path):
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "sandbox", "--port", "0", cwd=tmp_path, env=env(),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        banner = (await asyncio.wait_for(proc.stdout.readline(), 20)).decode()
        url = re.search(r"http://127\.0\.0\.1:\d+", banner)[0]
        async with aiohttp.ClientSession() as session, session.get(url) as page:
            assert page.status == 200
        proc.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(proc.communicate(), 15)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0 and "sandbox stopped" in err.decode()
    assert TOKEN.split(":")[1] not in banner + out.decode() + err.decode()
    assert "Two programmes: psi (Public Service Improvement" in out.decode()
    assert "voice (Voice of Citizens" in out.decode()
    assert (tmp_path / ".sandbox" / "demo.sqlite3").exists()
