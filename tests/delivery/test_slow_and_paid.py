"""Answers slower than the read timeout, and Telegram's paid broadcasts."""

from __future__ import annotations

import asyncio

import pytest

from bot.broadcasts.views.history import deliveries_csv
from bot.config import ConfigError, load_config
from bot.i18n import translator
from tests.conftest import ADMIN_ID, BotUnderTest, add_members, seed, t
from tests.delivery.test_delivery import TEXT, queue, settle

SLOW = [7601, 7602, 7603]


async def test_a_send_answered_after_the_timeout_is_counted_as_maybe_twice(emulator, tmp_path):
    """The emulator keeps the message it was slow to confirm, as Telegram may; the bot can't
    ask whether it went, so it sends again and the report says who may have it twice."""
    db_path = tmp_path / "slow.sqlite3"
    await seed(db_path)
    bot = BotUnderTest(emulator, db_path, MUNIBOT_API_TIMEOUT="0.5")
    await bot.start()
    try:
        await add_members(bot.services.db, emulator.url, SLOW)
        emulator.set_faults(slow_rate=1.0, slow_seconds=1.5, methods=["sendMessage"])
        broadcast_id = await queue(bot)
        flagged = "SELECT chat_id FROM outbox WHERE broadcast_id = ? AND maybe_twice = 1"
        for _ in range(200):  # the first answers come 1.5 s after each send, 0.5 s too late
            if await bot.services.db.fetchall(flagged, (broadcast_id,)):
                break
            await asyncio.sleep(0.1)
        emulator.set_faults()
        counts = await settle(bot, broadcast_id)
        assert counts["sent"] == len(SLOW) and counts.get("maybe_twice", 0) >= 1, counts
        twice = counts["maybe_twice"]
        marked = {r["chat_id"] for r in await bot.services.db.fetchall(flagged, (broadcast_id,))}
        for chat in SLOW:
            got = sum(TEXT in (m.get("text") or "") for m in await bot.phone(chat).messages())
            assert got >= 1, "nobody is left without it"
            assert got == 1 or chat in marked, "every duplicate is on a row the report counts"
        ru = translator("ru")
        sheet = deliveries_csv(ru, await bot.services.broadcasts.deliveries(ADMIN_ID, broadcast_id))
        lines = sheet.decode("utf-8-sig").splitlines()
        assert t("ru", "May have received it twice") in lines[0]
        assert sum(line.endswith("," + t("ru", "yes")) for line in lines[1:]) == twice
    finally:
        await bot.close()


async def test_paid_broadcasts_are_asked_for_on_every_push(emulator, tmp_path):
    db_path = tmp_path / "paid.sqlite3"
    await seed(db_path)
    bot = BotUnderTest(emulator, db_path, MUNIBOT_PAID_BROADCAST="1")
    assert bot.config.rate == 1000, "Telegram's paid rate unless MUNIBOT_RATE says otherwise"
    await bot.start()
    try:
        members = list(range(7700, 7760))
        await add_members(bot.services.db, emulator.url, members)
        emulator.set_faults(flood=True)
        emulator.reset_stats()
        broadcast_id = await queue(bot)
        counts = await settle(bot, broadcast_id)
        assert counts == {"sent": len(members)}
        stats = emulator.stats()
        assert stats["paid_messages"] == len(members) and stats["http_429"] == 0, stats
    finally:
        await bot.close()


def test_paid_broadcast_and_api_timeout_settings():
    base = {"BOT_TOKEN": "123:abc"}
    assert load_config(base).paid_broadcast is False and load_config(base).rate == 30
    paid = load_config({**base, "MUNIBOT_PAID_BROADCAST": "1", "MUNIBOT_RATE": "200"})
    assert paid.paid_broadcast and paid.rate == 200
    assert load_config({**base, "MUNIBOT_RATE": "0"}).rate is None
    assert load_config({**base, "MUNIBOT_API_TIMEOUT": "2.5"}).api_timeout == 2.5
    for name, bad in [("MUNIBOT_PAID_BROADCAST", "maybe"), ("MUNIBOT_API_TIMEOUT", "0"),
                      ("MUNIBOT_API_TIMEOUT", "soon")]:  # fmt: skip
        with pytest.raises(ConfigError) as caught:
            load_config({**base, name: bad})
        assert str(caught.value).startswith(name)
