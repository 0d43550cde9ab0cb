"""Signing in to the web console through Telegram: the Mini App's initData, the one-time link
/console sends, and the sessions after, on a clock the tests move."""

from __future__ import annotations

import hashlib
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.console.auth.service import ConsoleAuth, Session
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, Refusal
from bot.emulator.emulator import Emulator
from bot.emulator.webapp import sign_init_data
from tests.conftest import ADMIN_ID, TOKEN, BotUnderTest, expect, seed, t

NOW = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
URL = "https://console.example.org"
COORDINATOR, MEMBER = 8801, 8802
LINK = re.compile(r"https://console\.example\.org/console/login/([A-Za-z0-9_-]+)")


@pytest.fixture
async def cbot(emulator: Emulator, tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """The bot with its console on (on https, so /console offers the Mini App too)."""
    db_path = tmp_path / "console.sqlite3"
    await seed(db_path)
    env = {"MUNIBOT_CONSOLE_URL": URL, "MUNIBOT_CONSOLE_PORT": "0"}
    under_test = BotUnderTest(emulator, db_path, ManualClock(NOW), **env)
    await under_test.start()
    try:
        yield under_test
    finally:
        await under_test.close()


def auth_of(bot: BotUnderTest) -> ConsoleAuth:
    return bot.services.console_auth


def clock_of(bot: BotUnderTest) -> ManualClock:
    clock = bot.services.clock
    assert isinstance(clock, ManualClock)
    return clock


def init_data(bot: BotUnderTest, telegram_id: int, age_s: int = 0, token: str = TOKEN) -> str:
    now = int(clock_of(bot).now().timestamp())
    user = {"id": telegram_id, "first_name": "Айгүл", "language_code": "ky"}
    return sign_init_data(token, user, now - age_s, query_id="AAHdF6IQAAAAAN0XohDhrOrc")


async def coordinator(bot: BotUnderTest, telegram_id: int = COORDINATOR) -> None:
    await users_repo.ensure(bot.services.db, telegram_id, f"Coordinator {telegram_id}", "2026")
    await bot.services.accounts.set_role(ADMIN_ID, telegram_id, "coordinator", [])


async def member(bot: BotUnderTest, telegram_id: int = MEMBER) -> None:
    user = await users_repo.ensure(bot.services.db, telegram_id, f"Member {telegram_id}", "2026")
    await bot.services.db.execute("UPDATE users SET status = 'approved' WHERE id = ?", (user.id,))


async def refused(code: str, attempt) -> None:  # noqa: ANN001 - an awaitable
    with pytest.raises(Refusal) as caught:
        await attempt
    assert caught.value.code == code


async def test_valid_init_data_signs_in_once(cbot):
    auth = auth_of(cbot)
    signed = init_data(cbot, ADMIN_ID)
    session = await auth.sign_in_webapp(signed)
    assert session.telegram_id == ADMIN_ID
    assert session.expires_at == NOW + timedelta(hours=12)
    assert await auth.session(session.id) == session
    await refused("console_old_init_data", auth.sign_in_webapp(signed))
    stored = await cbot.services.db.fetchall("SELECT id_hash FROM console_sessions")
    assert [row[0] for row in stored] == [hashlib.sha256(session.id.encode()).hexdigest()]


async def test_tampered_or_foreign_init_data_is_refused(cbot):
    auth = auth_of(cbot)
    signed = init_data(cbot, 4242)
    forged = signed.replace("%22id%22%3A4242", f"%22id%22%3A{ADMIN_ID}")
    assert forged != signed
    await refused("console_bad_init_data", auth.sign_in_webapp(forged))
    other_token = init_data(cbot, ADMIN_ID, token="654321:OTHER-token")
    await refused("console_bad_init_data", auth.sign_in_webapp(other_token))
    no_hash = re.sub(r"&?hash=[0-9a-f]+", "", init_data(cbot, ADMIN_ID))
    for bad in ("", "hash=00", "a=1&a=2", no_hash, "%ff%fe", "x" * 9000):
        await refused("console_bad_init_data", auth.sign_in_webapp(bad))
    assert await cbot.services.db.count("SELECT COUNT(*) FROM console_sessions") == 0


async def test_init_data_older_than_an_hour_is_refused(cbot):
    auth = auth_of(cbot)
    await refused("console_old_init_data", auth.sign_in_webapp(init_data(cbot, ADMIN_ID, 3601)))
    assert (await auth.sign_in_webapp(init_data(cbot, ADMIN_ID, 3500))).telegram_id == ADMIN_ID


async def test_only_staff_sign_in(cbot):
    auth = auth_of(cbot)
    await member(cbot)
    with pytest.raises(NotAllowed):
        await auth.sign_in_webapp(init_data(cbot, MEMBER))
    with pytest.raises(NotAllowed):
        await auth.sign_in_webapp(init_data(cbot, 5_555_555))
    with pytest.raises(NotAllowed):
        await auth.issue_link(MEMBER)


async def test_a_link_signs_in_once(cbot):
    auth = auth_of(cbot)
    await coordinator(cbot)
    link = await auth.issue_link(COORDINATOR)
    match = LINK.fullmatch(link)
    assert match is not None
    session = await auth.sign_in_link(match.group(1))
    assert session.telegram_id == COORDINATOR and session.lang == cbot.config.default_lang
    await refused("console_link_used", auth.sign_in_link(match.group(1)))
    await refused("console_link_unknown", auth.sign_in_link(match.group(1) + "x"))
    await refused("console_link_unknown", auth.sign_in_link(""))
    stored = await cbot.services.db.fetchone("SELECT token_hash FROM console_links")
    assert stored is not None and match.group(1) not in stored[0]


async def test_a_link_expires_after_ten_minutes(cbot):
    auth = auth_of(cbot)
    first = (await auth.issue_link(ADMIN_ID)).rsplit("/", 1)[1]
    second = (await auth.issue_link(ADMIN_ID)).rsplit("/", 1)[1]
    clock_of(cbot).advance(minutes=9, seconds=59)
    assert (await auth.sign_in_link(first)).telegram_id == ADMIN_ID
    clock_of(cbot).advance(seconds=1)
    await refused("console_link_expired", auth.sign_in_link(second))


async def test_a_link_for_someone_demoted_since_is_refused(cbot):
    auth = auth_of(cbot)
    await coordinator(cbot)
    token = (await auth.issue_link(COORDINATOR)).rsplit("/", 1)[1]
    await cbot.services.accounts.set_role(ADMIN_ID, COORDINATOR, "member", [])
    with pytest.raises(NotAllowed):
        await auth.sign_in_link(token)


async def test_a_demoted_coordinators_sessions_end_at_once(cbot):
    auth = auth_of(cbot)
    await coordinator(cbot)
    browser = await auth.sign_in_webapp(init_data(cbot, COORDINATOR))
    laptop = await auth.sign_in_link((await auth.issue_link(COORDINATOR)).rsplit("/", 1)[1])
    admins = await auth.sign_in_webapp(init_data(cbot, ADMIN_ID))
    await cbot.services.accounts.set_role(ADMIN_ID, COORDINATOR, "member", [])
    left = await cbot.services.db.fetchall("SELECT telegram_id FROM console_sessions")
    assert [row[0] for row in left] == [ADMIN_ID]
    assert await auth.session(browser.id) is None and await auth.session(laptop.id) is None
    assert await auth.session(admins.id) is not None


async def test_a_role_changed_behind_the_services_back_still_ends_the_session(cbot):
    """The hook is not the only guard: every request asks whether the reader is staff."""
    auth = auth_of(cbot)
    await coordinator(cbot)
    session = await auth.sign_in_webapp(init_data(cbot, COORDINATOR))
    await cbot.services.db.execute(
        "UPDATE users SET role = 'member' WHERE telegram_id = ?", (COORDINATOR,)
    )
    assert await auth.session(session.id) is None
    assert await cbot.services.db.count("SELECT COUNT(*) FROM console_sessions") == 0


async def test_sessions_slide_expire_and_end(cbot):
    auth = auth_of(cbot)
    clock = clock_of(cbot)
    session = await auth.sign_in_webapp(init_data(cbot, ADMIN_ID))
    clock.advance(hours=11)
    used = await auth.session(session.id)
    assert used is not None and used.expires_at == NOW + timedelta(hours=23)
    clock.advance(hours=12)
    assert await auth.session(session.id) is None
    again = await auth.sign_in_webapp(init_data(cbot, ADMIN_ID))
    for _ in range(14):
        clock.advance(hours=11, minutes=59)
        assert await auth.session(again.id) is not None
    clock.advance(hours=11, minutes=59)
    assert await auth.session(again.id) is None, "a session lasts at most 7 days"
    last = await auth.sign_in_webapp(init_data(cbot, ADMIN_ID))
    await auth.sign_out(last.id)
    assert await auth.session(last.id) is None
    assert await auth.session(None) is None and await auth.session("") is None


async def test_the_language_is_the_readers_and_changes_per_session(cbot):
    auth = auth_of(cbot)
    await cbot.services.accounts.set_language(ADMIN_ID, "ky", "Admin")
    session = await auth.sign_in_webapp(init_data(cbot, ADMIN_ID))
    assert session.lang == "ky"
    await auth.set_lang(session.id, "en")
    changed = await auth.session(session.id)
    assert changed is not None and changed.lang == "en"
    with pytest.raises(NotAllowed):
        await auth.set_lang(session.id, "de")


async def test_csrf_tokens_are_per_session(cbot):
    auth = auth_of(cbot)
    one = await auth.sign_in_webapp(init_data(cbot, ADMIN_ID))
    other = await auth.sign_in_link((await auth.issue_link(ADMIN_ID)).rsplit("/", 1)[1])
    assert len(one.csrf) >= 40 and one.csrf != other.csrf
    assert auth.check_csrf(one, one.csrf)
    for wrong in (None, "", other.csrf, one.csrf[:-1], "é" * 43):
        assert not auth.check_csrf(one, wrong)
    forged = Session(one.id, one.telegram_id, one.lang, one.expires_at, other.csrf)
    assert not auth.check_csrf(forged, one.csrf)


async def test_console_sends_a_link_that_signs_in_once(cbot):
    admin = cbot.phone(ADMIN_ID, lang="ru")
    await admin.send("/console")
    head = t(
        "ru", "Open the web console with this link:\n{link}\nThe link works once, for 10 minutes."
    )
    reply = await expect(admin, head.split("\n")[0])
    match = LINK.search(reply["text"])
    assert match is not None
    [[button]] = reply["buttons"]
    assert button["text"] == t("ru", "Open the console")
    assert button["web_app"] == {"url": f"{URL}/console/webapp"}
    auth = auth_of(cbot)
    assert (await auth.sign_in_link(match.group(1))).telegram_id == ADMIN_ID
    await refused("console_link_used", auth.sign_in_link(match.group(1)))


async def test_console_on_plain_http_sends_only_the_link(emulator, tmp_path):
    await seed(tmp_path / "http.sqlite3")
    env = {"MUNIBOT_CONSOLE_URL": "http://127.0.0.1:8099/", "MUNIBOT_CONSOLE_PORT": "0"}
    bot = BotUnderTest(emulator, tmp_path / "http.sqlite3", **env)
    await bot.start()
    try:
        admin = bot.phone(ADMIN_ID, lang="en")
        await admin.send("/console")
        reply = await expect(admin, "http://127.0.0.1:8099/console/login/")
        assert not reply.get("buttons")
    finally:
        await bot.close()


async def test_console_when_it_is_off_says_so_in_the_readers_language(sbot):
    admin = sbot.phone(ADMIN_ID, lang="ky")
    await admin.send("/console")
    await expect(admin, t("ky", "The web console is not switched on."))
    assert await sbot.services.db.count("SELECT COUNT(*) FROM console_links") == 0


async def test_console_is_for_staff_only(cbot):
    await member(cbot)
    phone = cbot.phone(MEMBER, lang="ru")
    await phone.send("/console")
    await expect(phone, t("ru", "This command is for project staff."))
    assert await cbot.services.db.count("SELECT COUNT(*) FROM console_links") == 0


async def test_an_erased_person_leaves_nothing_in_the_console_tables(cbot):
    auth = auth_of(cbot)
    await coordinator(cbot)
    await auth.sign_in_webapp(init_data(cbot, COORDINATOR))
    await auth.issue_link(COORDINATOR)
    await cbot.services.accounts.erase(COORDINATOR)
    for table in ("console_sessions", "console_links", "console_webapp_uses"):
        assert await cbot.services.db.count(f"SELECT COUNT(*) FROM {table}") == 0  # noqa: S608
