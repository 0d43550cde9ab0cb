"""A one-question poll end to end: composed in the chat, answered in a tap, changed, closed;
forged buttons and members outside the audience are refused and nothing is stored."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.polls.callbacks import PollAnswerCb
from bot.polls.service.answers import PollClosed
from tests.conftest import add_members, alert, expect, tap
from tests.polls.helpers import KY, Q_KY, Q_RU, RU, compose, send, staff

CLOSES = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 18:00 in Bishkek


async def stored(bot, sql: str = "SELECT user_id, choice FROM poll_answers") -> list[tuple]:
    return [tuple(r) for r in await bot.services.db.fetchall(sql)]


async def test_one_option_answered_changed_and_closed(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7001, 7002])
    admin = await staff(sbot)
    preview = await compose(admin)
    assert "2" in preview["text"]
    shown = [m["text"] for m in await admin.messages() if Q_KY in (m.get("text") or "")]
    assert shown and any(Q_RU in (m.get("text") or "") for m in await admin.messages())
    await send(admin, 2)

    ru = sbot.phone(7002)
    await expect(ru, Q_RU)
    await tap(ru, "Вторник")
    answered = await expect(ru, RU._("Your answer: {answer}").format(answer="Вторник"))
    assert RU._("Change answer") in [b["text"] for row in answered["buttons"] for b in row]
    await tap(ru, RU._("Change answer"))
    await tap(ru, "Понедельник")
    await expect(ru, RU._("Your answer: {answer}").format(answer="Понедельник"))
    user = await sbot.user(7002)
    assert await stored(sbot) == [(user.id, 0)], "a change replaces the answer"

    ky = sbot.phone(7001)
    await tap(ky, "Шейшемби")
    await ky.wait_for(lambda ms: any("✅" in (m.get("text") or "") for m in ms))

    sbot.clock.set(CLOSES)
    await tap(ru, RU._("Change answer"))
    said = await alert(ru)
    assert RU._("This poll closed on {when}. Answers are no longer taken.").split("{")[0] in said
    poll = await sbot.services.poll_results.count(
        (await sbot.services.poll_results.recent(900_001))[0][0]
    )
    assert poll.answered == 2 and poll.questions[0].counts == (1, 1)


async def test_forged_buttons_and_outsiders_store_nothing(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7101])
    admin = await staff(sbot)
    await compose(admin)
    await send(admin, 1)
    await add_members(sbot.services.db, sbot.emulator.url, [7102])  # approved after the send

    member = sbot.phone(7101)
    message = await expect(member, Q_KY)
    for forged in (PollAnswerCb(1, 0, "pick", 7), PollAnswerCb(1, 3, "pick", 0),
                   PollAnswerCb(99, 0, "pick", 0)):  # fmt: skip
        await member.press(message_id=message["message_id"], callback_data=forged.pack())
        assert await alert(member)
    outsider = sbot.phone(7102)
    await outsider.send("/help")
    state = await outsider.wait_state(lambda st: st["messages"])
    latest = state["messages"][-1]["message_id"]
    await outsider.press(message_id=latest, callback_data=PollAnswerCb(1, 0, "pick", 0).pack())
    refused = KY._("This poll was not sent to you, so your answer was not saved.")
    assert refused in await alert(outsider)
    assert await stored(sbot) == []
    assert PollClosed  # the refusal a closed poll raises is its own


async def test_my_data_lists_my_answers_and_erasing_keeps_only_a_count(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7501, 7502])
    admin = await staff(sbot)
    await compose(admin)
    await send(admin, 2)
    member = sbot.phone(7502)
    await tap(member, "Вторник")
    await expect(member, "✅")
    accounts = sbot.services.accounts
    mine = (await accounts.my_data(7502))["poll_answers"]
    assert [(a["poll_id"], a["answered"], a["choice"]) for a in mine] == [(1, 1, 1)]
    assert await accounts.erase(7502)
    db = sbot.services.db
    assert await db.count("SELECT COUNT(*) FROM poll_answers") == 0
    assert [tuple(r) for r in await db.fetchall("SELECT choice FROM poll_tallies")] == [(1,)]


async def test_closing_early_is_asked_once_more_then_answers_are_refused(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7201])
    admin = await staff(sbot)
    await compose(admin)
    await send(admin, 1)
    await tap(admin, "📊 " + RU._("Results"))
    await tap(admin, "⛔ " + RU._("Close now"))
    asked = RU._("Close the poll now? Nobody can answer after that, and the reminders not sent"
                 " yet are dropped. This can't be undone.")  # fmt: skip
    await expect(admin, asked)
    await tap(admin, RU._("Back"))
    member = sbot.phone(7201)
    await tap(member, "Шейшемби")
    await member.wait_for(lambda ms: any("✅" in (m.get("text") or "") for m in ms))
    await tap(admin, "⛔ " + RU._("Close now"))
    await tap(admin, "⛔ " + RU._("Close the poll"))
    closed = await admin.wait_for(
        lambda ms: [m for m in ms if (m.get("text") or "").find(RU._("Closed: {when}")[:6]) >= 0]
    )
    assert closed
    poll = (await sbot.services.poll_results.recent(900_001))[0][0]
    assert (await sbot.services.poll_results.count(poll)).answered == 1
