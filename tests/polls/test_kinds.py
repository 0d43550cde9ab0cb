"""Each answer kind: several options ticked then Done, a number in its range (out of range
refused with the range), a short text; an anonymous poll whose tables hold no link between a
person and an answer."""

from __future__ import annotations

from tests.conftest import add_members, button_shown, expect, tap
from tests.polls.helpers import Q_RU, RU, compose, send, staff

MARKER = "ответ-маркер-4711"


async def test_several_options_ticked_then_done(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7201, 7202])
    admin = await staff(sbot)
    options = (["Ноутбук", "Принтер", "Проектор"], ["Ноутбук", "Принтер", "Проектор"])
    await compose(admin, "many", options)
    await send(admin, 2)
    member = sbot.phone(7202)
    await expect(member, Q_RU)
    await tap(member, "⬜ Ноутбук")
    await button_shown(member, "☑️ Ноутбук")
    await tap(member, "⬜ Проектор")
    await button_shown(member, "☑️ Проектор")
    await tap(member, "✅ " + RU._("Done"))
    await expect(member, RU._("Your answer: {answer}").format(answer="Ноутбук, Проектор"))
    rows = await sbot.services.db.fetchall("SELECT choice FROM poll_answers ORDER BY choice")
    assert [r[0] for r in rows] == [0, 2]


async def test_a_number_out_of_range_is_refused_with_the_range(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7211, 7212])
    admin = await staff(sbot)
    await compose(admin, "number", ranged="1-100")
    await send(admin, 2)
    member = sbot.phone(7212)
    await expect(member, Q_RU)
    await tap(member, "✍️ " + RU._("Answer"))
    await expect(member, RU._("Please type a number from {low} to {high}.").format(low=1, high=100))
    await member.send("250")
    refused = RU._("Please send a number from {low} to {high}. Nothing was saved.")
    refused = refused.format(low=1, high=100)
    await expect(member, refused)
    await member.send("много")
    await member.wait_for(lambda ms: sum(refused == m.get("text") for m in ms) >= 2)
    assert await sbot.services.db.count("SELECT COUNT(*) FROM poll_answers") == 0
    await member.send("42")
    await expect(member, RU._("Your answer: {answer}").format(answer="42"))
    row = await sbot.services.db.fetchone("SELECT number FROM poll_answers")
    assert row[0] == 42


async def test_an_anonymous_text_answer_leaves_no_link_to_its_person(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7221, 7222])
    admin = await staff(sbot)
    await compose(admin, "text", anonymous=True)
    await send(admin, 2)
    member = sbot.phone(7222)
    await expect(member, Q_RU)
    await tap(member, "✍️ " + RU._("Answer"))
    await member.send(MARKER)
    await expect(member, RU._("Your answer: {answer}").format(answer=MARKER))
    user = await sbot.user(7222)
    person = {user.id, 7222}
    db = sbot.services.db
    tables = [r[0] for r in await db.fetchall("SELECT name FROM sqlite_master WHERE type='table'")]
    holding = []
    for table in tables:
        for row in await db.fetchall(f"SELECT * FROM {table}"):  # noqa: S608
            values = [str(v) for v in tuple(row)]
            if any(MARKER in v for v in values):
                holding.append(table)
                columns = set(row.keys())
                assert not columns & {"user_id", "telegram_id", "chat_id", "answered_at"}, table
                assert not person & {v for v in tuple(row) if isinstance(v, int)} - {0, 1}, table
    assert holding == ["poll_tallies"], "the answer is kept once, with no person"
    asked = await db.fetchone("SELECT answered FROM poll_recipients WHERE user_id = ?", (user.id,))
    assert asked[0] == 1, "that they answered is kept, for the reminder"
    assert await db.count("SELECT COUNT(*) FROM poll_answers") == 0


async def test_long_options_are_listed_and_the_buttons_carry_numbers(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7231, 7232])
    admin = await staff(sbot)
    long_ru = ["Семинар по бюджету в Караколе в начале декабря", "Онлайн-встреча"]
    long_ky = ["Декабрдын башында Каракол шаарында бюджет боюнча семинар", "Онлайн жолугушуу"]
    await compose(admin, "one", (long_ky, long_ru), anonymous=True)
    await send(admin, 2)
    member = sbot.phone(7232)
    message = await expect(member, "1. " + long_ru[0])
    assert "2. " + long_ru[1] in message["text"]
    assert [b["text"] for row in message["buttons"] for b in row] == ["1", "2"]
    await tap(member, "2")
    await expect(member, RU._("Your answer: {answer}").format(answer=long_ru[1]))
    assert not [b for row in (await expect(member, "✅")).get("buttons") or [] for b in row], (
        "an anonymous answer is final: no way to change it"
    )
    rows = await sbot.services.db.fetchall("SELECT choice FROM poll_tallies")
    assert [r[0] for r in rows] == [1]
