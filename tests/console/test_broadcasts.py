"""Announcements in the console over real HTTP: composed, previewed as the chat previews them,
sent once however often Send is posted, and received by the members' phones in their language;
scheduled and cancelled; the recipients' list; the refusals (bad texts and times, another
region's audience or broadcast, no CSRF token); and the whole path in Chromium, from the
overview's "message these people" to the history."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import aiohttp

from bot.broadcasts.service.wizard import MAX_TEXT
from bot.console.web.broadcasts.markup import plain, safe
from bot.core.texts import note_room
from bot.i18n import translator
from tests.broadcasts.test_programmes import settle
from tests.conftest import add_members, expect, t
from tests.console.helpers import csrf_of, link_from_the_bot, shots, signed_in
from tests.programmes import coordinator_of, two_programmes
from tests.sandbox.test_webchat_browser import ARGS, CHROMIUM, require_browser
from tests.seminars.helpers import NOW

KY = "Эртең саат 10до Жалал-Абадда семинар болот."
RU = "Завтра в 10 часов в Джалал-Абаде пройдёт семинар."
KY_LINES = KY + "\nБайланыш: 0312 000 000"
BROADCASTS = "SELECT COUNT(*) FROM broadcasts"
FORGED = "This audience is not one you can send to. Choose it again in the form."


class _Forms(HTMLParser):
    """The fields of each form on a page, by the form's id, as a browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, list[tuple[str, str]]] = {}
        self.current: list[tuple[str, str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.current = self.forms.setdefault(found.get("id", ""), [])
        elif tag == "input" and self.current is not None and "name" in found:
            ticked = found.get("type") not in ("checkbox", "radio") or "checked" in found
            if ticked:
                self.current.append((found["name"], found.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None


def reach(audience: str, count: int) -> str:
    """The preview's line naming the audience, as the chat words it."""
    one, many = "{audience}: {count} person", "{audience}: {count} people"
    return translator("ru").ngettext(one, many, count).format(audience=audience, count=count)


async def shot(page, folder: Path, name: str) -> None:
    await page.screenshot(path=str(folder / f"console-broadcast-{name}.png"), full_page=True)


def form_of(html: str, form_id: str) -> list[tuple[str, str]]:
    parser = _Forms()
    parser.feed(html)
    assert form_id in parser.forms, f"no form #{form_id}"
    return parser.forms[form_id]


async def region(db, code: str) -> int:
    return (await db.fetchone("SELECT id FROM regions WHERE code = ?", (code,)))[0]


async def in_russian(cbot, session: aiohttp.ClientSession) -> str:
    """The console in Russian for this session; the CSRF token."""
    async with session.get(cbot.console + "/console/broadcasts") as answer:
        token = csrf_of(await answer.text())
    form = {"csrf": token, "lang": "ru", "next": "/console/broadcasts"}
    async with session.post(cbot.console + "/console/lang", data=form) as answer:
        assert answer.status == 200
    return token


def composed(token: str, place: int, ky: str = KY, ru: str = RU, **more: str) -> dict:
    return {"csrf": token, "programme": "1", "kind": "regions", "value": str(place),
            "text_ky": ky, "text_ru": ru, "when": "now", **more}  # fmt: skip


async def preview(cbot, session, fields) -> tuple[int, str]:
    async with session.post(cbot.console + "/console/broadcasts/preview", data=fields) as answer:
        return answer.status, await answer.text()


async def test_composed_previewed_and_sent_once_reaches_each_phone_in_its_language(cbot):
    db = cbot.services.db
    await add_members(db, cbot.emulator.url, [8801, 8802])  # ky, ru
    await add_members(db, cbot.emulator.url, [8803], region="osh")
    jalal = await region(db, "jalal-abad")
    session = await signed_in(cbot)
    try:
        token = await in_russian(cbot, session)
        address = f"{cbot.console}/console/broadcasts/new?kind=regions&value={jalal}"
        async with session.get(address) as answer:
            html = await answer.text()
            assert answer.status == 200
            assert ("value", str(jalal)) in form_of(html, "compose"), "the region comes ticked"
        status, html = await preview(cbot, session, composed(token, jalal, ky=KY_LINES))
        assert status == 200
        assert KY_LINES in html and RU in html, "each language's message, its lines kept"
        assert reach("Джалал-Абадская область", 2) in html
        assert t("ru", "Above: first the message in Kyrgyz, then in Russian.") in html
        fields = form_of(html, "send")
        assert ("text_ky", KY_LINES) in fields, "the hidden fields keep the lines"
        change = cbot.console + "/console/broadcasts/new"
        async with session.post(change, data=form_of(html, "change")) as back:
            assert f'<textarea name="text_ky" rows="8">{KY_LINES}</textarea>' in await back.text()
        send = cbot.console + "/console/broadcasts/send"
        async with session.post(send, data=fields) as sent:
            assert sent.url.path == "/console/broadcasts"
            assert t("ru", "The announcement is being sent.") in await sent.text()
        async with session.post(send, data=fields) as again:  # a double click
            assert again.status == 200 and again.url.path == "/console/broadcasts"
        assert await db.count(BROADCASTS) == 1, "one broadcast, however often Send is posted"
    finally:
        await session.close()
    assert (await expect(cbot.phone(8801), KY))["text"] == KY_LINES
    assert (await expect(cbot.phone(8802), RU))["text"] == RU
    assert not await db.count("SELECT COUNT(*) FROM outbox WHERE chat_id = 8803")
    audit = "SELECT COUNT(*) FROM audit_log WHERE action = 'broadcast_confirmed'"
    assert await db.count(audit) == 1


async def test_what_the_form_refuses_comes_back_with_why_and_sends_nothing(cbot):
    db = cbot.services.db
    await add_members(db, cbot.emulator.url, [8811, 8812])
    jalal = await region(db, "jalal-abad")
    session = await signed_in(cbot)
    try:
        token = await in_russian(cbot, session)
        alone = MAX_TEXT - note_room()
        too_long = composed(token, jalal, ky="", ru="я" * (alone + 1))
        status, html = await preview(cbot, session, too_long)
        assert status == 400
        assert str(alone) in html and str(alone + 1) in html, "both numbers, as the chat says them"
        assert "я" * (alone + 1) in html, "what was typed is kept"
        status, html = await preview(cbot, session, composed(token, jalal, ky="  ", ru=""))
        assert status == 400 and t("ru", "Please write the text in at least one language.") in html
        yesterday = (NOW - timedelta(days=1)).date().isoformat()
        past = composed(token, jalal, when="at", day=yesterday, hour="10:00")
        status, html = await preview(cbot, session, past)
        assert status == 400
        assert t("ru", "This time has already passed. Please give a time in the future.") in html
        unreadable = composed(token, jalal, when="at", day="2026-13-45", hour="10:00")
        status, html = await preview(cbot, session, unreadable)
        assert status == 400 and t("ru", "I couldn't read this time.") in html
        no_token = {k: v for k, v in composed(token, jalal).items() if k != "csrf"}
        status, _ = await preview(cbot, session, no_token)
        assert status == 400, "no CSRF token"
        async with session.post(cbot.console + "/console/broadcasts/send", data=no_token) as answer:
            assert answer.status == 400
        forged = composed(token, jalal, kind="everyone")
        status, html = await preview(cbot, session, forged)
        assert status == 403 and t("ru", FORGED) in html
        status, html = await preview(cbot, session, composed(token, jalal))
        fields = dict(form_of(html, "send"))
        for key in ("", "1.short", "not-a-key-at-all-but-long-enough"):
            async with session.post(
                cbot.console + "/console/broadcasts/send", data={**fields, "key": key}
            ) as answer:
                assert answer.status == 400, key
    finally:
        await session.close()
    assert await db.count(BROADCASTS) == 0, "nothing refused was sent"


async def test_a_region_limited_coordinator_reaches_only_their_region(cbot):
    db = cbot.services.db
    await add_members(db, cbot.emulator.url, [8821])
    await add_members(db, cbot.emulator.url, [8822], region="osh")
    jalal, osh = await region(db, "jalal-abad"), await region(db, "osh")
    await coordinator_of(cbot, 9821, 1, [jalal])
    theirs = await signed_in(cbot, 9821)
    admins = await signed_in(cbot)
    base = cbot.console + "/console/broadcasts"
    try:
        token = await in_russian(cbot, theirs)
        async with theirs.get(f"{base}/new?kind=regions&value={osh}") as answer:
            html = await answer.text()
            assert answer.status == 403 and "Ошская" not in html, "refused, nothing of it shown"
            assert t("ru", FORGED) in html
        async with theirs.get(f"{base}/new?kind=regions&value={jalal}&programme=99") as answer:
            assert answer.status == 403, "another programme"
        async with theirs.get(f"{base}/new?kind=regions") as answer:
            html = await answer.text()
            assert "Джалал-Абадская область" in html and "Ошская область" not in html
        status, _ = await preview(cbot, theirs, composed(token, osh))
        assert status == 403
        status, html = await preview(cbot, theirs, composed(token, jalal))
        fields = form_of(html, "send")
        forged = [(k, str(osh) if k == "value" else v) for k, v in fields]
        async with theirs.post(base + "/send", data=forged) as answer:
            assert answer.status == 403, "the region changed in the hidden fields"
        assert await db.count(BROADCASTS) == 0
        admin_token = await in_russian(cbot, admins)
        status, html = await preview(cbot, admins, composed(admin_token, osh))
        async with admins.post(base + "/send", data=form_of(html, "send")) as answer:
            assert answer.url.path == "/console/broadcasts"
        made = (await db.fetchone("SELECT id FROM broadcasts"))[0]
        for page in (f"{base}/{made}", f"{base}/{made}.csv", f"{base}/{made}/cancel"):
            async with theirs.get(page) as answer:
                body = await answer.text()
                assert answer.status == 403 and "Member 8822" not in body, page
        async with theirs.post(f"{base}/{made}/cancel", data={"csrf": token}) as answer:
            assert answer.status == 403
        async with theirs.get(base) as answer:
            assert f'data-broadcast="{made}"' not in await answer.text(), "not in their history"
        async with theirs.get(f"{base}/{made + 100}") as answer:
            assert answer.status == 404
    finally:
        await theirs.close()
        await admins.close()
    await expect(cbot.phone(8822), KY)  # the first of its add_members reads Kyrgyz
    assert not await db.count("SELECT COUNT(*) FROM outbox WHERE chat_id = 8821")


async def test_a_scheduled_one_waits_in_the_history_and_is_cancelled_once(cbot):
    db = cbot.services.db
    await add_members(db, cbot.emulator.url, [8841, 8842])
    jalal = await region(db, "jalal-abad")
    ru = translator("ru", cbot.services.config.tz)
    tomorrow = (NOW + timedelta(days=1)).astimezone(cbot.services.config.zone)
    session = await signed_in(cbot)
    base = cbot.console + "/console/broadcasts"
    try:
        token = await in_russian(cbot, session)
        day = tomorrow.date().isoformat()
        later = composed(token, jalal, ru="", when="at", day=day, hour="09:00")
        status, html = await preview(cbot, session, later)
        at = tomorrow.replace(hour=9, minute=0, second=0, microsecond=0)
        assert t("ru", "Scheduled for {when} (Bishkek time).").format(when=ru.datetime(at)) in html
        assert "✅ " + t("ru", "Confirm and schedule") in html
        async with session.post(base + "/send", data=form_of(html, "send")) as answer:
            html = await answer.text()
            assert t("ru", "The announcement is scheduled.") in html
        made = (await db.fetchone("SELECT id FROM broadcasts"))[0]
        assert ru.pgettext("announcement status", "Scheduled") in html
        assert ru.datetime(at) in html and f"/console/broadcasts/{made}/cancel" in html
        async with session.get(f"{base}/{made}/cancel") as answer:
            html = await answer.text()
            assert t("ru", "Nobody will get it, and this can't be undone.") in html
        assert await db.count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 2
        for _ in range(2):  # asked once, posted twice
            async with session.post(
                f"{base}/{made}/cancel", data=form_of(html, "cancel")
            ) as answer:
                assert answer.url.path == "/console/broadcasts"
                page = await answer.text()
        assert ru.pgettext("announcement status", "Stopped") in page
        assert f"/console/broadcasts/{made}/cancel" not in page, "nothing left to cancel"
    finally:
        await session.close()
    statuses = await db.fetchall(
        "SELECT DISTINCT status FROM outbox WHERE broadcast_id = ?", (made,)
    )
    assert [r[0] for r in statuses] == ["cancelled"]
    cancelled = "SELECT COUNT(*) FROM audit_log WHERE action = 'broadcast_cancelled'"
    assert await db.count(cancelled) == 1


async def test_the_recipients_with_their_place_state_and_reason(cbot):
    db = cbot.services.db
    await add_members(db, cbot.emulator.url, [8851, 8852, 8853])
    await db.execute("UPDATE users SET unreachable = 1 WHERE telegram_id = 8853")
    jalal = await region(db, "jalal-abad")
    place = await db.fetchone(
        "SELECT m.name_ru FROM users u JOIN municipalities m ON m.id = u.municipality_id"
        " WHERE u.telegram_id = 8851"
    )
    earlier = translator("ru")._("had blocked the bot before this announcement")
    ru = translator("ru")
    session = await signed_in(cbot)
    base = cbot.console + "/console/broadcasts"
    try:
        token = await in_russian(cbot, session)
        status, html = await preview(cbot, session, composed(token, jalal))
        async with session.post(base + "/send", data=form_of(html, "send")) as answer:
            assert answer.status == 200
        made = (await db.fetchone("SELECT id FROM broadcasts"))[0]
        await expect(cbot.phone(8852), RU)
        await settle(cbot, made)
        async with session.get(f"{base}/{made}") as answer:
            html = await answer.text()
        assert KY in html and RU in html, "the text in both languages"
        assert html.count(f"<td>{place[0]}</td>") == 3
        delivered = f"<td>{ru._('delivered')}</td>"
        assert html.count(delivered) == 2
        assert earlier in html
        async with session.get(f"{base}/{made}?state=blocked") as answer:
            html = await answer.text()
        assert "Member 8853" in html and "Member 8851" not in html and delivered not in html
        async with session.get(f"{base}/{made}.csv") as answer:
            sheet = (await answer.read()).decode("utf-8-sig")
        assert "Member 8853" in sheet and earlier in sheet
    finally:
        await session.close()


async def test_in_chromium_from_the_overview_to_the_members_phones(cbot, tmp_path):
    """The admin (reading Kyrgyz) opens "message these people" on the Jalal-Abad line of the
    coverage, writes both texts, looks at the preview, sends, and lands on the history; the
    members' phones get it, each in their language. Screenshots at both sizes."""
    require_browser()
    from playwright.async_api import async_playwright

    db = cbot.services.db
    await add_members(db, cbot.emulator.url, [8861, 8862])
    await add_members(db, cbot.emulator.url, [8863], region="osh")
    link = await link_from_the_bot(cbot)
    folder = shots(tmp_path)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = await browser.new_page(viewport={"width": 1366, "height": 768})
        try:
            await page.goto(link)
            await page.click("#sign-in")
            row = page.locator("#coverage tbody tr", has_text="Жалал-Абад облусу")
            await shot(page, folder, "overview-1366")
            await row.locator("a.message").click()
            await page.wait_for_selector("#compose")
            assert await page.is_checked("#places input[type=checkbox]:checked")
            await page.click("#preview")
            problem = await page.wait_for_selector("#problem")
            assert await problem.inner_text() == t(
                "ky", "Please write the text in at least one language."
            )
            await shot(page, folder, "refused-1366")
            assert await page.is_checked("#places input[type=checkbox]:checked"), "kept"
            await page.fill("textarea[name=text_ky]", KY)
            await page.fill("textarea[name=text_ru]", RU + "\nКонтакты: 0312 000 000")
            await shot(page, folder, "compose-1366")
            await page.set_viewport_size({"width": 768, "height": 1024})
            await shot(page, folder, "compose-768")
            await page.click("#preview")
            await page.wait_for_selector("#messages")
            assert KY in await page.inner_text("#messages")
            await shot(page, folder, "preview-768")
            await page.set_viewport_size({"width": 1366, "height": 768})
            await shot(page, folder, "preview-1366")
            await page.click("#confirm")
            await page.wait_for_selector("#broadcasts")
            assert "Жалал-Абад облусу" in await page.inner_text("#broadcasts")
            await shot(page, folder, "history-1366")
            await page.set_viewport_size({"width": 768, "height": 1024})
            await shot(page, folder, "history-768")
            await page.click("#broadcasts a >> nth=0")
            await page.wait_for_selector("#recipients")
            await shot(page, folder, "one-768")
        finally:
            await browser.close()
    await expect(cbot.phone(8861), KY)
    got = await expect(cbot.phone(8862), RU)
    assert got["text"] == RU + "\nКонтакты: 0312 000 000", "the lines as typed"
    assert await db.count(BROADCASTS) == 1
    assert not await db.count("SELECT COUNT(*) FROM outbox WHERE chat_id = 8863")


async def test_with_two_programmes_the_programme_is_chosen_first_and_labels_the_message(cbot):
    db = cbot.services.db
    psi, voice = await two_programmes(cbot)
    await add_members(db, cbot.emulator.url, [8871, 8872])
    jalal = await region(db, "jalal-abad")
    voice_ru = (await cbot.services.programmes.get(voice)).name("ru")
    session = await signed_in(cbot)
    base = cbot.console + "/console/broadcasts"
    try:
        token = await in_russian(cbot, session)
        async with session.get(f"{base}/new?kind=regions&value={jalal}") as answer:
            html = await answer.text()
            assert answer.status == 200 and 'id="compose"' not in html, "the programme first"
            assert 'id="programme-first"' in html, "and why"
        tab = re.search(rf'href="([^"]*programme={voice}[^"]*)"', html)
        assert tab and f"value={jalal}" in tab.group(1), "the region stays ticked"
        async with session.get(cbot.console + tab.group(1).replace("&amp;", "&")) as answer:
            html = await answer.text()
            assert ("programme", str(voice)) in form_of(html, "compose")
            assert ("value", str(jalal)) in form_of(html, "compose")
        status, html = await preview(cbot, session, composed(token, jalal, programme=str(voice)))
        assert status == 200
        assert t("ru", "Programme: {name}").format(name=voice_ru) in html
        assert f"📌 <strong>{voice_ru}</strong>" in html, "the label each message gets"
        async with session.post(base + "/send", data=form_of(html, "send")) as answer:
            assert voice_ru in await answer.text(), "the history names the programme"
        status, _ = await preview(cbot, session, composed(token, jalal, programme="99"))
        assert status == 403
    finally:
        await session.close()
    made = await db.fetchone("SELECT programme_id FROM broadcasts")
    assert made[0] == voice and psi != voice


def test_a_text_is_shown_with_telegrams_formatting_and_nothing_else():
    """What staff typed in the chat comes as Telegram's HTML: its bold and links stay, a
    script or a javascript: link does not."""
    typed = '<b>Эртең</b> <a href="https://example.org/?a=1&amp;b=2">шилтеме</a>'
    typed += '<script>alert(1)</script><a href="javascript:alert(1)">x</a> <i>1 &lt; 2'
    shown = safe(typed)
    assert shown == (
        '<strong>Эртең</strong> <a href="https://example.org/?a=1&amp;b=2"'
        ' rel="noopener noreferrer">шилтеме</a>alert(1)x <em>1 &lt; 2</em>'
    )
    assert plain("<b>A</b> &amp; <i>B</i>") == "A & B"
