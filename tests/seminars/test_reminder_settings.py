"""A seminar's reminders set by staff: in the wizard (the defaults in one tap, or a typed list
with an hour for the day ones) and later on the seminar's card (times, off, own text in each
language); each goes once at its time; a bad list is refused with the reason and changes
nothing. The bot runs on a manual clock: Sunday 22 November 2026, 12:00 in Bishkek."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.i18n import translator
from bot.seminars.callbacks import SeminarRemindersCb
from tests.conftest import ADMIN_ID, add_members, expect, tap
from tests.seminars.helpers import START, drain, forge, make_seminar, pushes, texts
from tests.seminars.test_seminars import answer, staff

RU, KY = translator("ru"), translator("ky")
STARTS = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)  # Saturday 15:00 in Bishkek


def bishkek(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour - 6, 0, tzinfo=UTC)


def starts_in(tr, days: int = 0, hours: int = 0) -> str:
    if days:
        return tr.ngettext(
            "⏰ Reminder: the seminar starts in {days} day.",
            "⏰ Reminder: the seminar starts in {days} days.",
            days,
        ).format(days=days)
    return tr.ngettext(
        "⏰ Reminder: the seminar starts in {hours} hour.",
        "⏰ Reminder: the seminar starts in {hours} hours.",
        hours,
    ).format(hours=hours)


async def count(bot, member: int, fragment: str) -> int:
    return sum(1 for text in await texts(bot, member) if fragment in text)


async def planned(bot, member: int) -> list[tuple[str, str]]:
    """The member's reminders still to go: the key's tag, and when."""
    rows = await pushes(bot, "seminar_reminder", member)
    return [(r["dedupe_key"].split(":")[3], r["not_before"]) for r in rows
            if r["status"] == "pending"]  # fmt: skip


async def at(bot, when: datetime) -> None:
    bot.clock.set(when)
    await drain(bot)


async def to_summary(admin) -> None:
    """The wizard up to its summary: a seminar on Saturday 28 November, 15:00–18:00."""
    await admin.send("/newseminar")
    await admin.send("Бюджет")
    await tap(admin, RU._("Skip: Kyrgyz only"))
    await tap(admin, RU._("Skip"))
    await tap(admin, RU._("Skip"))
    await admin.send("28.11.2026 15:00")
    await admin.send("18:00")
    await tap(admin, RU._("Until the start"))
    await admin.send("Ош")
    await admin.send("ул. Курманжан Датка, 5")
    await tap(admin, RU._("Skip"))
    await tap(admin, RU._("All members"))
    await admin.send("30")
    await admin.send("Бакыт, +996 700 123 456")
    await expect(admin, RU._("Tap a part to change it."))


async def test_the_wizard_takes_a_typed_list_with_an_hour_and_refuses_bad_ones(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7701])
    admin = await staff(sbot)
    await to_summary(admin)
    summary = await expect(admin, RU._("Tap a part to change it."))
    default = RU._("{times} before the start").format(times="24 часа, 2 часа")
    assert f"{RU._('Reminders')}: {default}" in summary["text"]
    await tap(admin, "✏️ " + RU._("Reminders"))
    step = await expect(admin, RU._("Reminders go to those who will attend."))
    assert RU._("Quiet hours {start}–{end}: a reminder due then goes at {end}.").format(
        start="21:00", end="08:00") in step["text"]  # fmt: skip
    for bad, code, info in (
        ("1д 24ч", "reminders_same", {"first": "1d", "second": "24h"}),
        ("2ч 0ч", "reminder_not_before", {"token": "0ч"}),
        ("3д 25:00", "reminder_hour", {}),
        ("скоро", "reminders_unreadable", {"token": "скоро"}),
    ):
        await admin.send(bad)
        await expect(admin, refusal_text(RU, Refusal(code, **info)))
    assert "«1 день» и «24 часа»" in refusal_text(RU, Refusal("reminders_same", first="1d",
                                                              second="24h"))  # fmt: skip
    await admin.send("3д 1д 2ч 10:00")
    summary = await expect(admin, RU._("Tap a part to change it."))
    chosen = RU._("{times} before the start").format(times="3 дня, 1 день, 2 часа")
    assert chosen in summary["text"]
    assert RU._("reminders in days go at {time}").format(time="10:00") in summary["text"]
    await tap(admin, "✅ " + RU._("Create and send invitations"))
    await expect(admin, RU._("Check-in code: {code}").split(":")[0])
    seminar = (await sbot.services.seminars.listing(ADMIN_ID))[0][0]
    assert seminar.starts_at == STARTS
    await answer(sbot, 7701, seminar.id, yes=True)
    assert await planned(sbot, 7701) == [
        ("3d@10", bishkek(25, 10).isoformat()),
        ("1d@10", bishkek(27, 10).isoformat()),
        ("2h", bishkek(28, 13).isoformat()),
    ]
    await at(sbot, bishkek(25, 10) - timedelta(minutes=1))
    assert await count(sbot, 7701, "⏰") == 0
    await at(sbot, bishkek(25, 10))
    assert await count(sbot, 7701, starts_in(KY, days=3)) == 1
    await sbot.restart()
    await at(sbot, bishkek(27, 10))
    assert await count(sbot, 7701, starts_in(KY, hours=29)) == 1
    await at(sbot, bishkek(28, 13))
    assert await count(sbot, 7701, starts_in(KY, hours=2)) == 1
    assert await count(sbot, 7701, "⏰") == 3, "each once, none of the defaults"


async def test_the_defaults_come_back_in_one_tap_and_none_means_none(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7711])
    admin = await staff(sbot)
    await to_summary(admin)
    await tap(admin, "✏️ " + RU._("Reminders"))
    await admin.send("5д")
    await expect(admin, RU._("{times} before the start").format(times="5 дней"))
    await tap(admin, "✏️ " + RU._("Reminders"))
    await tap(admin, "✅ " + RU._("Default reminders"))
    await expect(admin, RU._("{times} before the start").format(times="24 часа, 2 часа"))
    await tap(admin, "✏️ " + RU._("Reminders"))
    await tap(admin, "🔕 " + RU._("No reminders"))
    summary = await expect(admin, RU._("Tap a part to change it."))
    assert f"{RU._('Reminders')}: {RU._('no reminders')}" in summary["text"]
    await tap(admin, "✅ " + RU._("Create and send invitations"))
    await expect(admin, RU._("Check-in code: {code}").split(":")[0])
    seminar = (await sbot.services.seminars.listing(ADMIN_ID))[0][0]
    await answer(sbot, 7711, seminar.id, yes=True)
    assert await planned(sbot, 7711) == []


async def test_the_card_changes_times_and_text_and_nothing_goes_twice(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7721, 7722])  # ky, ru
    seminar = await make_seminar(sbot)  # Wednesday 25 November, 10:00
    for member in (7721, 7722):
        await answer(sbot, member, seminar.id, yes=True)
    admin = await staff(sbot)
    await admin.send("/seminars")
    await tap(admin, f"{RU.date(seminar.starts_at)} · {seminar.title_ru} · 2/30")
    await tap(admin, "⏰ " + RU._("Reminders"))
    await tap(admin, "⏰ " + RU._("Change times"))
    await admin.send("2д 0ч")
    await expect(admin, refusal_text(RU, Refusal("reminder_not_before", token="0ч")))
    await admin.send("2д 5ч")
    card = await expect(admin, RU._("{times} before the start").format(times="2 дня, 5 часов"))
    assert "✅ " + RU._("Saved.") in await texts(sbot, ADMIN_ID)
    assert card["text"].startswith("⏰ " + RU._("Reminders"))
    await tap(admin, "✍️ " + RU._("Own text in Kyrgyz"))
    await expect(admin, RU._("Write the reminder's text in Kyrgyz."))
    await admin.send("Семинарга келиңиз, биз күтөбүз!")
    await tap(admin, "✍️ " + RU._("Own text in Russian"))
    await admin.send("Ждём вас на семинаре!")
    await expect(admin, "Ждём вас на семинаре!")
    # 5 hours before 10:00 is 05:00, in quiet hours: it goes at 08:00
    assert await planned(sbot, 7721) == [
        ("2d", bishkek(23, 10).isoformat()),
        ("5h", bishkek(25, 8).isoformat()),
    ]
    await at(sbot, bishkek(23, 10))
    assert await count(sbot, 7721, "⏰ Семинарга келиңиз, биз күтөбүз!") == 1
    assert await count(sbot, 7722, "⏰ Ждём вас на семинаре!") == 1
    ru_reminder = [x for x in await texts(sbot, 7722) if "Ждём вас" in x][0]
    assert seminar.title_ru in ru_reminder, "the title, time and place follow the own text"
    await tap(admin, "⏰ " + RU._("Change times"))
    await admin.send("2д 24ч")
    await expect(admin, RU._("{times} before the start").format(times="2 дня, 24 часа"))
    await sbot.restart()
    await at(sbot, START - timedelta(hours=24))
    await at(sbot, START - timedelta(minutes=1))
    for member, text in ((7721, "Семинарга келиңиз"), (7722, "Ждём вас")):
        assert await count(sbot, member, text) == 2, "2 days once, 24 hours once, no 5 hours"
    log = await sbot.services.db.fetchall(
        "SELECT detail FROM audit_log WHERE action = 'reminders_set' ORDER BY id"
    )
    assert [r["detail"] for r in log] == ["2d 5h", "2d 5h", "2d 5h", "2d 24h"]


async def test_turned_off_on_the_card_drops_what_was_planned(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7731])
    seminar = await make_seminar(sbot)
    await answer(sbot, 7731, seminar.id, yes=True)
    assert [tag for tag, _ in await planned(sbot, 7731)] == ["24h", "2h"]
    forged = SeminarRemindersCb(seminar_id=seminar.id, action="off").pack()
    assert await forge(sbot.phone(7731), forged) == KY._(
        "This is for the seminar's organisers only."
    )
    assert [tag for tag, _ in await planned(sbot, 7731)] == ["24h", "2h"], "a member can't"
    admin = await staff(sbot)
    await admin.send("/seminars")
    await tap(admin, f"{RU.date(seminar.starts_at)} · {seminar.title_ru} · 1/30")
    await tap(admin, "⏰ " + RU._("Reminders"))
    await tap(admin, "🔕 " + RU._("Turn reminders off"))
    await expect(admin, RU._("no reminders"))
    assert await planned(sbot, 7731) == []
    await tap(admin, "🔔 " + RU._("Turn reminders on"))
    await expect(admin, RU._("{times} before the start").format(times="24 часа, 2 часа"))
    assert [tag for tag, _ in await planned(sbot, 7731)] == ["24h", "2h"]
    await tap(admin, "« " + RU._("Back"))
    await expect(admin, RU._("Check-in code: {code}").split(":")[0])
