"""Delivery under Telegram's weather: 429 storms, 5xx, slow answers, blocks and restarts."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.broadcasts.views.history import deliveries_csv
from bot.broadcasts.views.progress import progress
from bot.clock import ManualClock
from bot.core import users as users_repo
from bot.core.errors import NotAllowed
from bot.i18n import translator
from bot.sandbox.scripts import queue_broadcast
from tests.conftest import ADMIN_ID, BotUnderTest, add_members, seed, t

TEXT = "Эртең семинар / Завтра семинар"


async def queue(bot, text: str = TEXT, when: str | None = None) -> int:
    return await queue_broadcast(bot.services, ADMIN_ID, text, when)


async def settle(bot, broadcast_id: int, timeout: float = 40.0) -> dict[str, int]:
    """Waits (bounded) until nothing of the broadcast is pending or in flight. A row stopped
    while in flight is already 'cancelled' but still leased until its send's outcome is written
    (then 'sent' if it did go out), so the leases are waited out too. The leases are read
    before the counts: read after, they could miss an outcome written between the two."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        leased = await bot.services.db.fetchone(
            "SELECT COUNT(*) FROM outbox WHERE broadcast_id = ?"
            " AND (status IN ('pending', 'sending') OR lease_until IS NOT NULL)",
            (broadcast_id,),
        )
        counts = await bot.services.broadcasts.counts(broadcast_id)
        if not leased[0]:
            return counts
        assert asyncio.get_running_loop().time() < deadline, counts
        bot.app.bot_data["dispatcher"].wake()
        await asyncio.sleep(0.1)


async def until_sent(bot, broadcast_id: int, at_least: int, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while (await bot.services.broadcasts.counts(broadcast_id)).get("sent", 0) < at_least:
        assert asyncio.get_running_loop().time() < deadline, "the broadcast did not start"
        await asyncio.sleep(0.05)  # noqa: ASYNC110 (polling the database, bounded)


async def received(bot, user_id: int, text: str = TEXT) -> int:
    state = await bot.emulator_state(user_id)
    return sum(1 for m in state["messages"] if (m.get("text") or "").startswith(text))  # a ru
    # reader also gets the note that the text was written in Kyrgyz only


async def test_a_storm_of_429s_loses_nothing_and_repeats_nothing(bot):
    ids = list(range(6001, 6013))
    await add_members(bot.services.db, bot.emulator.url, ids)
    bot.emulator.set_faults(retry_after_rate=0.25, retry_after=1, methods=["sendMessage"], seed=7)
    broadcast_id = await queue(bot)
    counts = await settle(bot, broadcast_id)
    assert counts == {"sent": 12}
    assert [await received(bot, i) for i in ids] == [1] * 12
    assert bot.emulator.stats()["http_429"] > 0


async def test_5xx_answers_and_slow_answers_are_retried(bot):
    ids = list(range(6101, 6121))
    await add_members(bot.services.db, bot.emulator.url, ids)
    bot.emulator.set_faults(
        error_rate=0.25, error_code=502, slow_rate=0.2, slow_seconds=1.0,
        methods=["sendMessage"], seed=3,
    )  # fmt: skip
    broadcast_id = await queue(bot)
    counts = await settle(bot, broadcast_id)
    assert counts == {"sent": 20}
    assert [await received(bot, i) for i in ids] == [1] * 20
    assert bot.emulator.stats()["http_5xx"] > 0
    attempts = await bot.services.db.fetchone(
        "SELECT MAX(attempts) FROM outbox WHERE broadcast_id = ?", (broadcast_id,)
    )
    assert attempts[0] > 1


@pytest.fixture
async def slow_bot(emulator, tmp_path):
    """A bot allowed 10 messages a second, so that a broadcast lasts long enough to interfere."""
    db_path = tmp_path / "slow.sqlite3"
    await seed(db_path)
    bot = BotUnderTest(emulator, db_path, MUNIBOT_RATE="10")
    await bot.start()
    try:
        yield bot
    finally:
        await bot.close()


async def test_members_who_block_the_bot_mid_broadcast(slow_bot):
    bot, emulator = slow_bot, slow_bot.emulator
    ids = list(range(6201, 6231))
    await add_members(bot.services.db, emulator.url, ids)
    broadcast_id = await queue(bot)
    await until_sent(bot, broadcast_id, 5)
    for user_id in ids[-5:]:
        await bot.phone(user_id).block()
    counts = await settle(bot, broadcast_id)
    assert counts == {"sent": 25, "blocked": 5}
    assert [await received(bot, i) for i in ids[-5:]] == [0] * 5
    user = await bot.user(ids[-1])
    assert user.unreachable == 1
    await bot.phone(ids[-1]).unblock()
    phone = bot.phone(ids[-1])
    await phone.send("/start")
    await phone.wait_for(
        lambda ms: any((m.get("text") or "").startswith(TEXT) for m in ms), timeout=10
    )
    assert (await bot.user(ids[-1])).unreachable == 0


async def test_a_scheduled_broadcast_survives_restarts_and_goes_out_once(emulator, tmp_path):
    db_path = tmp_path / "s.sqlite3"
    await seed(db_path)
    clock = ManualClock(datetime(2026, 11, 22, 6, 0, tzinfo=UTC))
    bot = BotUnderTest(emulator, db_path, clock)
    await bot.start()
    try:
        ids = [6301, 6302, 6303]
        await add_members(bot.services.db, emulator.url, ids)
        broadcast_id = await queue(bot, when="22.11.2026 14:00")  # 08:00 UTC
        await bot.restart()
        clock.advance(hours=1)
        bot.app.bot_data["dispatcher"].wake()
        await asyncio.sleep(0.3)
        assert [await received(bot, i) for i in ids] == [0, 0, 0]
        await bot.restart()
        clock.advance(hours=1, minutes=1)
        assert await settle(bot, broadcast_id) == {"sent": 3}
        await bot.restart()
        bot.app.bot_data["dispatcher"].wake()
        await asyncio.sleep(0.3)
        assert [await received(bot, i) for i in ids] == [1, 1, 1]
    finally:
        await bot.close()


async def test_stopping_a_broadcast_while_it_sends(slow_bot):
    bot, emulator = slow_bot, slow_bot.emulator
    ids = list(range(6401, 6441))
    await add_members(bot.services.db, emulator.url, ids)
    broadcast_id = await queue(bot)
    await until_sent(bot, broadcast_id, 3)
    await bot.services.broadcasts.stop(ADMIN_ID, broadcast_id)
    counts = await settle(bot, broadcast_id)
    assert counts["cancelled"] > 0 and counts["sent"] + counts["cancelled"] == 40
    delivered = sum([await received(bot, i) for i in ids])
    assert delivered == counts["sent"]


async def test_a_stopped_broadcast_stays_stopped_after_a_restart(slow_bot):
    bot = slow_bot
    ids = list(range(6501, 6531))
    await add_members(bot.services.db, bot.emulator.url, ids)
    bot.emulator.set_faults(retry_after_rate=0.2, retry_after=1, methods=["sendMessage"], seed=5)
    broadcast_id = await queue(bot)
    await until_sent(bot, broadcast_id, 2, timeout=30)
    await bot.services.broadcasts.stop(ADMIN_ID, broadcast_id)
    before = await settle(bot, broadcast_id)
    bot.emulator.set_faults()
    await bot.restart()
    bot.app.bot_data["dispatcher"].wake()
    await asyncio.sleep(1.0)
    after = await bot.services.broadcasts.counts(broadcast_id)
    assert after == before and after.get("cancelled", 0) > 0
    assert sum([await received(bot, i) for i in ids]) == after["sent"]


async def test_a_broadcast_stopped_during_a_429_pause_sends_nothing_more(slow_bot):
    """A 429 pauses every push (for up to a minute on Telegram) while the rows already taken
    wait at the gate; Stop holds those back too, not only the rows still queued."""
    bot = slow_bot
    ids = list(range(6541, 6561))
    await add_members(bot.services.db, bot.emulator.url, ids)
    bot.emulator.set_faults(retry_after_rate=1.0, retry_after=3, methods=["sendMessage"], seed=1)
    broadcast_id = await queue(bot)
    deadline = asyncio.get_running_loop().time() + 10
    while not bot.emulator.stats()["http_429"]:
        assert asyncio.get_running_loop().time() < deadline, "no send was tried"
        await asyncio.sleep(0.02)  # noqa: ASYNC110 (polling the emulator, bounded)
    await bot.services.broadcasts.stop(ADMIN_ID, broadcast_id)
    bot.emulator.set_faults()
    counts = await settle(bot, broadcast_id)
    assert counts == {"cancelled": len(ids)}
    assert sum([await received(bot, i) for i in ids]) == 0


async def test_a_coordinator_cannot_read_another_coordinators_broadcast(bot):
    await add_members(bot.services.db, bot.emulator.url, [6601])
    broadcast_id = await queue(bot)
    await settle(bot, broadcast_id)
    other = 6699
    await users_repo.ensure(bot.services.db, other, "Other coordinator", "2026-01-01")
    await bot.services.accounts.set_role(ADMIN_ID, other, "coordinator", [])
    with pytest.raises(NotAllowed):
        await bot.services.broadcasts.deliveries(other, broadcast_id)
    with pytest.raises(NotAllowed):
        await bot.services.broadcasts.stop(other, broadcast_id)
    assert await bot.services.broadcasts.history(other) == []
    assert len(await bot.services.broadcasts.history(ADMIN_ID)) == 1


async def test_chat_not_found_waits_for_the_person_and_muting_skips_only_announcements(bot):
    await add_members(bot.services.db, bot.emulator.url, [6701, 6702])
    ghost = 6703  # registered, but never opened a chat with the bot
    await users_repo.ensure(bot.services.db, ghost, "Ghost", "2026-01-01")
    await bot.services.db.execute(
        "UPDATE users SET status = 'approved', municipality_id = 1 WHERE telegram_id = ?", (ghost,)
    )
    await bot.services.broadcasts.set_muted(6702, True)
    broadcast_id = await queue(bot, when="31.12.2030 10:00")
    await bot.services.broadcasts.set_muted(6701, True)  # after it was queued
    await bot.services.db.execute(
        "UPDATE outbox SET not_before = '2000-01-01T00:00:00+00:00' WHERE broadcast_id = ?",
        (broadcast_id,),
    )
    counts = await settle(bot, broadcast_id)
    assert counts == {"unreached": 1, "cancelled": 1}
    ru = translator("ru")
    [(item, _)] = await bot.services.broadcasts.history(ADMIN_ID)
    card = progress(ru, item, counts, bot.services.clock.now()).text
    one = "{count} person has not started the bot yet: the message goes when they do."
    many = "{count} people have not started the bot yet: the message goes when they do."
    assert ru.ngettext(one, many, 1).format(count=1) in card
    sheet = deliveries_csv(ru, await bot.services.broadcasts.deliveries(ADMIN_ID, broadcast_id))
    assert t("ru", "has not started the bot yet") in sheet.decode("utf-8-sig")
    row = await bot.services.db.fetchone(
        "SELECT last_error FROM outbox WHERE broadcast_id = ? AND chat_id = ?",
        (broadcast_id, ghost),
    )
    assert "chat not found" in row["last_error"].lower()
    ghost_phone = bot.phone(ghost)
    await ghost_phone.send("/start")
    await ghost_phone.wait_for(
        lambda ms: any((m.get("text") or "").startswith(TEXT) for m in ms), timeout=10
    )
    await bot.services.outbox.enqueue(
        "account:6701:test", 6701, "account", "role_changed", {"role": "member"}
    )
    phone = bot.phone(6701)
    role = t("ky", "Your role is now: {role}.").format(role=t("ky", "member"))
    await phone.wait_for(lambda ms: any(role in (m.get("text") or "") for m in ms))


async def test_a_member_tapping_fast_gets_every_reply_under_flood_limits(bot):
    await add_members(bot.services.db, bot.emulator.url, [6801])  # chose Kyrgyz
    bot.emulator.set_faults(flood=True)
    phone = bot.phone(6801, lang="ru")
    for _ in range(6):
        await phone.send("/help")
    first_line = t("ky", "Use the menu buttons below:")
    await phone.wait_for(
        lambda ms: sum(1 for m in ms if first_line in (m.get("text") or "")) == 6, timeout=20
    )
    texts = [m.get("text") for m in await phone.messages()]
    assert t("ru", "Something went wrong on our side. Please try again.") not in texts
    assert bot.emulator.stats()["http_429"] > 0, "the per-chat limit was really reached"
