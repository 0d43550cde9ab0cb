"""Competitions in the console over real HTTP: a member sends a submission with a photo and a
document in the chat; the coordinator reviews it in Chromium (the photo is drawn, the document
downloads), asks for a revision, accepts it, records a result and publishes; the members'
phones get each push. Also the guards: another region's submission, a file of another
submission, a bad form, a double post."""

from __future__ import annotations

import asyncio
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.core import users as users_repo
from bot.i18n import translator
from tests.competitions.helpers import OPENS, make_competition, place_members
from tests.competitions.test_submissions import attached, begin, describe, residents_question
from tests.conftest import ADMIN_ID, BotUnderTest, expect, t, tap
from tests.console.helpers import csrf_of, link_from_the_bot, shots, signed_in
from tests.programmes import coordinator_of
from tests.sandbox.test_webchat_browser import ARGS, CHROMIUM, require_browser
from tests.seminars.helpers import drain

PDF = b"%PDF-1.4\n% the service improvement plan\n"
TEXT = "Провели 12 встреч с жителями и раздали 800 листовок."


def picture() -> bytes:
    """A real image, so the browser has something to draw."""
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (21, 101, 192)).save(out, "PNG")
    return out.getvalue()


async def files_archived(bot: BotUnderTest, count: int) -> None:
    """Waits (bounded) for the archiver to copy `count` files."""
    for _ in range(200):
        done = await bot.services.db.count(
            "SELECT COUNT(*) FROM submission_files WHERE archive_status = 'archived'"
        )
        if done >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("files were not archived")


async def sent_in_the_chat(bot: BotUnderTest, member: int = 8401) -> tuple[int, int]:
    """Beshik-Jon's member sends text, figures, a photo and a PDF; (competition, submission)."""
    await place_members(bot, "Beshik-Jon", [member, member + 1], ("ru", "ky"))
    competition = await make_competition(bot)
    bot.clock.set(OPENS + timedelta(minutes=1))
    await drain(bot)
    phone = bot.phone(member, lang="ru")
    await begin(phone, "ru")
    await expect(phone, describe("ru"))
    await phone.send(TEXT)
    await expect(phone, residents_question("ru"))
    await phone.send("1 200")
    await phone.send(photo=picture())
    await expect(phone, attached("ru", 1))
    await phone.send(document=("план.pdf", PDF))
    await expect(phone, attached("ru", 2))
    await tap(phone, "✅ " + t("ru", "Done with files"))
    await tap(phone, "✅ " + t("ru", "Send"))
    await expect(phone, "IC-2026-001")
    await files_archived(bot, 2)
    row = await bot.services.db.fetchone("SELECT id FROM submissions WHERE receipt = 'IC-2026-001'")
    return competition.id, row[0]


async def test_a_submission_reviewed_and_published_in_chromium_reaches_the_phones(cbot, tmp_path):
    require_browser()
    from playwright.async_api import async_playwright

    cid, sid = await sent_in_the_chat(cbot)
    member = cbot.phone(8401, lang="ru")
    folder = shots(tmp_path)
    link = await link_from_the_bot(cbot)
    until = (cbot.clock.now() + timedelta(days=3)).astimezone(cbot.services.config.zone)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = await browser.new_page(viewport={"width": 1366, "height": 768})
        try:
            await page.goto(link)
            await page.click("#sign-in")
            await page.click(f"nav >> text={t('ky', 'Competitions')}")
            await page.click("#competitions a")
            await page.click("#submissions a >> text=IC-2026-001")
            photo = page.locator("ul.files img")
            await photo.wait_for()
            await page.wait_for_function(  # drawn once its bytes are in, not when it is placed
                "() => { const i = document.querySelector('ul.files img');"
                " return i !== null && i.complete && i.naturalWidth > 0; }",
                timeout=10_000,
            )
            assert await photo.evaluate("img => img.naturalWidth") == 320
            assert TEXT in await page.inner_text(".description")
            assert await page.locator("a[download]", has_text="план.pdf").count() == 1
            await page.screenshot(path=str(folder / "console-submission-1366.png"), full_page=True)
            await page.set_viewport_size({"width": 768, "height": 1024})
            await page.screenshot(path=str(folder / "console-submission-768.png"), full_page=True)

            await page.click("button.move-under_review")
            await page.fill("#revision textarea", "Добавьте фото встреч.")
            await page.fill("#revision input[name=until]", f"{until:%d.%m.%Y} 18:00")
            await page.click("#revision button")
            assert t("ky", "needs revision") in await page.inner_text("#status")
            await expect(member, "Добавьте фото встреч.")

            await page.fill("#scoring input[name=score]", "150")
            await page.click("#scoring button")
            assert t("ky", "A score is a whole number from 0 to 100.") in await page.inner_text(
                "#error"
            )
            await page.fill("#scoring input[name=score]", "87")
            await page.click("#scoring button")
            assert await page.inner_text("#score") == "87"

            await page.click("a.move-accepted")
            await page.click("#confirm-move")
            assert t("ky", "accepted") in await page.inner_text("#status")
            await expect(member, t("ru", "accepted"))

            await page.select_option("#record select", "place1")
            await page.fill("#record input[name=grant]", "500 000")
            await page.click("#record button")
            await page.goto(f"{cbot.console}/console/competitions/{cid}/results")
            assert "Бешик-Жон" in await page.inner_text("#results")
            await page.screenshot(path=str(folder / "console-results-768.png"), full_page=True)
            await page.click("#publish")
            await page.wait_for_url("**/results?confirm=early")
            await page.click("#publish")
            await page.wait_for_selector("#published")
        finally:
            await browser.close()
    await drain(cbot)
    await expect(member, "🎉")
    await expect(cbot.phone(8402, lang="ky"), "🎉")
    published = await cbot.services.db.count(
        "SELECT COUNT(*) FROM competition_log WHERE action = 'results_published'"
    )
    assert published == 1


async def test_the_guards_another_region_another_file_bad_forms_and_double_posts(cbot):
    cid, sid = await sent_in_the_chat(cbot)
    db = cbot.services.db
    osh = await db.fetchone("SELECT id FROM regions WHERE code = 'osh'")
    await coordinator_of(cbot, 9601, 1, [osh[0]])
    files = await db.fetchall(
        "SELECT f.id FROM submission_files f JOIN submission_versions v ON v.id = f.version_id"
        " ORDER BY f.id"
    )
    base = f"{cbot.console}/console/submissions/{sid}"
    other = await signed_in(cbot, 9601)
    try:
        for address in (
            base,
            f"{base}/files/{files[0][0]}",
            f"{cbot.console}/console/competitions/{cid}",
        ):
            async with other.get(address) as answer:
                assert answer.status == 403, address
                assert "план.pdf" not in await answer.text()
    finally:
        await other.close()
    admin = await signed_in(cbot)
    try:
        async with admin.get(f"{base}/files/{files[1][0]}") as answer:
            assert answer.status == 200 and await answer.read() == PDF
            assert answer.headers["Content-Disposition"].startswith("attachment")
        for wrong in (f"{base}/files/99999", f"{base}/files/..%2F..%2Fetc%2Fpasswd",
                      f"{cbot.console}/console/submissions/99999"):  # fmt: skip
            async with admin.get(wrong) as answer:
                assert answer.status == 404, wrong
        async with admin.get(base) as answer:
            token = csrf_of(await answer.text())
        async with admin.post(f"{base}/status", data={"to": "under_review"}) as answer:
            assert answer.status == 400, "no CSRF token"
        form = {"csrf": token, "to": "under_review"}
        for _ in range(2):
            async with admin.post(f"{base}/status", data=form) as answer:
                assert answer.status == 200
        moved = await db.count(
            "SELECT COUNT(*) FROM competition_log WHERE action = 'status' AND submission_id = ?",
            (sid,),
        )
        assert moved == 1, "the second post changed nothing"
        assert answer.url.query.get("note") == "moved", "shown as it is now, with a note"
        bad = {"csrf": token, "comment": "Исправьте", "until": "01.01.2020 10:00"}
        async with admin.post(f"{base}/revision", data=bad) as answer:
            html = await answer.text()
            assert answer.status == 400
            assert t("ky", "The revision deadline must be in the future.") in html
            assert "Исправьте" in html, "what was typed stays in the form"
        long = {"csrf": token, "award": "conditional", "condition": "", "grant": ""}
        async with admin.post(f"{base}/result", data=long) as answer:
            assert answer.status == 400
        forged = {"csrf": token, "to": "needs_revision"}
        async with admin.post(f"{base}/status", data=forged) as answer:
            assert answer.status == 403
        async with admin.get(f"{cbot.console}/console/competitions/{cid}.xlsx") as answer:
            book = load_workbook(io.BytesIO(await answer.read()))
            assert len(book.sheetnames) >= 2
        async with admin.get(f"{cbot.console}/console/competitions/{cid}.zip") as answer:
            assert answer.status == 200 and (await answer.read())[:2] == b"PK"
    finally:
        await admin.close()


@pytest.mark.parametrize("lang", ["ky", "ru"])
async def test_the_lists_read_in_the_readers_language(cbot, lang):
    cid, _ = await sent_in_the_chat(cbot)
    admin = await signed_in(cbot)
    try:
        async with admin.get(cbot.console + "/console/overview") as answer:
            token = csrf_of(await answer.text())
        form = {"csrf": token, "lang": lang, "next": "/console/competitions"}
        async with admin.post(cbot.console + "/console/lang", data=form) as answer:
            html = await answer.text()
            title = {"ky": "Коммуналдык", "ru": "Информационная"}[lang]
            assert title in html
        async with admin.get(f"{cbot.console}/console/competitions/{cid}?status=received") as ans:
            html = await ans.text()
            assert "IC-2026-001" in html and translator(lang)._("received") in html
        async with admin.get(f"{cbot.console}/console/competitions/{cid}?status=nonsense") as ans:
            assert ans.status == 403
    finally:
        await admin.close()


async def test_a_rejection_in_the_console_carries_its_reason_to_the_phones(cbot):
    cid, sid = await sent_in_the_chat(cbot)
    db = cbot.services.db
    base = f"{cbot.console}/console/submissions/{sid}"
    admin = await signed_in(cbot)
    try:
        async with admin.get(base) as answer:
            token = csrf_of(await answer.text())
        async with admin.post(f"{base}/status", data={"csrf": token, "to": "under_review"}):
            pass
        async with admin.get(f"{base}?confirm=rejected") as answer:
            assert 'name="reason"' in await answer.text()
        bare = {"csrf": token, "to": "rejected", "reason": ""}
        async with admin.post(f"{base}/status", data=bare) as answer:
            html = await answer.text()
            assert answer.status == 400
            assert (
                t("ky", "A rejection needs its reason: the entrant's staff will read it.") in html
            )
            assert 'name="reason"' in html, "the confirm asks again, with the reason field"
        status = await db.fetchone("SELECT status FROM submissions WHERE id = ?", (sid,))
        assert status[0] == "under_review"
        reason = "Нет фотографий встреч."
        form = {"csrf": token, "to": "rejected", "reason": reason}
        async with admin.post(f"{base}/status", data=form) as answer:
            assert answer.status == 200 and answer.url.query.get("note") == "saved"
        status = await db.fetchone("SELECT status FROM submissions WHERE id = ?", (sid,))
        assert status[0] == "rejected"
    finally:
        await admin.close()
    await drain(cbot)
    await expect(cbot.phone(8401, lang="ru"), t("ru", "Reason: {reason}").format(reason=reason))


async def test_panel_scores_show_and_a_condition_is_settled_once(cbot):
    from tests.competitions.test_conditional import published

    competition, sids = await published(cbot)
    svc, sid = cbot.services, sids["Beshik-Jon"]
    admin = await signed_in(cbot)
    base = f"{cbot.console}/console/submissions/{sid}"
    try:
        async with admin.get(base) as answer:
            html = await answer.text()
            assert 'id="condition"' in html and 'id="panel"' not in html, "no panel yet"
        async with admin.get(base, params={"settle": "met"}) as answer:
            html = await answer.text()
            assert 'id="confirm-settle"' in html, "asked before it is done"
        form = {"csrf": csrf_of(html), "met": "yes"}
        for _ in range(2):
            async with admin.post(f"{base}/condition", data=form) as answer:
                assert answer.status == 200
        settled = await svc.db.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'condition_met' AND object_id = ?",
            (sid,),
        )
        assert settled == 1, "the second post changed nothing"
        async with admin.get(base) as answer:
            assert 'id="condition"' not in await answer.text(), "settled: nothing left to do"
        await drain(cbot)
        await expect(cbot.phone(8101, lang="ky"), competition.title_ky)
        async with admin.post(f"{base}/condition", data={**form, "met": "maybe"}) as answer:
            assert answer.status == 403
    finally:
        await admin.close()


async def test_the_panels_scores_show_apart_with_their_average(cbot):
    from tests.competitions.test_panel import two_entered

    competition, sids = await two_entered(cbot)
    svc, sid = cbot.services, sids["Masy"]
    admin_user = await users_repo.ensure(svc.db, ADMIN_ID, "Админ", "2026-01-01T00:00:00+00:00")
    await svc.panel.set_criteria(ADMIN_ID, competition.id, "Актуальность; 3; 10\nБюджет; 1; 5")
    await svc.panel.add(ADMIN_ID, competition.id, admin_user.id)
    sheet = await svc.scoring.sheet(ADMIN_ID, sid)
    for criterion, raw in zip(sheet.criteria, ("8 Хороший охват", "4"), strict=True):
        await svc.scoring.score(ADMIN_ID, sid, criterion.id, raw)
    session = await signed_in(cbot)
    try:
        async with session.get(f"{cbot.console}/console/submissions/{sid}") as answer:
            html = await answer.text()
        panel = html.split('id="panel"', 1)[1].split("</section>", 1)[0]
        assert "Актуальность (×3, /10)" in panel and "«Хороший охват»" in panel
        assert "<strong>80</strong>" in panel, "100 × (3 × 8/10 + 1 × 4/5) ÷ 4"
    finally:
        await session.close()
