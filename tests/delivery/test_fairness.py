"""One person can't slow down everyone else, and an update delivered twice is handled once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.clock import ManualClock
from bot.db import open_database
from bot.updates import FairUpdateProcessor, SeenUpdates
from tests.conftest import add_members, database_for, t

SLOW_DOWN = (
    "You are sending messages faster than I can answer. I will answer the ones I have; "
    "please wait a moment before sending more."
)


async def test_a_backlog_waits_in_its_own_line_not_in_the_shared_slots():
    """Two shared slots: a flooder's ten waiting updates take at most one of them, so another
    person's update runs while the flooder's backlog is still waiting."""
    processor = FairUpdateProcessor(max_concurrent_updates=2, per_user=50)
    release = asyncio.Event()
    ran: list[str] = []

    async def flooder_update() -> None:
        ran.append("flood")
        await release.wait()

    async def other_update() -> None:
        ran.append("other")

    flood = [asyncio.create_task(processor.do_process_update(_update(1, i), flooder_update()))
             for i in range(10)]  # fmt: skip
    await asyncio.sleep(0.05)
    await asyncio.wait_for(processor.do_process_update(_update(2, 99), other_update()), 2)
    assert ran == ["flood", "other"], "the other person ran while the flooder's line waited"
    release.set()
    await asyncio.wait_for(asyncio.gather(*flood), 2)
    assert ran.count("flood") == 10


async def test_a_full_line_drops_the_rest_and_says_slow_down_once():
    processor = FairUpdateProcessor(max_concurrent_updates=4, per_user=3)
    told: list[int] = []

    async def overflow(update) -> None:
        told.append(update.effective_user.id)

    processor.on_overflow = overflow
    release = asyncio.Event()
    handled = 0

    async def slow() -> None:
        nonlocal handled
        await release.wait()
        handled += 1

    tasks = [asyncio.create_task(processor.do_process_update(_update(7, i), slow()))
             for i in range(10)]  # fmt: skip
    await asyncio.sleep(0.05)
    release.set()
    await asyncio.wait_for(asyncio.gather(*tasks), 2)
    assert handled == 3
    assert told == [7]


async def test_a_flooding_stranger_gets_one_slow_down_and_a_member_is_answered(bot):
    await add_members(bot.services.db, bot.emulator.url, [7201])
    stranger = bot.phone(7299, "ru")
    member = bot.phone(7201, "ky")
    await asyncio.gather(*(stranger.send(f"спам {n}") for n in range(60)))
    await member.send("/help")
    first_line = t("ky", "Use the menu buttons below:")
    await member.wait_for(lambda ms: any(first_line in (m.get("text") or "") for m in ms), 15)
    slow = t("ru", SLOW_DOWN)
    await stranger.wait_for(lambda ms: any(m.get("text") == slow for m in ms), 15)
    await asyncio.sleep(1.0)
    texts = [m.get("text") for m in await stranger.messages()]
    assert texts.count(slow) == 1
    assert len(texts) < 60, "part of the flood was dropped, not answered"


async def test_an_update_delivered_twice_is_answered_once_even_after_a_restart(bot):
    await add_members(bot.services.db, bot.emulator.url, [7301])
    phone = bot.phone(7301, "ky")
    sent = await phone.send("/help")
    first_line = t("ky", "Use the menu buttons below:")
    await phone.wait_for(lambda ms: any(first_line in (m.get("text") or "") for m in ms), 10)
    await bot.restart()
    bot.emulator.redeliver(sent["update_id"])  # as if polling had never confirmed it
    later = await phone.send("/language")  # answered after the redelivered one, in order
    choose = t("ky", "Choose your language:")
    await phone.wait_for(lambda ms: any(choose in (m.get("text") or "") for m in ms), 10)
    texts = [m.get("text") or "" for m in await phone.messages()]
    assert sum(first_line in text for text in texts) == 1
    assert later["update_id"] > sent["update_id"]


def _update(user_id: int, update_id: int):
    from telegram import Chat, Message, Update, User

    user = User(user_id, "Test", False)
    message = Message(update_id, None, Chat(user_id, "private"), from_user=user, text="x")
    return Update(update_id, message=message)


async def test_update_ids_are_remembered_for_a_day_in_memory_and_on_disk(tmp_path):
    clock = ManualClock(datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    db = await open_database(database_for(tmp_path / "seen.sqlite3"))
    try:
        seen = SeenUpdates(db, clock)
        assert seen.first_time(1) and not seen.first_time(1)
        await seen.flush()
        clock.advance(hours=23)
        assert seen.first_time(2)
        await seen.flush()
        again = SeenUpdates(db, clock)  # a restart reads them back
        await again.load()
        assert not again.first_time(1) and not again.first_time(2)
        clock.advance(hours=2)
        await again.flush()
        assert again.first_time(1), "a day later the id is forgotten, in memory too"
        assert not again.first_time(2)
    finally:
        await db.close()
