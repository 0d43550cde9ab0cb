"""The accounts tests' bot on a clock they move, archiving files into the test's folder."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import ManualClock
from tests.conftest import BotUnderTest, seed
from tests.seminars.helpers import NOW


@pytest.fixture
async def ebot(emulator, tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    db_path = tmp_path / "erase.sqlite3"
    await seed(db_path)
    bot = BotUnderTest(
        emulator, db_path, ManualClock(NOW), MUNIBOT_MEDIA_DIR=str(tmp_path / "media")
    )
    await bot.start()
    try:
        yield bot
    finally:
        await bot.close()
