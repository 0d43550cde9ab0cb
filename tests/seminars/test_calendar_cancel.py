"""The calendar file: a link back into the bot, a higher SEQUENCE when the seminar moves, and a
cancelling file (METHOD:CANCEL, same UID) for everyone who had said yes."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import translator
from tests.conftest import ADMIN_ID, add_members, expect, t
from tests.seminars.cycle_helpers import events
from tests.seminars.helpers import START, drain, make_seminar, texts
from tests.seminars.test_seminars import answer, staff

RU, KY = translator("ru"), translator("ky")


async def test_a_cancelled_seminar_leaves_the_calendars_of_those_who_said_yes(sbot):
    going, silent = 7501, 7502
    await add_members(sbot.services.db, sbot.emulator.url, [going, silent])
    seminar = await make_seminar(sbot)
    await answer(sbot, going, seminar.id, yes=True)
    phone = sbot.phone(going)
    await phone.wait_state(lambda st: any(m.get("document") for m in st["messages"]))
    [(method, first)] = await events(phone)
    link = f"https://t.me/munibot_test?start=seminar_{seminar.id}"
    assert method == "PUBLISH" and str(first["url"]) == link

    sbot.clock.set(sbot.clock.now() + timedelta(hours=1))
    moved = {"starts_at": START + timedelta(days=1), "ends_at": START + timedelta(days=1, hours=7)}
    await sbot.services.seminars.update(ADMIN_ID, seminar.id, moved, None)
    await drain(sbot)
    await phone.wait_state(lambda st: sum(bool(m.get("document")) for m in st["messages"]) == 2)
    _, second = (await events(phone))[-1]
    assert second["uid"] == first["uid"] and second["sequence"] > first["sequence"]

    _, told = await sbot.services.seminars.cancel(ADMIN_ID, seminar.id)
    assert told == 2
    await drain(sbot)
    cancelled = KY._("The seminar «{title}» is cancelled. We are sorry.").format(
        title=seminar.title_ky
    )
    note = await expect(phone, cancelled)
    assert note["document"]["file_name"] == f"seminar-{seminar.id}.ics"
    method, last = (await events(phone))[-1]
    assert method == "CANCEL" and str(last["status"]) == "CANCELLED"
    assert last["uid"] == first["uid"] and last["sequence"] > second["sequence"]

    # the one who never said yes is told, without a cancelling file (they added no entry)
    silent_phone = sbot.phone(silent)
    told_silent = RU._("The seminar «{title}» is cancelled. We are sorry.").format(
        title=seminar.title_ru
    )
    assert any(told_silent in x for x in await texts(sbot, silent))
    assert [method for method, _ in await events(silent_phone)] == ["PUBLISH"], "the move's"


async def test_the_calendar_link_opens_the_invitation_for_a_member_and_the_card_for_staff(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7511, 7512])
    seminar = await make_seminar(sbot)
    await drain(sbot)
    member = sbot.phone(7512)
    await member.send(f"/start seminar_{seminar.id}")
    invitation = await expect(member, RU._("You are invited to a seminar."))
    assert seminar.title_ru in invitation["text"]
    labels = [b["text"] for row in invitation["buttons"] for b in row]
    assert "✅ " + RU._("I will attend") in labels

    admin = await staff(sbot)
    await admin.send(f"/start seminar_{seminar.id}")
    await expect(admin, t("ru", "Check-in code: {code}").format(code=seminar.checkin_code))

    # a member of no invitation, or a made-up number, is told it is not theirs
    await add_members(sbot.services.db, sbot.emulator.url, [7513])
    stranger = sbot.phone(7513, lang="ky")
    await stranger.send(f"/start seminar_{seminar.id}")
    await expect(stranger, KY._("This invitation is not for you."))
    await stranger.send("/start seminar_99999")
    await expect(stranger, KY._("This invitation is not for you."))
