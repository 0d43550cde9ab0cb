"""The seminar wizard refuses bad answers clearly, keeps the good ones, survives a restart,
and edits a seminar from its card."""

from __future__ import annotations

from bot.i18n import translator
from tests.conftest import ADMIN_ID, add_members, expect, tap
from tests.seminars.helpers import drain, make_seminar, texts
from tests.seminars.test_seminars import answer, staff

RU = translator("ru")


async def test_bad_answers_are_refused_and_nothing_is_lost(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7801])
    admin = await staff(sbot)
    await admin.send("/newseminar")
    await admin.send("Ж" * 201)
    too_long = RU.ngettext(
        "This answer can have at most {limit} character.",
        "This answer can have at most {limit} characters.",
        200,
    ).format(limit=200)
    await expect(admin, too_long)
    await admin.send("Бюджет")
    await admin.send("Бюджет")
    await admin.send("Д" * 2001)
    await expect(admin, RU.ngettext(
        "Your text has {length} character. Please shorten it and send it again.",
        "Your text has {length} characters. Please shorten it and send it again.",
        2001,
    ).format(length=2001))  # fmt: skip
    await tap(admin, RU._("Skip"))
    await tap(admin, RU._("Skip"))
    await admin.send("20.11.2026 10:00")
    await expect(admin, RU._("This time has already passed. Please give a time in the future."))
    await admin.send("завтра")
    await expect(admin, RU._("I couldn't read this time."))
    await sbot.restart()
    await admin.send("01.12.2026 10:00")
    await admin.send("09:00")
    await expect(admin, RU._("The end must be after the start."))
    await admin.send("16:00")
    await admin.send("02.12.2026 10:00")
    await expect(admin, RU._("The answer deadline can't be after the start."))
    await tap(admin, RU._("Until the start"))
    await admin.send("Ош")
    await admin.send("ул. Курманжан Датка, 5")
    await admin.send("991, 72")
    await expect(admin, RU._(
        "I couldn't read this place. Send a location, or coordinates like 41.93, 72.95."
    ))  # fmt: skip
    await tap(admin, RU._("Skip"))
    await tap(admin, RU._("All members"))
    for bad, error in (
        ("0", "The number of places must be at least 1."),
        ("-3", "The number of places must be at least 1."),
        ("много", "Please send a whole number, in digits only."),
    ):
        await admin.send(bad)
        await expect(admin, RU._(error))
    await admin.send("40")
    await admin.send("Бакыт, +996 700 123 456")
    await tap(admin, "✅ " + RU._("Create and send invitations"))
    await expect(admin, RU._("Places taken: {going} of {capacity}").format(going=0, capacity=40))
    seminar = (await sbot.services.seminars.listing(ADMIN_ID))[0][0]
    assert (seminar.title_ky, seminar.description_ky, seminar.capacity) == ("Бюджет", None, 40)
    assert seminar.rsvp_deadline == seminar.starts_at
    assert RU.datetime(seminar.starts_at) == RU.datetime(seminar.starts_at.replace(hour=4))


async def test_rescheduling_from_the_card_tells_those_who_answered(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7901, 7902])
    seminar = await make_seminar(sbot)
    await answer(sbot, 7901, seminar.id, yes=True)
    await answer(sbot, 7902, seminar.id, yes=False)
    admin = await staff(sbot)
    await admin.send("/seminars")
    await tap(admin, f"{RU.date(seminar.starts_at)} · {seminar.title_ru} · 1/30")
    await tap(admin, "✏️ " + RU._("Edit"))
    await tap(admin, RU._("Date and time"))
    await admin.send("26.11.2026 14:00")
    await admin.send("18:00")
    await tap(admin, RU._("Keep as it is"))
    preview = await expect(admin, RU._("Preview"))
    told = RU.ngettext(
        "{count} invited member will be told of the change.",
        "{count} invited members will be told of the change.",
        1,
    ).format(count=1)
    assert told in preview["text"]
    await tap(admin, "✅ " + RU._("Save and notify"))
    await expect(admin, RU.ngettext(
        "Saved. {count} member will be told.", "Saved. {count} members will be told.", 1
    ).format(count=1))  # fmt: skip
    await drain(sbot)
    ky = translator("ky")
    moved = ky._("The seminar has changed: {what}.").format(what=ky._("date and time"))
    assert any(moved in text for text in await texts(sbot, 7901))
    assert not any("26" in text and moved in text for text in await texts(sbot, 7902))
    updated = await sbot.services.seminars.card(ADMIN_ID, seminar.id)
    assert RU.time(updated[0].starts_at) == "14:00" and updated[0].version == 2
