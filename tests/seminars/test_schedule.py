"""Seminar times: reminders (once, across restarts, after a move), check-in and the survey."""

from __future__ import annotations

from datetime import timedelta

from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.i18n import translator
from bot.seminars.service.attendance import MAX_COMMENT, WRONG_CODES
from tests.conftest import ADMIN_ID, add_members, button_shown, expect, tap
from tests.seminars.helpers import END, START, drain, make_seminar, texts
from tests.seminars.test_seminars import answer, staff

KY = translator("ky")


def reminder(hours: int) -> str:
    return KY.ngettext(
        "⏰ Reminder: the seminar starts in {hours} hour.",
        "⏰ Reminder: the seminar starts in {hours} hours.",
        hours,
    ).format(hours=hours)


async def count(bot, member: int, fragment: str) -> int:
    return sum(1 for text in await texts(bot, member) if fragment in text)


async def at(bot, when) -> None:
    bot.clock.set(when)
    await drain(bot)


async def test_reminders_go_once_at_their_times_across_restarts_and_a_move(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7501])
    seminar = await make_seminar(sbot)
    await answer(sbot, 7501, seminar.id, yes=True)
    await at(sbot, START - timedelta(hours=24, minutes=1))
    assert await count(sbot, 7501, reminder(24)) == 0
    await sbot.restart()
    await at(sbot, START - timedelta(hours=23, minutes=59))
    assert await count(sbot, 7501, reminder(24)) == 1
    reminded = [x for x in await texts(sbot, 7501) if reminder(24) in x]
    assert "шаршемби, саат 10:00–17:00" in reminded[0], "the reminder names the weekday"
    await sbot.restart()
    await at(sbot, START - timedelta(hours=23))
    assert await count(sbot, 7501, reminder(24)) == 1
    later = timedelta(days=2)
    changes = {"starts_at": START + later, "ends_at": END + later}
    _, told = await sbot.services.seminars.update(ADMIN_ID, seminar.id, changes, None)
    assert told == 1
    await drain(sbot)
    moved = KY._("The seminar has changed: {what}.").format(what=KY._("date and time"))
    assert await count(sbot, 7501, moved) == 1
    await at(sbot, START - timedelta(hours=1, minutes=59))
    assert await count(sbot, 7501, reminder(2)) == 0, "the old time's reminder was dropped"
    await sbot.restart()
    await at(sbot, START + later - timedelta(hours=23, minutes=59))
    assert await count(sbot, 7501, reminder(24)) == 2
    await at(sbot, START + later - timedelta(hours=1, minutes=59))
    assert await count(sbot, 7501, reminder(2)) == 1


async def test_declining_drops_the_reminders(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7511])
    seminar = await make_seminar(sbot)
    await answer(sbot, 7511, seminar.id, yes=True)
    await answer(sbot, 7511, seminar.id, yes=False)
    await at(sbot, START - timedelta(hours=1))
    assert await count(sbot, 7511, reminder(24)) == 0
    assert await count(sbot, 7511, reminder(2)) == 0


async def test_check_in_by_link_and_code_then_the_survey(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7601, 7602])
    await add_members(sbot.services.db, sbot.emulator.url, [7603], region="osh")
    region = await sbot.services.db.fetchone("SELECT id FROM regions WHERE code = 'jalal-abad'")
    seminar = await make_seminar(sbot, audience={"kind": "regions", "values": [str(region[0])]})
    code = seminar.checkin_code
    early = sbot.phone(7601)
    await early.send(code)
    opens = KY.datetime(START - timedelta(hours=1))
    await expect(early, KY._("Check-in opens at {time}.").format(time=opens))
    sbot.clock.set(START + timedelta(minutes=10))
    await early.send(f"/start checkin_{code}")
    title = seminar.title_ky
    welcome = KY._("Welcome! You are checked in at «{title}».").format(title=title)
    await expect(early, welcome)
    await early.send(code)
    await expect(early, KY._("You are already checked in at «{title}».").format(title=title))
    walk_in = sbot.phone(7602)
    await walk_in.send("000000")
    ru = translator("ru")
    await expect(walk_in, ru._("There is no seminar with this code. Please check the digits."))
    await walk_in.send(f"/checkin {code}")
    await expect(walk_in, ru._("Welcome! You are checked in at «{title}».").format(
        title=seminar.title_ru))  # fmt: skip
    outsider = sbot.phone(7603)
    await outsider.send(code)
    other = "This code is for a seminar you are not invited to. Please ask the organiser."
    await expect(outsider, KY._(other))
    await at(sbot, END + timedelta(minutes=1))
    survey = KY._(
        "Thank you for coming to «{title}». How useful was it? 1 is poor, 5 is excellent."
    ).format(title=title)
    await expect(early, survey)
    await tap(early, "4")
    await expect(early, KY._("Thank you! Your rating: {rating} of 5.").format(rating=4))
    await early.send("ы" * (MAX_COMMENT + 1))
    await expect(early, refusal_text(KY, Refusal(
        "field_too_long", limit=MAX_COMMENT, length=MAX_COMMENT + 1)))  # fmt: skip
    await early.send("Абдан пайдалуу болду")
    await expect(early, KY._("Thank you! Your comment is saved."))
    await tap(walk_in, "5")
    await tap(walk_in, ru._("No comment"))
    found = await sbot.services.attendance.feedback(ADMIN_ID, seminar.id)
    assert sorted(found.ratings) == [4, 5] and found.average == 4.5
    assert found.comments == ["Абдан пайдалуу болду"]
    sbot.clock.set(END + timedelta(hours=2))
    await early.send(code)
    await expect(early, KY._("Check-in for this seminar is closed: it has ended."))


async def test_wrong_check_in_codes_run_out_for_ten_minutes(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7611])
    seminar = await make_seminar(sbot)
    sbot.clock.set(START + timedelta(minutes=10))
    guesser = sbot.phone(7611)
    wrong = KY._("There is no seminar with this code. Please check the digits.")
    for n in range(WRONG_CODES):
        await guesser.send(f"{n:06d}")
        await expect(guesser, wrong)
    wait = KY._(
        "Too many wrong codes. Please try again after {time}, or ask the organiser to mark you."
    ).format(time=KY.time(START + timedelta(minutes=20)))
    await guesser.send(seminar.checkin_code)
    await expect(guesser, wait)
    assert not (await sbot.services.attendance.roster(ADMIN_ID, seminar.id))[1], "not let in"
    sbot.clock.set(START + timedelta(minutes=20, seconds=1))
    await guesser.send(seminar.checkin_code)
    await expect(guesser, KY._("Welcome! You are checked in at «{title}».").format(
        title=seminar.title_ky))  # fmt: skip


async def test_staff_mark_attendance_by_hand(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7701, 7702])
    seminar = await make_seminar(sbot)
    await answer(sbot, 7701, seminar.id, yes=True)
    await answer(sbot, 7702, seminar.id, yes=True)
    sbot.clock.set(START + timedelta(minutes=30))
    admin = await staff(sbot)
    await admin.send("/seminars")
    ru = translator("ru")
    await tap(admin, f"{ru.date(START)} · {seminar.title_ru} · 2/30")
    await tap(admin, "✅ " + ru._("Attendance"))
    await tap(admin, "⬜ Member 7702")
    await tap(admin, "✅ Member 7702")
    await tap(admin, "⬜ Member 7702")
    await button_shown(admin, "✅ Member 7702")
    counts = (await sbot.services.seminars.card(ADMIN_ID, seminar.id))[1]
    assert counts["attended"] == 1
    await tap(admin, "« " + ru._("Back"))
    await expect(admin, ru._("Attended: {attended}").format(attended=1))
