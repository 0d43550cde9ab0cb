"""Seminars end to end: the wizard, invitations in each language, RSVP, waitlist, cancelling."""

from __future__ import annotations

from icalendar import Calendar

from bot.i18n import translator
from bot.seminars.callbacks import RsvpCb, SeminarCb
from tests.conftest import ADMIN_ID, add_members, expect, t, tap
from tests.seminars.helpers import drain, forge, make_seminar, pushes, texts


async def staff(bot):
    admin = bot.phone(ADMIN_ID, lang="ru", first_name="Админ")
    await admin.send("/start")
    await expect(admin, t("ru", "You are project staff. Send /help to see your commands."))
    return admin


async def answer(bot, member: int, seminar_id: int, yes: bool):
    """Presses the button on the invitation, or (with no invitation on screen) forges one on
    the member's latest message, as a modified client could."""
    phone = bot.phone(member)
    data = RsvpCb(seminar_id=seminar_id, answer="yes" if yes else "no").pack()
    await drain(bot)
    messages = (await phone.wait_state(lambda state: state["messages"]))["messages"]
    on = [m for m in messages for row in m.get("buttons") or [] for b in row
          if b.get("callback_data") == data] or messages  # fmt: skip
    await phone.press(message_id=on[-1]["message_id"], callback_data=data)
    return (await phone.wait_callback_answer())["text"] or ""


async def test_the_wizard_creates_a_seminar_and_invites_each_member_in_their_language(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7001, 7002])
    admin = await staff(sbot)
    await admin.send("/newseminar")
    await expect(admin, t("ru", "Write the seminar's title in Kyrgyz."))
    await admin.send("Жеке сектор")
    await expect(admin, t("ru", "Now the title in Russian."))
    await admin.send("Частный сектор")
    await tap(admin, t("ru", "Skip"))
    await expect(admin, t("ru", "The description in Russian."))
    await admin.send("О работе с частным сектором.")
    await admin.send("25.11.2026 10:00")
    await expect(
        admin, t("ru", "When does it end? A time on the same day (17:00) or a date and time.")
    )
    await admin.send("17:00")
    await tap(admin, t("ru", "Until the start"))
    await expect(admin, t("ru", "In which town or village is it?"))
    await admin.send("Жалал-Абад")
    await expect(admin, t("ru", "The address: street, building, room."))
    await admin.send("ул. Ленина, 1")
    await admin.send(location=(40.9333, 73.0))
    await tap(admin, t("ru", "All members"))
    await expect(admin, t("ru", "How many places are there?"))
    await admin.send("25")
    await expect(admin, t("ru", "Who is the organiser? A name and a phone number for questions."))
    await admin.send("Айгүл, +996 555 000 111")
    await tap(admin, "✅ " + t("ru", "Create and send invitations"))
    taken = t("ru", "Places taken: {going} of {capacity}").format(going=0, capacity=25)
    await expect(admin, taken)
    await drain(sbot)
    ky_text, ru_text = await texts(sbot, 7001), await texts(sbot, 7002)
    invited_ky = translator("ky")._("You are invited to a seminar.")
    invited_ru = translator("ru")._("You are invited to a seminar.")
    assert any(invited_ky in x and "Жеке сектор" in x for x in ky_text), ky_text
    assert any(invited_ru in x and "Частный сектор" in x and "О работе" in x for x in ru_text)
    # the invitation names the weekday: Wednesday 25 November (tests/test_dates.py pins the rest)
    assert any(invited_ky in x and "шаршемби, саат 10:00–17:00" in x for x in ky_text), ky_text
    assert any(invited_ru in x and "среда, 10:00–17:00" in x for x in ru_text), ru_text
    html = [m.get("html") or "" for m in (await sbot.emulator_state(7002))["messages"]]
    assert any('href="https://www.openstreetmap.org/?mlat=40.9333' in x for x in html)


async def test_rsvp_waitlist_and_promotion(sbot):
    ids = [7101, 7102, 7103, 7104, 7105]
    await add_members(sbot.services.db, sbot.emulator.url, ids)
    seminar = await make_seminar(sbot, capacity=4)
    await drain(sbot)
    for n, member in enumerate(ids[:4]):
        await answer(sbot, member, seminar.id, yes=True)
        lang = ("ky", "ru")[n % 2]
        title = seminar.title_ky if lang == "ky" else seminar.title_ru
        invitation = await expect(sbot.phone(member), "✅ " + t(lang, "You will attend."))
        assert title in invitation["text"] and invitation["edited"]
    phone = sbot.phone(ids[0])
    messages = await phone.messages()
    document = next(m for m in messages if m.get("document"))
    assert document["document"]["file_name"] == f"seminar-{seminar.id}.ics"
    calendar = Calendar.from_ical(await phone.download(document["document"]["file_id"]))
    event = next(iter(calendar.walk("VEVENT")))
    assert event.decoded("dtstart") == seminar.starts_at
    await answer(sbot, ids[4], seminar.id, yes=True)
    waiting = t("ky", "You are on the waitlist, number {position}.").format(position=1)
    await expect(sbot.phone(ids[4]), waiting)
    await drain(sbot)
    fill = [p["params"] for p in await pushes(sbot, "seminar_fill")]
    assert len(fill) == 2 and '"percent": 80' in fill[0] and '"percent": 100' in fill[1]
    await answer(sbot, ids[1], seminar.id, yes=False)
    await drain(sbot)
    promoted = translator("ky")._("A place has opened up: you are now on the list of participants.")
    assert any(promoted in x for x in await texts(sbot, ids[4]))
    counts = (await sbot.services.seminars.card(ADMIN_ID, seminar.id))[1]
    assert counts["going"] == 4 and counts["declined"] == 1 and counts.get("waitlist", 0) == 0


async def test_rsvp_after_the_deadline_or_a_cancel_is_refused(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7201, 7202])
    seminar = await make_seminar(sbot)
    await answer(sbot, 7201, seminar.id, yes=True)
    await drain(sbot)
    sbot.clock.set(seminar.rsvp_deadline.replace(minute=1))
    refused = await answer(sbot, 7202, seminar.id, yes=True)
    closed = translator("ru")._("Answers closed on {deadline}. Please contact the organiser.")
    deadline = translator("ru").datetime(seminar.rsvp_deadline)
    assert refused == closed.format(deadline=deadline)
    _, told = await sbot.services.seminars.cancel(ADMIN_ID, seminar.id)
    assert told == 2
    await drain(sbot)
    cancelled = translator("ky")._("The seminar «{title}» is cancelled. We are sorry.")
    assert any(cancelled.format(title=seminar.title_ky) in x for x in await texts(sbot, 7201))
    refused = await answer(sbot, 7201, seminar.id, yes=False)
    assert refused == translator("ky")._("This seminar has been cancelled.")
    reminders = await pushes(sbot, "seminar_reminder", 7201)
    status = {r["dedupe_key"].split(":")[3]: r["status"] for r in reminders}
    assert status == {"24h": "sent", "2h": "cancelled"}, "what was due went; the rest never will"


async def test_a_member_pressing_staff_buttons_or_another_invitation_changes_nothing(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7301])
    seminar = await make_seminar(sbot, audience={"kind": "regions", "values": ["999"]})
    member = sbot.phone(7301)
    for action in ("cancel_yes", "qr", "roster", "edit"):
        refused = await forge(member, SeminarCb(seminar_id=seminar.id, action=action).pack())
        assert refused == translator("ky")._("This is for the seminar's organisers only.")
    refused = await answer(sbot, 7301, seminar.id, yes=True)
    assert refused == translator("ky")._("This invitation is not for you.")
    found = await sbot.services.seminars.card(ADMIN_ID, seminar.id)
    assert not found[0].cancelled and found[1]["total"] == 0


async def test_members_see_their_seminars_with_their_answer(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7401])
    first = await make_seminar(sbot)
    await make_seminar(sbot, title_ru="Бюджет", title_ky="Бюджет")
    await answer(sbot, 7401, first.id, yes=True)
    member = sbot.phone(7401)
    await member.send("/seminars")
    screen = await expect(member, translator("ky")._("Upcoming seminars"))
    assert translator("ky")._("You will attend.") in screen["text"]
    assert translator("ky")._("You haven't answered yet.") in screen["text"]


async def test_a_member_approved_after_the_invitations_is_invited_too(sbot):
    from tests.accounts.test_registration import admin_phone, register

    seminar = await make_seminar(sbot)
    admin = await admin_phone(sbot)
    member = sbot.phone(7451, lang="ru")
    await register(sbot, member, "ru")
    card = await expect(admin, t("en", "New registration"))
    await admin.press("✅ " + t("en", "Approve"), message_id=card["message_id"])
    await drain(sbot)
    invited = await expect(member, translator("ru")._("You are invited to a seminar."))
    assert seminar.title_ru in invited["text"]


async def test_an_erased_member_frees_their_place_and_changes_still_save(sbot):
    ids = [7461, 7462]
    await add_members(sbot.services.db, sbot.emulator.url, ids)
    seminar = await make_seminar(sbot, capacity=1)
    await answer(sbot, 7461, seminar.id, yes=True)
    await answer(sbot, 7462, seminar.id, yes=True)
    assert await sbot.services.accounts.erase(7461)
    counts = (await sbot.services.seminars.card(ADMIN_ID, seminar.id))[1]
    assert counts["going"] == 1 and counts["declined"] == 1 and counts.get("waitlist", 0) == 0
    _, told = await sbot.services.seminars.update(
        ADMIN_ID, seminar.id, {"address": "ул. Ош, 2"}, None
    )
    assert told == 1
    _, told = await sbot.services.seminars.cancel(ADMIN_ID, seminar.id)
    assert told == 1


async def test_late_rows_are_dropped_and_a_late_no_still_frees_a_place(sbot):
    ids = [7471, 7472, 7473]
    await add_members(sbot.services.db, sbot.emulator.url, ids)
    await sbot.phone(7473).block()
    seminar = await make_seminar(sbot, capacity=1)
    await answer(sbot, 7471, seminar.id, yes=True)
    await answer(sbot, 7472, seminar.id, yes=True)
    sbot.clock.set(seminar.rsvp_deadline.replace(minute=30))
    assert await answer(sbot, 7471, seminar.id, yes=False) == t("ky", "Saved: you won't attend.")
    await drain(sbot)
    promoted = translator("ru")._("A place has opened up: you are now on the list of participants.")
    assert any(promoted in x for x in await texts(sbot, 7472))
    sbot.clock.set(seminar.ends_at)
    await sbot.phone(7473).unblock()
    await sbot.phone(7473).send("/start")
    await drain(sbot)
    invite = await pushes(sbot, "seminar_invite", 7473)
    assert [(r["status"], r["last_error"]) for r in invite] == [("cancelled", "no longer applies")]
