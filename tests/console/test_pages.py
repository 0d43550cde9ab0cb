"""The console's pages over real HTTP: signing in with the link /console sends, the overview and
the donor report in a real Chromium (screenshots kept at 1366×768 and 768×1024), the XLSX, the
guards (no session, no CSRF token, another region), signing out."""

from __future__ import annotations

import io
import re

import aiohttp
from openpyxl import load_workbook

from bot.core import audit
from bot.core import users as users_repo
from bot.i18n import translator
from tests.accounts.test_registration import APPROVED, register
from tests.conftest import ADMIN_ID, add_members, expect, t
from tests.console.helpers import csrf_of, jar_session, link_from_the_bot, shots, signed_in
from tests.programmes import coordinator_of
from tests.sandbox.test_webchat_browser import ARGS, CHROMIUM, require_browser
from tests.seminars.helpers import START


async def test_pages_need_a_session_and_forms_their_token(cbot):
    async with aiohttp.ClientSession() as anonymous:
        async with anonymous.get(cbot.console + "/console/overview") as answer:
            assert answer.url.path == "/console/", "redirected to sign-in"
            assert t("ru", "Sign in") in await answer.text() or "Кирүү" in await answer.text()
        async with anonymous.post(cbot.console + "/console/logout", data={}) as answer:
            assert answer.status == 401
    session = await signed_in(cbot)
    try:
        async with session.post(cbot.console + "/console/lang", data={"lang": "ky"}) as answer:
            assert answer.status == 400, "no CSRF token"
        async with session.get(cbot.console + "/console/overview") as answer:
            token = csrf_of(await answer.text())
        form = {"lang": "ky", "csrf": token, "next": "/console/audit"}
        async with session.post(cbot.console + "/console/lang", data=form) as answer:
            assert answer.url.path == "/console/audit"
            assert t("ky", "Staff actions") in await answer.text()
    finally:
        await session.close()


async def test_a_link_works_once(cbot):
    link = await link_from_the_bot(cbot)
    async with jar_session() as preview, preview.get(link) as answer:
        assert answer.status == 200, "a preview that fetches the link does not use it up"
    async with jar_session() as first, first.post(link) as answer:
        assert answer.url.path == "/console/overview"
    async with jar_session() as second, second.post(link) as answer:
        assert answer.status == 403
        assert "/console/overview" not in str(answer.url)


async def test_the_report_and_its_file_keep_to_a_coordinators_regions(cbot):
    db = cbot.services.db
    await add_members(db, cbot.emulator.url, [8401, 8402])
    jalal = await db.fetchone("SELECT id FROM regions WHERE code = 'jalal-abad'")
    osh = await db.fetchone("SELECT id FROM regions WHERE code = 'osh'")
    await coordinator_of(cbot, 9401, 1, [jalal[0]])
    session = await signed_in(cbot, 9401)
    period = f"from={START.date().replace(day=1)}&to={START.date().replace(day=28)}"
    try:
        async with session.get(f"{cbot.console}/console/report?{period}") as answer:
            assert answer.status == 200
        async with session.get(f"{cbot.console}/console/report?{period}&region={osh[0]}") as no:
            assert no.status == 403
            assert t("ru", "You are not allowed to see this page.") in await no.text()
        async with session.get(f"{cbot.console}/console/report.xlsx?{period}") as answer:
            book = load_workbook(io.BytesIO(await answer.read()))
            assert book.sheetnames[0] == t("ru", "Overview")
        async with session.get(
            f"{cbot.console}/console/report?from=2026-12-31&to=2026-01-01"
        ) as bad:
            assert bad.status == 400
    finally:
        await session.close()


async def test_in_chromium_sign_in_overview_report_and_sign_out(cbot, tmp_path):
    require_browser()
    from playwright.async_api import async_playwright

    await add_members(cbot.services.db, cbot.emulator.url, [8501, 8502, 8503])
    link = await link_from_the_bot(cbot)
    folder = shots(tmp_path)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = await browser.new_page(viewport={"width": 1366, "height": 768})
        try:
            await page.goto(link)
            await page.click("#sign-in")
            await page.wait_for_selector("#coverage")
            assert "Жалал-Абад облусу" in await page.inner_text("#coverage"), "the admin reads ky"
            await page.screenshot(path=str(folder / "console-overview-1366.png"), full_page=True)
            await page.set_viewport_size({"width": 768, "height": 1024})
            await page.screenshot(path=str(folder / "console-overview-768.png"), full_page=True)
            await page.click(f"nav >> text={t('ky', 'Report')}")
            await page.wait_for_selector(".summary")
            await page.screenshot(path=str(folder / "console-report-768.png"), full_page=True)
            await page.goto(cbot.console + "/console/people?q=Member&confirm=" + str(
                (await cbot.user(8501)).id))  # fmt: skip
            await page.wait_for_selector("#people")
            await page.screenshot(path=str(folder / "console-people-768.png"), full_page=True)
            await page.click("#sign-out")
            await page.wait_for_url("**/console/")
            await page.goto(cbot.console + "/console/overview")
            assert page.url.endswith("/console/"), "signed out: back to sign-in"
        finally:
            await browser.close()


async def test_a_registration_approved_in_chromium_reaches_the_members_phone(cbot, tmp_path):
    """The member registers in the chat; the admin approves in the browser; the member's phone
    gets the approval in Russian; posting the same form again changes nothing."""
    require_browser()
    from playwright.async_api import async_playwright

    member = cbot.phone(7301, lang="ru", first_name="Айгүл")
    await register(cbot, member, "ru", name="Асанова Айгүл")
    link = await link_from_the_bot(cbot)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = await browser.new_page(viewport={"width": 1366, "height": 768})
        try:
            await page.goto(link)
            await page.click("#sign-in")
            await page.click(f"nav >> text={t('ky', 'Registrations')}")
            row = page.locator("#registrations tr", has_text="Асанова Айгүл")
            await page.screenshot(path=str(shots(tmp_path) / "console-registrations-waiting.png"))
            await row.locator("button.approve").click()
            await page.wait_for_load_state()
            assert "Асанова Айгүл" not in await page.inner_text("main"), "decided: off the list"
            await page.screenshot(path=str(shots(tmp_path) / "console-registrations.png"))
        finally:
            await browser.close()
    await expect(member, t("ru", APPROVED))
    user = await cbot.user(7301)
    assert user.status == "approved"
    decided = await cbot.services.db.fetchone(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'registration_approved' AND object_id = ?",
        (user.id,),
    )
    assert decided[0] == 1
    session = await signed_in(cbot)
    try:
        async with session.get(cbot.console + "/console/overview") as answer:
            token = csrf_of(await answer.text())
        again = f"{cbot.console}/console/registrations/{user.id}/1/approve"
        async with session.post(again, data={"csrf": token}) as answer:
            assert answer.status == 200
        approvals = await cbot.services.db.fetchone(
            "SELECT COUNT(*) FROM outbox WHERE template = 'registration_approved' AND chat_id = ?",
            (7301,),
        )
        assert approvals[0] == 1, "the second post is applied once: no second message"
    finally:
        await session.close()


async def test_people_found_deactivated_after_asking_and_brought_back(cbot):
    db = cbot.services.db
    await add_members(db, cbot.emulator.url, [8601, 8602])
    await add_members(db, cbot.emulator.url, [8701], region="osh")
    jalal = await db.fetchone("SELECT id FROM regions WHERE code = 'jalal-abad'")
    gone, other = await cbot.user(8602), await cbot.user(8701)
    await coordinator_of(cbot, 9501, 1, [jalal[0]])
    session = await signed_in(cbot, 9501)
    base = cbot.console + "/console/people"
    try:
        async with session.get(base, params={"q": "8602"}) as answer:
            html = await answer.text()
            assert "Member 8602" in html and "Member 8601" not in html
            assert f"/console/people/{gone.id}/deactivate" not in html, "asked first"
        async with session.get(base, params={"q": "8602", "confirm": str(gone.id)}) as answer:
            html = await answer.text()
            assert t("ru", "They will get nothing from the bot until reactivated.") in html
        form = {"csrf": csrf_of(html)}
        async with session.post(f"{base}/{gone.id}/deactivate", data=form) as answer:
            assert t("ru", "Deactivated members") in await answer.text()
        assert (await cbot.user(8602)).status == "inactive"
        async with session.post(f"{base}/{other.id}/deactivate", data=form) as answer:
            assert answer.status == 403, "a member of another region"
        assert (await cbot.user(8701)).status == "approved"
        async with session.post(f"{base}/{gone.id}/reactivate", data=form) as answer:
            assert answer.status == 200
        assert (await cbot.user(8602)).status == "approved"
        async with session.get(base + ".xlsx") as answer:
            book = load_workbook(io.BytesIO(await answer.read()))
            names = [r[0] for r in book.worksheets[0].iter_rows(values_only=True)]
            assert "Member 8601" in names and "Member 8701" not in names
    finally:
        await session.close()


async def test_the_staff_actions_narrow_by_action_person_and_day(cbot):
    db = cbot.services.db
    await add_members(db, cbot.emulator.url, [8801])
    member = await cbot.user(8801)
    admin = await users_repo.ensure(db, ADMIN_ID, "Админ", "2026-01-01T00:00:00+00:00")
    # 2026-11-20 23:30 UTC is already 21 November in Bishkek
    done = [
        ("member_deactivated", admin.id, "2026-11-20T23:30:00+00:00"),
        ("member_reactivated", admin.id, "2026-11-21T10:00:00+00:00"),
        ("role_changed", member.id, "2026-11-19T10:00:00+00:00"),
    ]
    for action, actor, at in done:
        await audit.record(db, actor, action, "user", member.id, "", at)
    session = await signed_in(cbot)
    base = cbot.console + "/console/audit"
    try:
        async with session.get(base, params={"action": "member_reactivated"}) as answer:
            assert (await answer.text()).count("<tr>") == 2, "the head and one row"
        async with session.get(base, params={"who": str(member.id)}) as answer:
            html = await answer.text()
            assert html.count("<tr>") == 2 and t("ky", "role changed") in html
        day = {"from": "2026-11-21", "to": "2026-11-21"}
        async with session.get(base, params=day) as answer:
            assert (await answer.text()).count("<tr>") == 3, "both of 21 November in Bishkek"
        async with session.get(base, params={"action": "nonsense", "from": "x"}) as answer:
            assert answer.status == 200 and (await answer.text()).count("<tr>") >= 4
    finally:
        await session.close()


async def test_the_people_directory_narrows_by_region_position_and_status(cbot):
    db = cbot.services.db
    await add_members(db, cbot.emulator.url, [8901, 8902])
    await add_members(db, cbot.emulator.url, [8903], region="osh")
    osh = await db.fetchone("SELECT id FROM regions WHERE code = 'osh'")
    await db.execute("UPDATE users SET position = 'specialist' WHERE telegram_id = 8902")
    await db.execute("UPDATE users SET status = 'inactive' WHERE telegram_id = 8901")
    session = await signed_in(cbot)
    base = cbot.console + "/console/people"

    async def names(**filters: str) -> set[str]:
        async with session.get(base, params=filters) as answer:
            assert answer.status == 200
            return set(re.findall(r"Member \d+", await answer.text()))

    try:
        assert await names(region=str(osh[0])) == {"Member 8903"}
        assert await names(position="specialist") == {"Member 8902"}
        assert await names(status="inactive") == {"Member 8901"}
        assert await names(q="Member", status="approved") == {"Member 8902", "Member 8903"}
        assert await names(region="x", position="pilot", status="gone") == {"Member 8901"}, (
            "filters that can't be read are left out: the deactivated list, as with none"
        )
    finally:
        await session.close()


async def test_the_report_page_offers_the_donor_brief_as_word_and_pdf(cbot):
    from docx import Document
    from pypdf import PdfReader

    from tests.press.helpers import PERIOD, seminar_scene

    await seminar_scene(cbot)
    session = await signed_in(cbot)
    period = f"from={PERIOD[0]}&to={PERIOD[1]}"
    try:
        async with session.get(f"{cbot.console}/console/report?{period}") as answer:
            page = await answer.text()
        assert 'id="brief-docx"' in page and 'id="brief-pdf"' in page
        async with session.get(f"{cbot.console}/console/report/brief.docx?{period}") as answer:
            assert answer.status == 200
            named = answer.headers["Content-Disposition"]
            doc = Document(io.BytesIO(await answer.read()))
        lang = named.split("brief-2026-11-01-2026-12-31-")[1][:2]
        tr = translator(lang)
        text = "\n".join(p.text for p in doc.paragraphs)
        people = tr._("Different people trained: {count}, of them women: {women} ({percent}%).")
        assert people.format(count=12, women=3, percent=25) in text
        async with session.get(f"{cbot.console}/console/report/brief.pdf?{period}") as answer:
            assert answer.status == 200 and answer.content_type == "application/pdf"
            assert len(PdfReader(io.BytesIO(await answer.read())).pages) == 1
        empty = "from=2025-01-01&to=2025-01-31"
        async with session.get(f"{cbot.console}/console/report?{empty}") as answer:
            assert 'id="brief-docx"' not in await answer.text()
    finally:
        await session.close()
