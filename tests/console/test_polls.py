"""Polls in the console over real HTTP: staff ask in the chat, members answer with a tap, and
the coordinator reads the same counts in Chromium as on the chat's card, downloads the chat's
spreadsheet and closes the poll after a second question. Also the guards: another programme's
coordinator, a poll that does not exist, a form without its check, a second share."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from tests.conftest import add_members, expect, tap
from tests.console.helpers import csrf_of, link_from_the_bot, shots, signed_in
from tests.polls.helpers import Q_RU, RU, compose, send, staff
from tests.programmes import coordinator_of, two_programmes
from tests.sandbox.test_webchat_browser import ARGS, CHROMIUM, require_browser

MEMBERS = {7401: "Шейшемби", 7402: "Вторник", 7403: "Шейшемби", 7404: "Понедельник"}
"""Each in their own language (ky, ru, ky, ru): Tuesday three times, Monday once."""


async def answered_in_the_chat(bot, remind: int = 0) -> tuple[object, str]:
    """Five asked in two regions, four answer; (the staff phone, the chat card's text)."""
    await add_members(bot.services.db, bot.emulator.url, [7401, 7402, 7405])
    await add_members(bot.services.db, bot.emulator.url, [7403, 7404], region="issyk-kul")
    admin = await staff(bot)
    await compose(admin, remind=remind)
    await send(admin, 5)
    for member, choice in MEMBERS.items():
        phone = bot.phone(member)
        await tap(phone, choice)
        await expect(phone, "✅")
    await tap(admin, "📊 " + RU._("Results"))
    card = await expect(admin, RU._("Answered: {answered} of {total}").format(answered=4, total=5))
    return admin, card["text"]


def counts_on_the_card(text: str) -> dict[str, str]:
    """ "Вторник: 2 (50%)" lines of the chat's card, option by option."""
    return dict(re.findall(r"^(Понедельник|Вторник): (\d+ \(\d+%\))$", text, re.M))


async def test_the_console_shows_the_chat_cards_counts_and_closes_after_asking(cbot, tmp_path):
    require_browser()
    from playwright.async_api import async_playwright

    _, card = await answered_in_the_chat(cbot, remind=24)
    on_card = counts_on_the_card(card)
    assert on_card == {"Понедельник": "1 (25%)", "Вторник": "3 (75%)"}
    folder = shots(tmp_path)
    link = await link_from_the_bot(cbot)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = await browser.new_page(viewport={"width": 1366, "height": 768})
        try:
            await page.goto(link)
            await page.click("#sign-in")
            await page.select_option("select[name=lang]", "ru")
            await page.locator("header form.inline button[type=submit]").first.click()
            await page.click(f"nav >> text={RU._('Polls')}")
            assert "4" in await page.inner_text("#polls tr[data-poll='1']")
            await page.click("#polls a")
            answered = RU._("Answered: {answered} of {total}").format(answered=4, total=5)
            assert await page.inner_text("#answered") == answered
            rows = await page.locator("#q1 table.poll-options tbody tr").all_inner_texts()
            shown = {r.split("\t")[0]: " ".join(r.split("\t")[1].split()) for r in rows}
            assert shown == on_card, "the same figures as the chat's card"
            assert Q_RU in await page.inner_text("#q1 h2")
            regions = await page.inner_text("#q1 table[data-group=region]")
            assert "Иссык-Кульская область" in regions and "Джалал-Абадская область" in regions
            assert await page.locator(".charts img").count() == 2, "answers, and by region"
            assert "Member 7404" in await page.inner_text("#who"), "a named poll lists who"
            await page.screenshot(path=str(folder / "console-poll-1366.png"), full_page=True)
            await page.set_viewport_size({"width": 390, "height": 844})
            await page.screenshot(path=str(folder / "console-poll-390.png"), full_page=True)
            await page.set_viewport_size({"width": 1366, "height": 768})

            await page.click("#close")
            await page.wait_for_url("**/polls/1/close")
            await page.set_viewport_size({"width": 390, "height": 844})
            await page.screenshot(path=str(folder / "console-poll-close-390.png"), full_page=True)
            assert answered in await page.inner_text("#answered"), "the consequence in numbers"
            assert await cbot.services.db.count("SELECT COUNT(*) FROM polls "
                                               "WHERE closed_at IS NOT NULL") == 0  # fmt: skip
            await page.click("#confirm")
            await page.wait_for_url("**/polls/1")
            assert await page.locator("#close").count() == 0
            assert RU._("Closed: {when}").split("{")[0] in await page.inner_text(".poll-head")
        finally:
            await browser.close()
    db = cbot.services.db
    assert await db.count("SELECT COUNT(*) FROM polls WHERE closed_at IS NOT NULL") == 1
    reminders = await db.fetchall("SELECT status FROM outbox WHERE template = 'poll_remind'")
    assert {r[0] for r in reminders} == {"cancelled"}, "the chat's Close: reminders dropped"
    assert await db.count("SELECT COUNT(*) FROM audit_log WHERE action = 'poll_closed'") == 1


async def test_the_guards_and_the_file(cbot):
    await answered_in_the_chat(cbot)
    _, voice = await two_programmes(cbot)
    await coordinator_of(cbot, 9701, voice)
    other = await signed_in(cbot, 9701)
    session = await signed_in(cbot)
    base = cbot.console + "/console/polls"
    try:
        async with other.get(base + "/1") as answer:
            assert answer.status == 403, "another programme's poll is refused"
            assert "Member 7401" not in await answer.text()
        async with other.get(base) as answer:
            assert 'data-poll="1"' not in await answer.text()
        async with session.get(base + "/99") as answer:
            assert answer.status == 404
        async with session.get(base + "/1.xlsx") as answer:
            book = load_workbook(io.BytesIO(await answer.read()))
        assert book.worksheets[0]._charts and book.worksheets[1].max_row == 5
        async with session.post(base + "/1/share", data={}) as answer:
            assert answer.status == 400, "a form without its check"
        async with session.get(base + "/1/share") as answer:
            token = csrf_of(await answer.text())
        for _ in range(2):
            async with session.post(base + "/1/share", data={"csrf": token}) as answer:
                assert answer.status == 200
        async with session.get(base + "/1?shared=5") as answer:
            assert 'id="notice"' in await answer.text()
    finally:
        await other.close()
        await session.close()
    shared = await cbot.services.db.count(
        "SELECT COUNT(*) FROM outbox WHERE template = 'poll_results'"
    )
    assert shared == 5, "a second post sends nothing again"


async def test_an_anonymous_number_and_a_text_answer_show_without_their_people(cbot):
    await add_members(cbot.services.db, cbot.emulator.url, [7411, 7412])
    admin = await staff(cbot)
    await compose(admin, "number", ranged="1-100", anonymous=True)
    await send(admin, 2)
    member = cbot.phone(7412)
    await expect(member, Q_RU)
    await tap(member, "✍️ " + RU._("Answer"))
    await member.send("42")
    await expect(member, RU._("Your answer: {answer}").format(answer="42"))
    session = await signed_in(cbot)
    try:
        async with session.get(cbot.console + "/console/polls/1") as answer:
            html = await answer.text()
    finally:
        await session.close()
    assert answer.status == 200
    assert 'id="who"' not in html and "Member 7412" not in html, "anonymous: no names"
    assert 'data-group="region"' in html and "42" in html
