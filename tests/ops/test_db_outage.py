"""The PostgreSQL server going away under load, through a relay the test cuts: people are told
in their language to try again in a minute, the dispatcher pauses, and when the database answers
again everything queued goes out, once, by itself."""

from __future__ import annotations

import asyncio

import pytest

from bot.db import open_database
from tests import pg_tests
from tests.conftest import BotUnderTest, add_members, database_for, expect, seed, t
from tests.delivery.test_delivery import queue, received
from tests.ops.pgproxy import CuttableProxy

pytestmark = pytest.mark.skipif(not pg_tests.SERVER, reason="needs MUNIBOT_TEST_PG")
MEMBERS = list(range(7301, 7341))
AWAY = (
    "The bot can't reach its database right now, so this was not saved. Nothing sent "
    "earlier is lost. Please try again in a minute."
)
OUTAGE_S = 6.0
"""The issue's 30 s, shortened: what matters is that the outage outlives every retry in
flight, and that nothing waits for it to end on a timer of its own."""


async def test_an_outage_under_load_loses_nothing_and_heals_by_itself(emulator, tmp_path):
    db_path = tmp_path / "outage.sqlite3"
    await seed(db_path)
    async with CuttableProxy(database_for(db_path)) as proxy:
        db = await open_database(proxy.url)
        try:
            await add_members(db, emulator.url, MEMBERS)
        finally:
            await db.close()
        bot = BotUnderTest(emulator, db_path, MUNIBOT_DB=proxy.url, MUNIBOT_RATE="10")
        await bot.start()
        try:
            broadcast_id = await queue(bot)
            await until_some_sent(bot, broadcast_id)
            proxy.cut()
            member = bot.phone(MEMBERS[0], lang="ky")
            await member.send("/status")
            await expect(member, t("ky", AWAY))
            await asyncio.sleep(2)  # what was already in the workers' hands goes out
            sent_during = await copies(bot)
            await asyncio.sleep(OUTAGE_S)
            assert await copies(bot) == sent_during, "the dispatcher paused"
            assert sent_during < len(MEMBERS), "the outage began mid-broadcast"
            proxy.restore()
            await all_delivered(bot)
            assert [await received(bot, i) for i in MEMBERS] == [1] * len(MEMBERS)
            counts = await bot.services.broadcasts.counts(broadcast_id)
            assert counts == {"sent": len(MEMBERS)}
            await member.send("/status")
            await expect(member, t("ky", "My status"), timeout=15)
        finally:
            await bot.close()


async def until_some_sent(bot, broadcast_id: int) -> None:
    for _ in range(200):  # bounded: the first rows go within a second
        if (await bot.services.broadcasts.counts(broadcast_id)).get("sent", 0) >= 5:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the broadcast did not start")


async def copies(bot) -> int:
    return sum([await received(bot, i) for i in MEMBERS])


async def all_delivered(bot) -> None:
    for _ in range(300):  # bounded: about 30 s, most of it the 10 a second rate
        if await copies(bot) >= len(MEMBERS):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"delivered {await copies(bot)} of {len(MEMBERS)}")
