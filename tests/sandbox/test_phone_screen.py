"""The sandbox as a member and a coordinator see it on a 390×844 phone, in Kyrgyz and Russian:
nothing scrolls sideways, the send button stays on screen, and each journey's screenshot is
kept (in MUNIBOT_SCREENSHOTS, or the test's tmp folder) to be looked at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.sandbox import demo
from bot.sandbox.runner import Sandbox
from tests.conftest import t
from tests.sandbox.test_webchat_browser import ARGS, CHROMIUM, bot_says, expect, require_browser

PHONE = {"width": 390, "height": 844}
MEMBERS = {"ky": demo.PEOPLE[3], "ru": demo.PEOPLE[4]}
"""Бакыт Осмонов (Beshik-Jon, Kyrgyz) and Жыпар Мамытова (Masy, Russian)."""


@pytest.fixture
async def phone_page(tmp_path):
    require_browser()
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = await browser.new_page(viewport=PHONE)
        page.set_default_timeout(8000)
        try:
            yield page
        finally:
            await browser.close()


def shots_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("MUNIBOT_SCREENSHOTS") or tmp_path / "screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def no_sideways_scroll(page) -> None:
    widths = await page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth,"
        " document.querySelector('#composer button[type=submit]')"
        "?.getBoundingClientRect().right ?? 0]"
    )
    scroll, viewport, send_right = widths
    assert scroll <= viewport, f"the page scrolls sideways: {scroll} > {viewport}"
    assert send_right <= viewport, f"the send button is cut off: {send_right} > {viewport}"


async def as_persona(page, sb: Sandbox, person: demo.DemoPerson, lang: str) -> None:
    await page.goto(sb.url + "/")
    await page.wait_for_selector("body[data-ready]")
    await page.select_option("#ui-lang", lang)
    await page.click(f'[data-persona-id="{person.telegram_id}"]')


async def type_text(page, text: str) -> None:
    await page.fill("#text", text)
    await page.press("#text", "Enter")


@pytest.mark.parametrize("lang", ["ky", "ru"])
async def test_a_members_status_and_invitation_fit_the_phone(phone_page, tmp_path, lang):
    page, folder = phone_page, shots_dir(tmp_path)
    async with Sandbox(port=0, db_path=tmp_path / "demo.sqlite3") as sb:
        await as_persona(page, sb, MEMBERS[lang], lang)
        await bot_says(page, demo.SEMINAR[f"title_{lang}"])  # the invitation, already pushed
        await no_sideways_scroll(page)
        await page.screenshot(path=str(folder / f"invitation-{lang}.png"))
        answer = "✅ " + t(lang, "I will attend")
        await page.locator("#messages .inline").get_by_role("button", name=answer).first.click()
        await page.wait_for_timeout(1500)  # for the screenshot only: the edit or the reply
        invitation = page.locator("#messages .msg.bot", has_text=demo.SEMINAR[f"title_{lang}"])
        await invitation.first.scroll_into_view_if_needed()
        await page.screenshot(path=str(folder / f"answered-{lang}.png"))
        await type_text(page, "/status")
        await bot_says(page, t(lang, "My status"))
        await no_sideways_scroll(page)
        await page.locator("#messages .msg.bot").last.scroll_into_view_if_needed()
        await expect(page.locator("#messages .msg.bot").last).to_be_visible()
        await page.screenshot(path=str(folder / f"status-{lang}.png"))


async def one_result(sb: Sandbox):
    """Beshik-Jon's head sends the demo competition's submission and it takes 1st place: the
    Results screen then offers Publish, before the deadline."""
    svc, head, coordinator = sb.services, demo.PEOPLE[3], demo.COORDINATOR.telegram_id
    competition = (await svc.competitions.listing(coordinator))[0][0]
    user = await svc.people.actor(head.telegram_id)
    assert user.user is not None and user.user.municipality_id is not None
    entrant = user.user.municipality_id
    await svc.submissions.submit(head.telegram_id, competition.id, entrant, "Отчёт.", 120, [], None)
    board = await svc.results.board(coordinator, competition.id)
    sid = next(sub.id for e, sub in board.entrants if e.id == entrant)
    await svc.results.choose(coordinator, sid, "place1")
    await svc.results.skip(coordinator, sid)
    return competition


async def tap_button(page, label: str) -> None:
    await page.locator("#messages .inline").get_by_role("button", name=label).last.click()


@pytest.mark.parametrize("lang", ["ky", "ru"])
async def test_the_rejection_with_its_reason_and_the_publish_guard_fit_the_phone(
    phone_page, tmp_path, lang
):
    """The coordinator (the sandbox's admin) rejects the waiting registration with a reason and
    opens the publish guard of the open competition; the person reads the reason."""
    page, folder = phone_page, shots_dir(tmp_path)
    pending, coordinator = demo.PEOPLE[6], demo.COORDINATOR
    async with Sandbox(port=0, db_path=tmp_path / "demo.sqlite3") as sb:
        await sb.services.accounts.set_language(
            coordinator.telegram_id, lang, coordinator.first_name
        )
        await sb.services.accounts.set_language(pending.telegram_id, lang, pending.first_name)
        await as_persona(page, sb, coordinator, lang)
        await type_text(page, "/pending")
        await bot_says(page, pending.full_name)
        await tap_button(page, "❌ " + t(lang, "Reject"))
        await bot_says(page, t(lang, "Why is it rejected? The person will read the reason."))
        await tap_button(page, t(lang, "Registered twice"))
        await bot_says(page, t(lang, "Rejected by {name}").format(name=coordinator.full_name))

        competition = await one_result(sb)
        await type_text(page, f"/submissions {competition.id}")
        await tap_button(page, "🏆 " + t(lang, "Results"))
        await tap_button(page, "📣 " + t(lang, "Publish"))
        await bot_says(page, t(lang, "Publish before the deadline"))
        await no_sideways_scroll(page)
        await page.screenshot(path=str(folder / f"publish-guard-{lang}.png"))

        await page.click("#back")  # on a phone the list of people and the chat take turns
        await page.click(f'[data-persona-id="{pending.telegram_id}"]')
        reason = t(lang, "You are already registered from another Telegram account.")
        await bot_says(page, reason)
        await page.locator("#messages .msg.bot").last.scroll_into_view_if_needed()
        await no_sideways_scroll(page)
        await page.screenshot(path=str(folder / f"rejection-{lang}.png"))
