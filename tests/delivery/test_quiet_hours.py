"""Quiet hours (21:00–08:00 in Bishkek by default): a reminder or a scheduled announcement due
then waits in the database until 08:00 and goes once, across restarts; what staff send "now"
goes now; MUNIBOT_QUIET_HOURS=off lets everything go at its own time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.config import ConfigError, load_config
from bot.i18n import translator
from tests.broadcasts.test_broadcasts import KY_TEXT, RU_TEXT
from tests.broadcasts.test_scheduling import rows, staff, to_preview
from tests.conftest import BotUnderTest, add_members, expect, seed, t, tap
from tests.seminars.helpers import NOW, drain, make_seminar, texts
from tests.seminars.test_seminars import answer

RU, KY = translator("ru"), translator("ky")
LATE_START = datetime(2026, 11, 26, 16, 0, tzinfo=UTC)  # Thursday 22:00 in Bishkek


def bishkek(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC) - timedelta(hours=6)


def reminder(hours: int) -> str:
    return KY.ngettext(
        "⏰ Reminder: the seminar starts in {hours} hour.",
        "⏰ Reminder: the seminar starts in {hours} hours.",
        hours,
    ).format(hours=hours)


async def count(bot, member: int, fragment: str) -> int:
    return sum(1 for text in await texts(bot, member) if fragment in text)


async def at(bot, when: datetime) -> None:
    bot.clock.set(when)
    await drain(bot)


async def test_a_reminder_due_at_22_goes_once_at_08_across_restarts(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7401])
    seminar = await make_seminar(
        sbot, starts_at=LATE_START, ends_at=LATE_START + timedelta(hours=1),
        rsvp_deadline=LATE_START - timedelta(days=2),
    )  # fmt: skip
    await answer(sbot, 7401, seminar.id, yes=True)
    found = await sbot.services.db.fetchall(
        "SELECT not_before FROM outbox WHERE template = 'seminar_reminder' ORDER BY not_before"
    )
    assert [r[0] for r in found] == [bishkek(26, 8).isoformat(), bishkek(26, 20).isoformat()]
    await at(sbot, bishkek(25, 22))
    assert await count(sbot, 7401, "⏰") == 0, "24 hours before is 22:00: held back"
    await sbot.restart()
    await at(sbot, bishkek(26, 7) + timedelta(minutes=59))
    assert await count(sbot, 7401, "⏰") == 0
    await sbot.restart()
    await at(sbot, bishkek(26, 8))
    assert await count(sbot, 7401, reminder(14)) == 1, "it says how long is really left"
    await sbot.restart()
    await at(sbot, bishkek(26, 20))
    assert await count(sbot, 7401, reminder(14)) == 1
    assert await count(sbot, 7401, reminder(2)) == 1


async def test_now_goes_at_23_and_a_broadcast_scheduled_for_23_goes_at_08(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7411, 7412])
    sbot.clock.set(bishkek(22, 23))
    admin = await staff(sbot)
    await to_preview(admin)
    await tap(admin, t("ru", "Send now"))
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    await expect(admin, t("ru", "Broadcast #{id} finished.").format(id=1), timeout=10)
    assert await count(sbot, 7411, KY_TEXT) == 1 and await count(sbot, 7412, RU_TEXT) == 1
    await to_preview(admin)
    await tap(admin, t("ru", "Schedule"))
    await admin.send("23.11.2026 23:00")
    moved = RU._("That is in quiet hours, so it will go at {when}.").format(
        when=RU.datetime(bishkek(24, 8))
    )
    preview = await expect(admin, moved)
    assert RU._("Scheduled for {when} (Bishkek time).").format(
        when=RU.datetime(bishkek(23, 23))) in preview["text"]  # fmt: skip
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    card = t("ru", "Broadcast #{id} is scheduled for {when} (Bishkek time).")
    await expect(admin, card.format(id=2, when=RU.datetime(bishkek(24, 8))))
    assert await rows(sbot, 2) == [("pending", bishkek(24, 8).isoformat())] * 2
    await at(sbot, bishkek(23, 23))
    assert await count(sbot, 7411, KY_TEXT) == 1
    await sbot.restart()
    await at(sbot, bishkek(24, 8))
    await sbot.restart()
    await at(sbot, bishkek(24, 9))
    assert await count(sbot, 7411, KY_TEXT) == 2 and await count(sbot, 7412, RU_TEXT) == 2


async def test_quiet_hours_can_be_set_or_turned_off(emulator, tmp_path):
    assert load_config({"MUNIBOT_QUIET_HOURS": "22:30-07:00"}).quiet_hours == (1350, 420)
    for bad in ("22-07", "25:00-08:00", "08:00-08:00"):
        with pytest.raises(ConfigError, match="MUNIBOT_QUIET_HOURS"):
            load_config({"MUNIBOT_QUIET_HOURS": bad})
    db_path = tmp_path / "loud.sqlite3"
    await seed(db_path)
    bot = BotUnderTest(emulator, db_path, ManualClock(NOW), MUNIBOT_QUIET_HOURS="off")
    await bot.start()
    try:
        await add_members(bot.services.db, bot.emulator.url, [7421])
        seminar = await make_seminar(
            bot, starts_at=LATE_START, ends_at=LATE_START + timedelta(hours=1),
            rsvp_deadline=LATE_START - timedelta(days=2),
        )  # fmt: skip
        await answer(bot, 7421, seminar.id, yes=True)
        await at(bot, bishkek(25, 22))
        assert await count(bot, 7421, reminder(24)) == 1
    finally:
        await bot.close()
