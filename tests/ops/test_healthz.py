"""GET /healthz on the console's port: for a load balancer, no sign-in and nothing personal."""

from __future__ import annotations

import aiohttp
import pytest

from bot.clock import ManualClock
from tests import pg_tests
from tests.conftest import BotUnderTest, seed
from tests.seminars.helpers import NOW
from tests.test_cli import free_port

pytestmark = pytest.mark.skipif(
    bool(pg_tests.SERVER), reason="SQLite only: health of a bot on a SQLite file"
)


async def test_healthz_answers_active_without_signing_in(emulator, tmp_path):
    db_path = tmp_path / "console.sqlite3"
    await seed(db_path)
    port = free_port()
    bot = BotUnderTest(
        emulator, db_path, ManualClock(NOW), MUNIBOT_CONSOLE_URL=f"http://127.0.0.1:{port}",
        MUNIBOT_CONSOLE_PORT=str(port), MUNIBOT_MEDIA_DIR=str(tmp_path / "media"),
    )  # fmt: skip
    await bot.start()
    try:
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{port}/healthz", allow_redirects=False) as resp,
        ):
            assert resp.status == 200
            assert await resp.json() == {"status": "active"}
    finally:
        await bot.close()
