"""A competition's reminders set by staff: in the wizard (a typed list with an hour, the
defaults back in one tap) and on its card (times and own text in each language, quiet hours);
each goes once at its time, only to entrants that have not sent, across restarts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.i18n import translator
from tests.competitions.helpers import DEADLINE, OPENS, make_competition, place_members
from tests.competitions.test_staff import open_card, press_containing
from tests.conftest import ADMIN_ID, expect, tap
from tests.seminars.helpers import drain, pushes, texts
from tests.seminars.test_seminars import staff

RU, KY = translator("ru"), translator("ky")


def bishkek(day: int, hour: int) -> datetime:
    return datetime(2026, 12, day, hour - 6, 0, tzinfo=UTC)


async def planned(bot, member: int) -> list[tuple[str, str]]:
    """The member's reminders still to go: the key's tag, and when."""
    rows = await pushes(bot, "competition_reminder", member)
    return [(r["dedupe_key"].split(":")[4], r["not_before"]) for r in rows
            if r["status"] == "pending"]  # fmt: skip


async def reminders(bot, member: int) -> list[str]:
    return [x for x in await texts(bot, member) if x.startswith("⏰")]


async def at(bot, when: datetime) -> None:
    bot.clock.set(when)
    await drain(bot)


def before_deadline(times: str) -> str:
    return RU._("{times} before the deadline").format(times=times)


async def to_summary(admin) -> None:
    await admin.send("/newcompetition")
    await admin.send("Таза айыл")
    await tap(admin, RU._("Skip: Kyrgyz only"))
    for _ in range(6):
        await tap(admin, RU._("Skip"))
    await admin.send("ic")
    await tap(admin, RU._("Municipalities"))
    await tap(admin, RU._("By municipality"))
    await tap(admin, "Бешик-Джон")
    await tap(admin, RU._("Done"))
    await admin.send("23.11.2026 10:00")
    await admin.send("10.12.2026 18:00")
    await tap(admin, RU.ngettext("{count} file", "{count} files", 10).format(count=10))
    await tap(admin, RU._("Yes"))
    await expect(admin, RU._("Tap a part to change it."))


async def test_the_wizard_sets_them_and_gives_the_defaults_back_in_one_tap(sbot):
    await place_members(sbot, "Beshik-Jon", [8801], ("ky",))
    admin = await staff(sbot)
    await to_summary(admin)
    summary = await expect(admin, RU._("Tap a part to change it."))
    assert before_deadline("7 дней, 3 дня, 1 день, 3 часа") in summary["text"]
    await tap(admin, "✏️ " + RU._("Reminders"))
    await expect(admin, RU._("Reminders go to entrants that have not sent their submission yet."))
    await admin.send("7д 7д")
    await expect(admin, refusal_text(RU, Refusal("reminders_same", first="7d", second="7d")))
    await admin.send("8д 1д 10:00")
    await expect(admin, before_deadline("8 дней, 1 день"))
    await tap(admin, "✏️ " + RU._("Reminders"))
    await tap(admin, "✅ " + RU._("Default reminders"))
    await expect(admin, before_deadline("7 дней, 3 дня, 1 день, 3 часа"))
    await tap(admin, "✏️ " + RU._("Reminders"))
    await admin.send("5д 1д 2ч 9:00")
    summary = await expect(admin, before_deadline("5 дней, 1 день, 2 часа"))
    assert RU._("reminders in days go at {time}").format(time="09:00") in summary["text"]
    await tap(admin, "✅ " + RU._("Create the competition"))
    await expect(admin, "✅")
    assert await planned(sbot, 8801) == [
        ("5d@9", bishkek(5, 9).isoformat()),
        ("1d@9", bishkek(9, 9).isoformat()),
        ("2h", bishkek(10, 16).isoformat()),
    ]
    await at(sbot, bishkek(5, 9))
    assert len(await reminders(sbot, 8801)) == 1
    await sbot.restart()
    await at(sbot, bishkek(9, 9))
    await at(sbot, bishkek(10, 16))
    await sbot.restart()
    await at(sbot, bishkek(10, 17))
    found = await reminders(sbot, 8801)
    assert len(found) == 3, "each once, none of the defaults"
    deadline = KY._("The deadline is {date}.").format(date=KY.datetime(DEADLINE, weekday=True))
    assert all(deadline in x for x in found)


async def test_the_card_sets_times_and_own_text_for_each_language(sbot):
    await place_members(sbot, "Beshik-Jon", [8811, 8812], ("ky", "ru"))
    masy = await place_members(sbot, "Masy", [8813], ("ru",))
    competition = await make_competition(sbot)
    admin = sbot.phone(ADMIN_ID, lang="ru", first_name="Admin")
    await open_card(sbot, admin)
    await press_containing(admin, RU._("Reminders"))
    await expect(admin, before_deadline("7 дней, 3 дня, 1 день, 3 часа"))
    await press_containing(admin, RU._("Change times"))
    await admin.send("3д 25:00")
    await expect(admin, refusal_text(RU, Refusal("reminder_hour")))
    await admin.send("3д 20ч")
    await expect(admin, before_deadline("3 дня, 20 часов"))
    await press_containing(admin, RU._("Own text in Kyrgyz"))
    await admin.send("Табыштамаңызды унутпаңыз!")
    await press_containing(admin, RU._("Own text in Russian"))
    await admin.send("Не забудьте отправить заявку!")
    await expect(admin, "Не забудьте отправить заявку!")
    # 20 hours before 18:00 is 22:00, in quiet hours: it goes at 08:00 on the deadline's day
    assert await planned(sbot, 8811) == [
        ("3d", bishkek(7, 18).isoformat()),
        ("20h", bishkek(10, 8).isoformat()),
    ]
    await at(sbot, OPENS + timedelta(minutes=1))
    await sbot.services.submissions.submit(
        8813, competition.id, masy, "Мы провели сходы в каждом айыле.", 300, [], None
    )
    await at(sbot, bishkek(7, 18))
    ky, ru = await reminders(sbot, 8811), await reminders(sbot, 8812)
    assert len(ky) == len(ru) == 1
    assert ky[0].startswith("⏰ Табыштамаңызды унутпаңыз!")
    assert ru[0].startswith("⏰ Не забудьте отправить заявку!")
    assert RU._("The deadline is {date}.").format(date=RU.datetime(DEADLINE, weekday=True)) in ru[0]
    await at(sbot, bishkek(9, 22))
    assert len(await reminders(sbot, 8811)) == 1, "nothing in quiet hours"
    await sbot.restart()
    await at(sbot, bishkek(10, 8))
    await sbot.restart()
    await at(sbot, bishkek(10, 17))
    assert [len(await reminders(sbot, m)) for m in (8811, 8812, 8813)] == [2, 2, 0]
