"""The seminar pages over real HTTP: members answer the invitation in the chat, staff read the
list and the card (roster, waitlist, the rest), mark attendance by hand (a second post of the
same form marks once, as the audit log shows), read the feedback members gave in the chat,
download the chat's spreadsheet, print the chat's QR and read the report with its charts; a
coordinator limited to a region gets nothing of a seminar they may not manage. Then the same
in a real Chromium, with screenshots."""

from __future__ import annotations

import base64
import html
import io
import re
from datetime import timedelta

from openpyxl import load_workbook

from bot.core import labels
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.i18n import translator
from bot.seminars.views.checkin import deep_link, qr_png
from tests.conftest import ADMIN_ID, BotUnderTest, add_members, expect, t, tap
from tests.console.helpers import csrf_of, link_from_the_bot, shots, signed_in
from tests.programmes import coordinator_of
from tests.sandbox.test_webchat_browser import ARGS, CHROMIUM, require_browser
from tests.seminars.helpers import END, START, drain, make_seminar
from tests.seminars.test_seminars import answer

MEMBERS = [8801, 8802, 8803, 8804]
"""Capacity 2: the first two take the places, the third waits, the fourth can't come."""


async def answered(bot: BotUnderTest, **changes):
    """A seminar every member was invited to, answered in the chat as MEMBERS says."""
    await add_members(bot.services.db, bot.emulator.url, MEMBERS)
    seminar = await make_seminar(bot, capacity=2, **changes)
    for member, yes in zip(MEMBERS, (True, True, True, False), strict=True):
        await answer(bot, member, seminar.id, yes=yes)
    return seminar


def lang_of(page: str) -> str:
    found = re.search(r'<html lang="(\w+)">', page)
    assert found
    return found.group(1)


def section(page: str, element_id: str) -> str:
    """The element with that id, to its closing tag (tables and lists do not nest here)."""
    found = re.search(rf'<(\w+) id="{element_id}".*?</\1>', page, re.S)
    assert found, element_id
    return html.unescape(found.group(0))


def counts_of(page: str, seminar_id: int) -> list[int]:
    row = re.search(rf'<tr data-seminar="{seminar_id}".*?</tr>', page, re.S)
    assert row
    return [int(n) for n in re.findall(r'<td class="n">(\d+)</td>', row.group(0))]


async def invitation(bot: BotUnderTest, seminar_id: int, telegram_id: int):
    return await bot.services.db.fetchone(
        "SELECT i.attended_at, i.attended_via FROM seminar_invitations i"
        " JOIN users u ON u.id = i.user_id WHERE i.seminar_id = ? AND u.telegram_id = ?",
        (seminar_id, telegram_id),
    )


async def marks_logged(bot: BotUnderTest, seminar_id: int) -> list[str]:
    rows = await bot.services.db.fetchall(
        "SELECT detail FROM audit_log WHERE action = 'attendance_marked' AND object_id = ?"
        " ORDER BY id",
        (seminar_id,),
    )
    return [r[0] for r in rows]


async def test_list_and_card_show_the_answers_given_in_the_chat(cbot):
    seminar = await answered(cbot)
    dropped = await make_seminar(cbot, title_ru="Отменённый семинар", title_ky="Токтогон семинар")
    await cbot.services.seminars.cancel(ADMIN_ID, dropped.id)
    session = await signed_in(cbot)
    try:
        async with session.get(cbot.console + "/console/seminars") as answer_:
            page = await answer_.text()
        lang = lang_of(page)
        assert answer_.status == 200
        assert (seminar.title_ky if lang == "ky" else seminar.title_ru) in section(page, "upcoming")
        # invited, going, can't attend, waitlist, no answer, attended
        assert counts_of(page, seminar.id) == [4, 2, 1, 1, 0, 0]
        cancelled_row = re.search(rf'<tr data-seminar="{dropped.id}" class="cancelled">', page)
        assert cancelled_row and t(lang, "cancelled") in page
        async with session.get(f"{cbot.console}/console/seminars/{seminar.id}") as answer_:
            page = await answer_.text()
        roster, waiting = section(page, "roster"), section(page, "waitlist")
        assert all(f"Member {m}" in roster for m in MEMBERS[:3]) and "Member 8804" not in roster
        head = labels.position(translator(lang), "head")
        assert head in roster and t(lang, "on the waitlist") in roster
        assert "Member 8803" in waiting and "Member 8801" not in waiting
        assert "Member 8804" in section(page, "others") and t(lang, "not going") in page
        opens = Refusal("checkin_not_open", opens=START - timedelta(hours=1))
        assert html.escape(refusal_text(translator(lang), opens)) in page, "an hour before"
        assert 'name="attended"' not in page, "no mark buttons before then"
    finally:
        await session.close()


async def test_attendance_marked_by_hand_once_feedback_file_qr_and_report(cbot):
    seminar = await answered(cbot)
    cbot.clock.set(START + timedelta(minutes=5))
    session = await signed_in(cbot)
    card = f"{cbot.console}/console/seminars/{seminar.id}"
    first, second = await cbot.user(8801), await cbot.user(8802)
    try:
        async with session.get(card) as answer_:
            token = csrf_of(await answer_.text())
        mark = {"csrf": token, "attended": "1"}
        for _ in range(2):
            async with session.post(f"{card}/attendance/{first.id}", data=mark) as answer_:
                assert answer_.status == 200 and answer_.url.path == card.removeprefix(
                    cbot.console)  # fmt: skip
        async with session.post(f"{card}/attendance/{second.id}", data=mark) as answer_:
            page = await answer_.text()
        assert f'<tr id="u{second.id}" data-user="{second.id}" class="came">' in page
        back = {**mark, "attended": "0"}
        async with session.post(f"{card}/attendance/{second.id}", data=back) as answer_:
            assert answer_.status == 200
        async with session.post(f"{card}/attendance/{second.id}", data={"attended": "1"}) as no:
            assert no.status == 400, "no CSRF token"
        attended_at, via = await invitation(cbot, seminar.id, 8801)
        assert attended_at is not None and via == "staff"
        assert (await invitation(cbot, seminar.id, 8802))[0] is None, "taken back, not re-marked"
        assert await marks_logged(cbot, seminar.id) == [f"#{first.id} ✓", f"#{second.id} ✓",
                                                        f"#{second.id} ✗"]  # fmt: skip
        cbot.clock.set(END + timedelta(minutes=1))
        await drain(cbot)
        member = cbot.phone(8801)
        ky = translator("ky")
        await tap(member, "4")
        await expect(member, ky._("Thank you! Your rating: {rating} of 5.").format(rating=4))
        await member.send("Абдан пайдалуу болду")
        await expect(member, ky._("Thank you! Your comment is saved."))
        async with session.get(card) as answer_:
            page = await answer_.text()
        lang = lang_of(page)
        average = translator(lang).ngettext(
            "Average rating {average} of 5, from {count} answer.",
            "Average rating {average} of 5, from {count} answers.", 1,
        ).format(average=translator(lang).number(4), count=1)  # fmt: skip
        assert average in section(page, "average")
        assert "Абдан пайдалуу болду" in section(page, "comments")
        async with session.get(card + ".xlsx") as answer_:
            assert answer_.headers["Content-Disposition"].endswith(f'seminar-{seminar.id}.xlsx"')
            book = load_workbook(io.BytesIO(await answer_.read()))
        rows = list(book.worksheets[1].iter_rows(values_only=True))
        by_name = {r[2]: r for r in rows[1:]}
        assert sorted(by_name) == [f"Member {m}" for m in MEMBERS]
        came = translator(lang)._("yes")
        assert by_name["Member 8801"][10] == came and by_name["Member 8802"][10] != came
        assert by_name["Member 8801"][12] == 4
        async with session.get(card + "/qr") as answer_:
            page = await answer_.text()
        image = re.search(r'id="qr-image" alt="[^"]*" src="data:image/png;base64,([^"]+)"', page)
        assert image, "the QR is on the page"
        link = deep_link(cbot.app.bot.username, seminar.checkin_code)
        assert base64.b64decode(image.group(1)) == qr_png(link), "the chat's own QR"
        assert seminar.checkin_code in page and html.escape(link) in page
        async with session.get(card + "/report") as answer_:
            page = await answer_.text()
        trained = translator(lang).ngettext("{count} trained", "{count} trained", 1).format(count=1)
        assert trained in page
        assert page.count('src="data:image/svg+xml;base64,') == 2, "by region, by position"
    finally:
        await session.close()


async def test_a_region_limited_coordinator_gets_nothing_of_anothers_seminar(cbot):
    db = cbot.services.db
    seminar = await answered(cbot)
    jalal = await db.fetchone("SELECT id FROM regions WHERE code = 'jalal-abad'")
    await coordinator_of(cbot, 9601, 1, [jalal[0]])
    own, _ = await cbot.services.seminars.create(9601, {
        "title_ky": "Өз семинарым", "title_ru": "Мой семинар", "description_ky": None,
        "description_ru": None, "starts_at": START, "ends_at": END, "city": "Жалал-Абад",
        "address": "ул. Токтогула, 5", "latitude": None, "longitude": None, "capacity": 20,
        "rsvp_deadline": START - timedelta(hours=12), "organiser": "Азамат",
    }, {"kind": "all", "values": []})  # fmt: skip
    cbot.clock.set(START + timedelta(minutes=5))
    session = await signed_in(cbot, 9601)
    base = f"{cbot.console}/console/seminars"
    first = await cbot.user(8801)
    try:
        async with session.get(base) as answer_:
            page = await answer_.text()
        assert "Мой семинар" in page and seminar.title_ru not in page
        token = csrf_of(page)
        for path in ("", ".xlsx", "/qr", "/report"):
            async with session.get(f"{base}/{seminar.id}{path}") as no:
                body = await no.text()
                assert no.status == 403, path
                assert seminar.title_ru not in body and "Member 880" not in body
        form = {"csrf": token, "attended": "1"}
        async with session.post(f"{base}/{seminar.id}/attendance/{first.id}", data=form) as no:
            assert no.status == 403
        assert (await invitation(cbot, seminar.id, 8801))[0] is None
        async with session.get(f"{base}/{own.id}") as answer_:
            assert answer_.status == 200 and "Мой семинар" in await answer_.text()
        for path in ("999999", "abc", "12345678901234567890", "١٢", "abc.xlsx", "7/report2"):
            async with session.get(f"{base}/{path}") as no:
                assert no.status == 404, path
    finally:
        await session.close()


async def test_in_chromium_a_card_opened_from_the_list_and_one_attendee_marked(cbot, tmp_path):
    require_browser()
    from playwright.async_api import async_playwright

    seminar = await answered(cbot)
    dropped = await make_seminar(cbot, title_ru="Отменённый семинар", title_ky="Токтогон семинар")
    await cbot.services.seminars.cancel(ADMIN_ID, dropped.id)
    cbot.clock.set(START + timedelta(minutes=5))
    first = await cbot.user(8801)
    link = await link_from_the_bot(cbot)
    folder = shots(tmp_path)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = await browser.new_page(viewport={"width": 1366, "height": 768})
        try:
            await page.goto(link)
            await page.click("#sign-in")
            await page.goto(cbot.console + "/console/seminars")
            await page.screenshot(path=str(folder / "console-seminars-1366.png"), full_page=True)
            await page.set_viewport_size({"width": 768, "height": 1024})
            await page.screenshot(path=str(folder / "console-seminars-768.png"), full_page=True)
            await page.set_viewport_size({"width": 1366, "height": 768})
            await page.click(f'tr[data-seminar="{seminar.id}"] a')
            await page.wait_for_selector("#roster")
            row = page.locator(f'#roster tr[data-user="{first.id}"]')
            await row.locator("button.mark").click()
            await page.wait_for_selector(f'#roster tr.came[data-user="{first.id}"]')
            assert await row.locator("button.unmark").count() == 1
            await page.screenshot(path=str(folder / "console-seminar-1366.png"), full_page=True)
            await page.set_viewport_size({"width": 768, "height": 1024})
            await page.screenshot(path=str(folder / "console-seminar-768.png"), full_page=True)
            await page.click("#qr")
            await page.wait_for_selector("#qr-image")
            await page.screenshot(path=str(folder / "console-seminar-qr-768.png"), full_page=True)
            await page.emulate_media(media="print")
            await page.screenshot(path=str(folder / "console-seminar-qr-print.png"), full_page=True)
            await page.emulate_media(media="screen")
            await page.go_back()
            await page.click("#report")
            await page.wait_for_selector(".summary")
            await page.screenshot(
                path=str(folder / "console-seminar-report-768.png"), full_page=True
            )
        finally:
            await browser.close()
    found = await invitation(cbot, seminar.id, 8801)
    assert found[0] is not None and found[1] == "staff"
    assert await marks_logged(cbot, seminar.id) == [f"#{first.id} ✓"]


async def test_a_consented_quote_is_marked_for_the_press_from_the_card_and_no_other(cbot):
    seminar = await answered(cbot)
    cbot.clock.set(START + timedelta(minutes=5))
    for member in (8801, 8802):
        await cbot.services.attendance.check_in(member, seminar.checkin_code, "code")
        await cbot.services.attendance.rate(member, seminar.id, 5)
    await cbot.services.attendance.comment(8801, "Очень полезно")
    await cbot.services.quotes.consent(8801, seminar.id, True)
    await cbot.services.attendance.comment(8802, "Без согласия")
    allowed, quiet = await cbot.user(8801), await cbot.user(8802)
    session = await signed_in(cbot)
    card = f"{cbot.console}/console/seminars/{seminar.id}"
    try:
        async with session.get(card) as answer_:
            page = await answer_.text()
        quotes = section(page, "quotes")
        assert "«Очень полезно» — Member 8801" in quotes and "Без согласия" not in quotes
        assert "Без согласия" in section(page, "comments")
        form = {"csrf": csrf_of(page), "marked": "1"}
        for _ in range(2):
            async with session.post(f"{card}/quotes/{allowed.id}", data=form) as answer_:
                page = await answer_.text()
        assert "⭐" in section(page, "quotes")
        async with session.post(f"{card}/quotes/{quiet.id}", data=form) as refused:
            assert refused.status in (400, 403, 409), refused.status
        marked = await cbot.services.db.fetchall(
            "SELECT user_id FROM seminar_invitations WHERE quote_marked = 1"
        )
        assert [r[0] for r in marked] == [allowed.id]
        found = await cbot.services.press.seminar(ADMIN_ID, seminar.id)
        assert [p.comment for p in found.report.participants if p.quoted] == ["Очень полезно"]
    finally:
        await session.close()
