"""The console's fixture: a bot whose console listens on a free local port."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.clock import ManualClock
from tests.conftest import BotUnderTest, seed
from tests.seminars.helpers import NOW
from tests.test_cli import free_port


@pytest.fixture
async def cbot(emulator, tmp_path) -> AsyncIterator[BotUnderTest]:
    """A bot with its console on a free local port and its media folder in the test's own."""
    db_path = tmp_path / "console.sqlite3"
    await seed(db_path)
    port = free_port()
    bot = BotUnderTest(
        emulator, db_path, ManualClock(NOW), MUNIBOT_CONSOLE_URL=f"http://127.0.0.1:{port}",
        MUNIBOT_CONSOLE_PORT=str(port), MUNIBOT_MEDIA_DIR=str(tmp_path / "media"),
    )  # fmt: skip
    bot.console = f"http://127.0.0.1:{port}"
    await bot.start()
    try:
        yield bot
    finally:
        await bot.close()
