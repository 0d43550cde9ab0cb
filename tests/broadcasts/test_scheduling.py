"""Scheduling a broadcast as a coordinator does it: quick picks, a typed time read back for a
yes, a refused time with an example and the picks again, the preview naming its audience, and
/broadcasts cancelling or moving a scheduled broadcast until it starts.

The bot runs on a manual clock: Sunday 22 November 2026, 12:00 in Bishkek.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.i18n import translator
from tests.broadcasts.test_broadcasts import KY_TEXT, RU_TEXT, reach
from tests.competitions.helpers import place_members
from tests.conftest import ADMIN_ID, add_members, alert, expect, t, tap
from tests.seminars.helpers import NOW

RU, KY = translator("ru"), translator("ky")
TODAY_18 = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # 18:00 in Bishkek
TOMORROW_9 = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # Monday 09:00
CHRISTMAS = datetime(2026, 12, 25, 8, 30, tzinfo=UTC)  # 14:30


def today(tr, when: datetime) -> str:
    return tr._("Today, {when}").format(when=tr.datetime(when))


def tomorrow(tr, when: datetime) -> str:
    return tr._("Tomorrow, {when}").format(when=tr.datetime(when))


def labels(message: dict) -> list[str]:
    return [b["text"] for row in message.get("buttons") or [] for b in row]


async def staff(bot, lang: str = "ru"):
    admin = bot.phone(ADMIN_ID, lang=lang, first_name="Админ")
    await admin.send("/start")
    await expect(admin, t(lang, "You are project staff. Send /help to see your commands."))
    return admin


async def to_preview(admin, lang: str = "ru", audience: str = "All members") -> dict:
    """Both texts, no attachment, all members (or a kind to pick from): the preview."""
    await admin.send("/broadcast")
    await expect(admin, t(lang, "Send the announcement in Kyrgyz. You can use bold and italics."))
    await admin.send(KY_TEXT)
    await expect(admin, t(lang, "Now send it in Russian."))
    await admin.send(RU_TEXT)
    await tap(admin, t(lang, "No attachment"))
    await expect(admin, t(lang, "Who should receive it?"))
    await tap(admin, t(lang, audience))
    if audience == "All members":
        return await expect(admin, t(lang, "Preview"))
    return await expect(admin, t(lang, "Choose one or more, then press Done."))


async def rows(bot, broadcast_id: int) -> list[tuple[str, str]]:
    found = await bot.services.db.fetchall(
        "SELECT status, not_before FROM outbox WHERE broadcast_id = ? ORDER BY id",
        (broadcast_id,),
    )
    return [(r["status"], r["not_before"]) for r in found]


async def scheduled(admin) -> None:
    """A broadcast to all members, scheduled for Christmas by typing a certain time."""
    await to_preview(admin)
    await tap(admin, t("ru", "Schedule"))
    await expect(admin, t("ru", "When should it go out?"))
    await admin.send("25.12.2026 14:30")
    when = RU.datetime(CHRISTMAS)
    await expect(admin, t("ru", "Scheduled for {when} (Bishkek time).").format(when=when))
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    card = t("ru", "Broadcast #{id} is scheduled for {when} (Bishkek time).")
    await expect(admin, card.format(id=1, when=when))


async def test_quick_picks_schedule_a_broadcast_with_one_tap(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [6001, 6002])
    admin = await staff(sbot)
    await to_preview(admin)
    await tap(admin, t("ru", "Schedule"))
    question = await expect(admin, t("ru", "When should it go out?"))
    assert labels(question) == [
        today(RU, TODAY_18), tomorrow(RU, TOMORROW_9), t("ru", "Another time"), t("ru", "Cancel")
    ], "only picks still ahead, each once: Monday 09:00 is tomorrow's"  # fmt: skip
    await tap(admin, tomorrow(RU, TOMORROW_9))
    chosen = await expect(admin, "✅ " + tomorrow(RU, TOMORROW_9))
    assert labels(chosen) == [], "the picks go once one is chosen"
    preview = await expect(admin, t("ru", "Preview"))
    when = RU.datetime(TOMORROW_9)
    assert t("ru", "Scheduled for {when} (Bishkek time).").format(when=when) in preview["text"]
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    card = t("ru", "Broadcast #{id} is scheduled for {when} (Bishkek time).")
    await expect(admin, card.format(id=1, when=when))
    assert await rows(sbot, 1) == [("pending", TOMORROW_9.isoformat(timespec="seconds"))] * 2


async def test_a_time_not_certain_is_read_back_and_a_bad_one_refused_in_kyrgyz(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [6101])
    admin = await staff(sbot, "ky")
    await to_preview(admin, "ky")
    await tap(admin, t("ky", "Schedule"))
    await expect(admin, t("ky", "When should it go out?"))
    await admin.send("01.01.2020 10:00")
    past = await expect(
        admin, t("ky", "This time has already passed. Please give a time in the future.")
    )
    assert "эртең саат 9да" in past["text"], "an example in the reader's language"
    assert today(KY, TODAY_18) in labels(past) and tomorrow(KY, TOMORROW_9) in labels(past)
    await admin.send("качандыр бир убакта")
    unread = await expect(admin, t("ky", "I couldn't read this time."))
    assert "эртең саат 9да" in unread["text"] and t("ky", "Another time") in labels(unread)
    await admin.send("эртең 9да")
    asked = await expect(admin, tomorrow(KY, TOMORROW_9) + "?")
    assert labels(asked) == [t("ky", "Yes"), t("ky", "Another time")]
    await tap(admin, t("ky", "Another time"))
    typing = await expect(admin, "эртең саат 9да, дүйшөмбү 10:00")
    assert t("ky", "When should it go out?") in typing["text"]
    await admin.send("25-декабрь саат 14")
    asked = await expect(admin, KY.datetime(CHRISTMAS.replace(minute=0), weekday=True) + "?")
    await tap(admin, t("ky", "Yes"))
    preview = await expect(admin, t("ky", "Preview"))
    when = KY.datetime(CHRISTMAS.replace(minute=0))
    assert t("ky", "Scheduled for {when} (Bishkek time).").format(when=when) in preview["text"]
    assert (await sbot.services.broadcast_wizard.current(ADMIN_ID)).step == "confirm"


async def test_a_certain_typed_time_needs_no_yes(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [6201])
    admin = await staff(sbot)
    await to_preview(admin)
    await tap(admin, t("ru", "Schedule"))
    await expect(admin, t("ru", "When should it go out?"))
    await admin.send("сегодня в 18:00")
    preview = await expect(admin, t("ru", "Preview"))
    when = RU.datetime(TODAY_18)
    assert t("ru", "Scheduled for {when} (Bishkek time).").format(when=when) in preview["text"]
    sbot.clock.set(TODAY_18)
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    assert await alert(admin) == t(
        "ru", "This time has already passed. Please give a time in the future."
    )
    again = await expect(admin, t("ru", "When should it go out?"))
    assert tomorrow(RU, TOMORROW_9) in labels(again), "the picks come back, still ahead"
    sbot.clock.set(NOW)


async def test_the_preview_names_the_audience(sbot):
    await place_members(sbot, "Beshik-Jon", [6301, 6302], ("ru",))
    await place_members(sbot, "Masy", [6303], ("ru",))
    admin = await staff(sbot)
    await to_preview(admin, audience="By municipality")
    await tap(admin, "Бешик-Джон")
    await tap(admin, "Массы")
    await tap(admin, t("ru", "Done"))
    preview = await expect(admin, t("ru", "Preview"))
    places = RU.ngettext("Municipality {names}", "Municipalities {names}", 2)
    assert reach(places.format(names="Бешик-Джон, Массы"), 3) in preview["text"]
    await tap(admin, t("ru", "Cancel"))
    await to_preview(admin, audience="By position")
    await tap(admin, t("ru", "Head of the aiyl okmotu"))
    await tap(admin, t("ru", "Done"))
    preview = await expect(admin, t("ru", "Preview"))
    assert reach(t("ru", "Head of the aiyl okmotu"), 3) in preview["text"]


async def test_a_scheduled_broadcast_is_cancelled_from_the_history_after_a_confirm(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [6401, 6402])
    admin = await staff(sbot)
    await scheduled(admin)
    await admin.send("/broadcasts")
    item = await expect(admin, reach(t("ru", "All members"), 2))
    assert labels(item) == [t("ru", "Move"), t("ru", "Cancel"), t("ru", "Recipients (CSV)")]
    await tap(admin, t("ru", "Cancel"))
    asked = await expect(admin, t("ru", "Cancel broadcast #{id}?").format(id=1))
    assert reach(t("ru", "All members"), 2) in asked["text"]
    assert t("ru", "Nobody will get it, and this can't be undone.") in asked["text"]
    await tap(admin, t("ru", "Keep it"))
    kept = await expect(admin, reach(t("ru", "All members"), 2))
    assert t("ru", "Move") in labels(kept)
    assert await sbot.services.broadcasts.counts(1) == {"pending": 2}
    await tap(admin, t("ru", "Cancel"))
    await tap(admin, t("ru", "Yes, cancel it"))
    stopped = await expect(admin, t("ru", "Broadcast #{id} stopped.").format(id=1))
    assert labels(stopped) == [t("ru", "Recipients (CSV)")]
    assert await sbot.services.broadcasts.counts(1) == {"cancelled": 2}


async def test_a_scheduled_broadcast_is_moved_with_a_pick_or_a_typed_time(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [6501, 6502])
    admin = await staff(sbot)
    await scheduled(admin)
    await admin.send("/broadcasts")
    await expect(admin, reach(t("ru", "All members"), 2))
    await tap(admin, t("ru", "Move"))
    asked = await expect(admin, t("ru", "Move broadcast #{id}").format(id=1))
    assert t("ru", "Now: {value}").format(value=RU.datetime(CHRISTMAS)) in asked["text"]
    assert labels(asked) == [
        today(RU, TODAY_18), tomorrow(RU, TOMORROW_9), t("ru", "Another time"),
        t("ru", "Keep the time"),
    ]  # fmt: skip
    await tap(admin, tomorrow(RU, TOMORROW_9))
    card = t("ru", "Broadcast #{id} is scheduled for {when} (Bishkek time).")
    await expect(admin, card.format(id=1, when=RU.datetime(TOMORROW_9)))
    assert await rows(sbot, 1) == [("pending", TOMORROW_9.isoformat(timespec="seconds"))] * 2
    await tap(admin, t("ru", "Move"))
    await expect(admin, t("ru", "Move broadcast #{id}").format(id=1))
    await admin.send("вчера")
    await expect(admin, t("ru", "I couldn't read this time."))
    await admin.send("завтра в 6 вечера")
    evening = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    await expect(admin, tomorrow(RU, evening) + "?")
    await tap(admin, t("ru", "Yes"))
    await expect(admin, card.format(id=1, when=RU.datetime(evening)))
    assert await rows(sbot, 1) == [("pending", evening.isoformat(timespec="seconds"))] * 2
    assert await sbot.services.current_flow(ADMIN_ID) is None


async def test_a_broadcast_that_started_can_no_longer_be_moved_or_cancelled(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [6601])
    admin = await staff(sbot)
    await scheduled(admin)
    await admin.send("/broadcasts")
    await expect(admin, reach(t("ru", "All members"), 1))
    sbot.clock.set(CHRISTMAS)
    await tap(admin, t("ru", "Move"))
    assert await alert(admin) == t(
        "ru", "This broadcast has already started. You can still stop what has not gone out."
    )
    redrawn = await expect(admin, reach(t("ru", "All members"), 1))
    assert t("ru", "Move") not in labels(redrawn) and t("ru", "Cancel") not in labels(redrawn)
    assert await sbot.services.current_flow(ADMIN_ID) is None
    sbot.clock.set(NOW)
