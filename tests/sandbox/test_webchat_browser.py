"""The web chat in a real browser: Debian's Chromium driven by Playwright, against the emulator.

Chromium comes from `bash scripts/setup-browser` (never `playwright install`: there is no
browser download here). Without /usr/bin/chromium these tests fail and say so, unless
MUNIBOT_SKIP_BROWSER=1. On a failure the page's screenshot is left in the test's tmp_path.
"""

from __future__ import annotations

import contextlib
import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.labels import POSITION_LABELS
from bot.emulator.client import Phone
from bot.emulator.emulator import Emulator
from bot.sandbox.personas import PersonaBook
from bot.sandbox.webchat import routes
from bot.sandbox.webchat.strings import error_text
from tests.conftest import TOKEN, BotUnderTest, seed, t

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
STEP_MS = 5000
SENT = (
    "Thank you! Your registration has been sent to the project coordinators. "
    "You will get a message here when it is approved."
)


def require_browser() -> None:
    if os.environ.get("MUNIBOT_SKIP_BROWSER") == "1":
        pytest.skip("MUNIBOT_SKIP_BROWSER=1")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/setup-browser`", pytrace=False)
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        pytest.fail(
            "Playwright is missing: run `.venv/bin/pip install -e '.[test]'`", pytrace=False
        )


def note_console_error(msg, errors: list[str]) -> None:
    """A refused persona (HTTP 400) is logged by Chromium too; that one is on purpose."""
    if msg.type == "error" and "status of 400" not in msg.text:
        errors.append(msg.text)


@pytest.fixture
async def browser(tmp_path):
    """A page in a fresh Chromium profile, and the script errors it logs."""
    require_browser()
    from playwright.async_api import async_playwright

    errors: list[str] = []
    async with async_playwright() as pw:
        context = await pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": 1100, "height": 800},
        )  # fmt: skip
        context.set_default_timeout(STEP_MS)
        page = context.pages[0] if context.pages else await context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: note_console_error(msg, errors))
        try:
            yield page, errors
        finally:
            await context.close()


@contextlib.asynccontextmanager
async def screenshot_on_failure(page, tmp_path: Path):
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            await page.screenshot(path=str(tmp_path / "webchat-failure.png"))
        raise


async def open_page(page, emu: Emulator) -> None:
    await page.goto(emu.url + "/")
    await page.wait_for_selector("body[data-ready]")


def expect(locator):
    from playwright.async_api import expect as pw_expect

    return pw_expect(locator)


async def bot_says(page, text: str) -> None:
    await expect(page.locator("#messages .msg.bot", has_text=text).last).to_be_visible()


async def tap(page, label: str) -> None:
    """The newest inline or reply-keyboard button with exactly this label."""
    buttons = page.locator("#messages .inline, #reply-keyboard")
    await buttons.get_by_role("button", name=label, exact=True).last.click()


async def type_text(page, text: str) -> None:
    await page.fill("#text", text)
    await page.press("#text", "Enter")


@pytest.fixture
async def sandbox(tmp_path):
    """The emulator with the web chat, the real bot on a seeded database, and two personas."""
    db_path = tmp_path / "bot.sqlite3"
    await seed(db_path)
    book = PersonaBook(tmp_path / "personas.json")
    book.add("Coordinator <b>One</b>", "ru", role="coordinator", telegram_id=5002)
    book.add("Бакыт", "ky", telegram_id=5003)
    emu = Emulator(extra_routes=routes(book))
    await emu.start()
    bot = BotUnderTest(emu, db_path)
    await bot.start()
    try:
        yield emu, bot
    finally:
        await bot.close()
        await emu.stop()


async def register_in_page(page, lang: str = "ru") -> None:
    await type_text(page, "/start")
    await bot_says(page, t("ky", "Choose your language:"))
    await tap(page, "Русский")
    await bot_says(page, t(lang, "Please share your phone number with the button below."))
    await page.click("#kb-toggle")
    await expect(page.locator("#reply-keyboard")).to_be_hidden()
    await page.click("#kb-toggle")
    await tap(page, t(lang, "📱 Share my phone number"))
    await expect(page.locator(".msg.mine", has_text="+996")).to_be_visible()
    await bot_says(page, t(lang, "Choose your region:"))
    await tap(page, "Джалал-Абадская область")
    await bot_says(page, t(lang, "Choose your district:"))
    await tap(page, "Базар-Коргонский район")
    await bot_says(page, t(lang, "Choose your aiyl aimak or town:"))
    await tap(page, "Бешик-Джон")
    await bot_says(page, t(lang, "What is your position?"))
    await tap(page, t(lang, POSITION_LABELS["head"]))
    await bot_says(page, t(lang, "Please write your full name (surname, first name)."))
    await type_text(page, "Асанова Айгүл")
    await bot_says(page, t(lang, "Your gender:"))
    await tap(page, t(lang, "Female"))
    await bot_says(page, t(lang, "Please check your details:"))
    await tap(page, t(lang, "✅ Confirm"))
    await bot_says(page, t(lang, SENT))


async def test_a_new_persona_registers_through_the_page(browser, sandbox, tmp_path):
    page, errors = browser
    emu, bot = sandbox
    started = time.monotonic()
    async with screenshot_on_failure(page, tmp_path):
        await open_page(page, emu)
        coordinator = page.locator('[data-persona-id="5002"]')
        await expect(coordinator).to_contain_text("Coordinator <b>One</b>")
        assert await coordinator.locator("b").count() == 0
        await expect(coordinator).to_contain_text(t("ky", "Coordinator"))

        await page.click("#new-persona button[type=submit]")
        await expect(page.locator("#new-error")).to_have_text(error_text("ky", "empty_name"))
        await page.select_option("#ui-lang", "ru")
        await expect(page.locator("#people-title")).to_have_text("Люди")
        await page.fill("#new-name", "Асанова Айгүл")
        await page.select_option("#new-lang", "ru")
        await page.click("#new-persona button[type=submit]")
        await expect(page.locator("#chat-name")).to_have_text("Асанова Айгүл")
        await expect(page.locator("#new-error")).to_be_hidden()

        await register_in_page(page)
        user = await bot.user(7_000_001)
        assert user.status == "pending" and user.full_name == "Асанова Айгүл"

        other = Phone(emu.url, 5003, first_name="Бакыт", language_code="ky")
        try:
            await other.send("/start")
        finally:
            await other.close()
        badge = page.locator('[data-persona-id="5003"] .badge')
        await expect(badge).to_have_text("1", timeout=3 * STEP_MS)
        await page.click('[data-persona-id="5003"]')
        await bot_says(page, t("ky", "Choose your language:"))
        await expect(badge).to_have_count(0)

        await page.reload()
        await page.wait_for_selector("body[data-ready]")
        await expect(page.locator("#people-title")).to_have_text("Люди")
        await expect(page.locator("#chat-name")).to_have_text("Бакыт")
        await page.click('[data-persona-id="7000001"]')
        await bot_says(page, t("ru", SENT))
    assert errors == []
    print(f"registration through the page: {time.monotonic() - started:.1f} s")


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xd0\x40\x30" * 2 + b"\x00" + b"\x30\x70\xd0" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


async def next_update(bot: Bot, offset: int, kind: str) -> tuple[object, int]:
    """The next update of that kind (bounded: a few seconds), and the offset after it."""
    deadline = time.monotonic() + STEP_MS / 1000
    while time.monotonic() < deadline:
        for update in await bot.get_updates(offset=offset, timeout=1):
            offset = update.update_id + 1
            if getattr(update, kind) is not None:
                return getattr(update, kind), offset
    raise AssertionError(f"no {kind} update")


HOSTILE = (
    '<b>Bold</b> <a href="javascript:alert(1)">bad link</a> <a href="https://example.org/">good</a>'
    " &lt;img src=x onerror=alert(1)&gt; <tg-spoiler>secret</tg-spoiler>"
)


async def test_rich_messages_files_and_button_answers(browser, tmp_path):
    """The test plays the bot itself (PTB's Bot on the emulator) to send what the page must show."""
    page, errors = browser
    book = PersonaBook(tmp_path / "personas.json")
    book.add("Айгүл", "ky", telegram_id=5001)
    emu = Emulator(extra_routes=routes(book))
    await emu.start()
    bot = Bot(TOKEN, base_url=emu.api_base, base_file_url=emu.file_base)
    try:
        await bot.initialize()
        async with screenshot_on_failure(page, tmp_path):
            await check_rich_messages(page, emu, bot)
    finally:
        await bot.shutdown()
        await emu.stop()
    assert errors == []


async def check_rich_messages(page, emu: Emulator, bot: Bot) -> None:
    phone = Phone(emu.url, 5001, first_name="Айгүл", language_code="ky")
    await phone.send("салам")
    await phone.close()
    press = InlineKeyboardMarkup([[InlineKeyboardButton("Press me", callback_data="p1")]])
    card = await bot.send_message(5001, HOSTILE, parse_mode="HTML", reply_markup=press)
    await bot.send_document(5001, b"report body", filename="report.txt")
    await bot.send_photo(5001, tiny_png())
    await open_page(page, emu)
    await page.click('[data-persona-id="5001"]')
    rich = page.locator(".msg.bot", has_text="Bold")
    await expect(rich.locator("b")).to_have_text("Bold")
    assert await rich.get_by_text("bad link").get_attribute("href") is None
    assert await rich.get_by_text("good").get_attribute("href") == "https://example.org/"
    await expect(rich).to_contain_text("<img src=x onerror=alert(1)>")
    assert await page.locator("#messages .text img, #messages script").count() == 0
    await expect(rich.locator(".spoiler")).to_have_text("secret")
    document = page.locator(".msg.bot .document")
    await expect(document).to_contain_text("report.txt")
    assert await document.get_attribute("download") == "report.txt"
    body = await page.evaluate(
        "(a) => fetch(a.href).then((r) => r.text())", await document.element_handle()
    )
    assert body == "report body"
    photo = page.locator(".msg.bot img.photo")
    await expect(photo).to_be_visible()
    await page.wait_for_function(  # drawn once its bytes are in, not when it is placed
        "() => { const i = document.querySelector('.msg.bot img.photo');"
        " return i !== null && i.complete && i.naturalWidth > 0; }"
    )
    assert await photo.evaluate("(img) => img.naturalWidth") == 2
    await expect(page.locator(".msg.mine", has_text="салам")).to_be_visible()

    offset = 0
    await page.get_by_role("button", name="Press me").click()
    query, offset = await next_update(bot, offset, "callback_query")
    assert query.data == "p1" and query.message.message_id == card.message_id
    await query.answer("Saved!", show_alert=True)
    await expect(page.locator("#alert-text")).to_have_text("Saved!")
    await page.click("#alert-ok")
    await expect(page.locator("#alert")).to_be_hidden()
    await page.get_by_role("button", name="Press me").click()
    query, offset = await next_update(bot, offset, "callback_query")
    await query.answer("Noted")
    await expect(page.locator("#toast")).to_have_text("Noted")

    await bot.edit_message_text("Changed <i>text</i>", 5001, card.message_id, parse_mode="HTML")
    changed = page.locator(f'.msg.bot[data-message-id="{card.message_id}"]')
    await expect(changed.locator("i")).to_have_text("text")
    await expect(changed).to_contain_text(t("ky", "edited"))
    await expect(page.locator(".msg.bot", has_text="Bold")).to_have_count(0)

    await page.set_input_files(
        "#file", {"name": "p.png", "mimeType": "image/png", "buffer": tiny_png()}
    )
    await expect(page.locator(".msg.mine img.photo")).to_be_visible()
    message, offset = await next_update(bot, offset, "message")
    assert message.photo and message.photo[-1].width == 2
    await page.fill("#text", "Our plan")
    await page.set_input_files(
        "#file", {"name": "plan.txt", "mimeType": "text/plain", "buffer": b"plan"}
    )
    await expect(page.locator(".msg.mine .document")).to_contain_text("plan.txt")
    await expect(page.locator(".msg.mine", has_text="Our plan")).to_be_visible()
    message, offset = await next_update(bot, offset, "message")
    assert (message.document.file_name, message.caption) == ("plan.txt", "Our plan")
