"""Reminders reach only those who have not answered; the card counts by group; the chart PNG
and the spreadsheet's native chart exist; the results go back to those asked."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from openpyxl import load_workbook

from bot.i18n import translator
from bot.polls.views import staff as staff_views
from tests.conftest import add_members, alert, expect, tap
from tests.polls.helpers import Q_RU, RU, compose, send, staff
from tests.seminars.helpers import drain, texts

REMIND_AT = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # 24 hours before 25.11 18:00 Bishkek
REMINDER = "A reminder: you have not answered yet."


async def test_the_reminder_goes_once_and_only_to_those_who_have_not_answered(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7301, 7302])
    admin = await staff(sbot)
    await compose(admin, remind=24)
    await send(admin, 2)
    answered = sbot.phone(7302)
    await expect(answered, Q_RU)
    await tap(answered, "Вторник")
    await expect(answered, "✅")
    await sbot.restart()  # the reminder is planned in the database
    sbot.clock.set(REMIND_AT + timedelta(minutes=1))
    await drain(sbot)
    sbot.clock.set(REMIND_AT + timedelta(hours=2))
    await drain(sbot)
    rows = await sbot.services.db.fetchall(
        "SELECT chat_id, status FROM outbox WHERE template = 'poll_remind' ORDER BY chat_id"
    )
    assert [tuple(r) for r in rows] == [(7301, "sent"), (7302, "cancelled")]
    ky = translator("ky")._(REMINDER)
    assert len([t for t in await texts(sbot, 7301) if ky in t]) == 1, "once"
    assert not [t for t in await texts(sbot, 7302) if RU._(REMINDER) in t]


async def test_card_chart_spreadsheet_and_shared_results(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7311, 7312, 7313])
    admin = await staff(sbot)
    await compose(admin)
    await send(admin, 3)
    for member, choice in ((7312, "Вторник"), (7311, "Шейшемби")):
        phone = sbot.phone(member)
        await tap(phone, choice)
        await expect(phone, "✅")
    await tap(admin, "📊 " + RU._("Results"))
    card = await expect(admin, RU._("Answered: {answered} of {total}").format(answered=2, total=3))
    assert RU._("By region") in card["text"] and "Вторник: 2 (100%)" in card["text"]
    await tap(admin, "📈 " + RU._("Chart"), timeout=10)
    photos = await admin.wait_for(lambda ms: [m for m in ms if m.get("photo")], timeout=60)
    assert photos
    await tap(admin, "📄 " + RU._("Spreadsheet"))
    state = await admin.wait_state(lambda st: [m for m in st["messages"] if m.get("document")])
    document = [m for m in state["messages"] if m.get("document")][-1]["document"]
    book = load_workbook(io.BytesIO(await admin.download(document["file_id"])))
    assert book.worksheets[0]._charts, "a native chart beside the table"
    assert book.worksheets[1].max_row == 3, "who answered what, for a named poll"
    await tap(admin, "📣 " + RU._("Share the results"))
    asked = RU.ngettext("Send the results to the {count} person asked?",
                        "Send the results to the {count} people asked?", 3)  # fmt: skip
    await expect(admin, asked.format(count=3))
    await tap(admin, "📣 " + RU._("Share the results"))
    on_way = RU.ngettext("The results are on their way to {count} person.",
                         "The results are on their way to {count} people.", 3)  # fmt: skip
    assert await alert(admin) == on_way.format(count=3)
    await drain(sbot)
    shared = [t for t in await texts(sbot, 7313) if "Шейшемби: 2 (100%)" in t]
    assert shared, "those asked get what others said"


async def test_a_poll_scheduled_for_later_goes_at_its_time(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7321, 7322])
    admin = await staff(sbot)
    await compose(admin)
    await tap(admin, RU._("Schedule"))
    await expect(admin, RU._("When should it go out?"))
    await admin.send("26.11 10:00")
    refused = RU._(
        "The poll would go after it closes. Please choose an earlier time, or a later close."
    )
    await expect(admin, refused)
    await admin.send("23.11 10:00")
    preview = await expect(admin, RU._("Scheduled for {when} (Bishkek time).").split("{")[0])
    assert "23" in preview["text"]
    await send(admin, 2)
    await drain(sbot)
    assert not [t for t in await texts(sbot, 7322) if Q_RU in t]
    sbot.clock.set(datetime(2026, 11, 23, 4, 1, tzinfo=UTC))
    await drain(sbot)
    assert [t for t in await texts(sbot, 7322) if Q_RU in t]


async def test_close_now_drops_the_reminders_and_refuses_later_answers(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7331, 7332])
    admin = await staff(sbot)
    await compose(admin, remind=24)
    await send(admin, 2)
    await tap(admin, "📊 " + RU._("Results"))
    await tap(admin, "⛔ " + RU._("Close now"))
    await tap(admin, "⛔ " + RU._("Close the poll"))
    await expect(admin, RU._("Closed: {when}").split("{")[0])
    rows = await sbot.services.db.fetchall(
        "SELECT status FROM outbox WHERE template = 'poll_remind'"
    )
    assert {r[0] for r in rows} == {"cancelled"}
    member = sbot.phone(7332)
    await tap(member, "Вторник")
    assert RU._("This poll closed on {when}. Answers are no longer taken.").split("{")[0] in (
        await alert(member)
    )
    assert await sbot.services.db.count("SELECT COUNT(*) FROM poll_answers") == 0


async def test_a_coordinator_limited_to_a_region_sees_only_that_regions_answers(sbot):
    from tests.programmes import coordinator_of

    db = sbot.services.db
    await add_members(db, sbot.emulator.url, [7321, 7322])
    await add_members(db, sbot.emulator.url, [7323], region="osh")
    admin = await staff(sbot)
    await compose(admin)
    await send(admin, 3)
    for member, choice in ((7321, "Шейшемби"), (7322, "Вторник"), (7323, "Дүйшөмбү")):
        phone = sbot.phone(member)
        await tap(phone, choice)
        await expect(phone, "✅")
    osh = await db.fetchone("SELECT id FROM regions WHERE code = 'osh'")
    await coordinator_of(sbot, 9401, 1, [osh[0]])
    poll = (await sbot.services.poll_results.recent(9401))[0][0]
    everyone = await sbot.services.poll_results.results(900_001, poll.id)
    assert (everyone.answered, everyone.poll.total, everyone.regions) == (3, 3, ())
    mine = await sbot.services.poll_results.results(9401, poll.id)
    assert (mine.answered, mine.poll.total, mine.regions) == (1, 1, (osh[0],))
    assert mine.questions[0].counts == (1, 0), "only the Osh member's Monday"
    assert [g.key for g in mine.questions[0].groups["region"]] == [osh[0]]
    named = await sbot.services.poll_results.who(9401, poll.id)
    assert [r["full_name"] for r in named] == ["Member 7323"]
    card = staff_views.card(RU, mine).text
    assert RU._("Answered: {answered} of {total}").format(answered=1, total=1) in card
    assert staff_views.limited(RU) in card
