"""The bot under test: the real Application, over real HTTP, against the Bot API emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import build_application, start, stop
from bot.clock import Clock
from bot.config import Config, load_config
from bot.core import users as users_repo
from bot.core.places.importer import import_municipalities
from bot.db import open_database
from bot.emulator.client import Phone
from bot.emulator.emulator import Emulator
from bot.i18n import translator
from bot.wiring import Services
from tests import pg_tests

ROOT = Path(__file__).resolve().parent.parent
PILOT_CSV = ROOT / "data" / "pilot_municipalities.csv"
ADMIN_ID = 900_001
TOKEN = "123456:TEST-token"
WAIT_S = 10.0
"""How long a test waits for the bot's answer: room for four test workers on two cores, where
a report's charts hold a member's next update; a passing test never waits it out."""


class BotUnderTest:
    """One bot process, which tests can stop and start again on the same database."""

    def __init__(
        self, emulator: Emulator, db_path: Path, clock: Clock | None = None, **env: str
    ) -> None:
        self.emulator = emulator
        self.clock = clock
        self.config: Config = load_config(
            {
                "BOT_TOKEN": TOKEN,
                "MUNIBOT_DB": database_for(db_path),
                "MUNIBOT_ADMINS": str(ADMIN_ID),
                "MUNIBOT_API_BASE": emulator.api_base,
                "MUNIBOT_MEDIA_DIR": str(db_path.parent / "media"),
                **env,
            }
        )
        self.app = None
        self.phones: list[Phone] = []

    async def start(self) -> None:
        self.app = build_application(self.config, self.clock)
        await start(self.app)

    async def stop(self) -> None:
        if self.app is not None:
            await stop(self.app)
            self.app = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    @property
    def services(self) -> Services:
        return self.app.bot_data["services"]

    def phone(self, user_id: int, lang: str = "ru", first_name: str = "Айгүл", **kw) -> Phone:
        phone = Phone(self.emulator.url, user_id, first_name=first_name, language_code=lang, **kw)
        self.phones.append(phone)
        return phone

    async def emulator_state(self, user_id: int) -> dict:
        phone = Phone(self.emulator.url, user_id)
        try:
            return await phone.state()
        finally:
            await phone.close()

    async def user(self, telegram_id: int) -> users_repo.User | None:
        return await users_repo.by_telegram_id(self.services.db, telegram_id)

    async def close(self) -> None:
        for phone in self.phones:
            await phone.close()
        await self.stop()


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    emu = Emulator()
    await emu.start()
    try:
        yield emu
    finally:
        await emu.stop()


async def seed(db_path: Path) -> None:
    if pg_tests.SERVER:
        await pg_tests.seeded(db_path, _seed_url)
        return
    db = await open_database(db_path)
    try:
        await import_municipalities(db, PILOT_CSV)
    finally:
        await db.close()


async def _seed_url(url: str) -> None:
    db = await open_database(url)
    try:
        await import_municipalities(db, PILOT_CSV)
    finally:
        await db.close()


def database_for(db_path: Path) -> str:
    """MUNIBOT_DB for a test's database: its SQLite file, or with MUNIBOT_TEST_PG set, its own
    database on that server (tests/pg_tests.py)."""
    return pg_tests.url_for(db_path) if pg_tests.SERVER else str(db_path)


if pg_tests.SERVER:

    @pytest.fixture(autouse=True)
    def _drop_pg_databases() -> object:
        yield
        pg_tests.drop_all()


@pytest.fixture
async def bot(emulator: Emulator, tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    db_path = tmp_path / "bot.sqlite3"
    await seed(db_path)
    under_test = BotUnderTest(emulator, db_path)
    await under_test.start()
    try:
        yield under_test
    finally:
        await under_test.close()


def t(lang: str, message: str) -> str:
    """What the bot should say in that language (the real catalog, not a copy of it)."""
    if translator("ru")._(message) == message:
        raise KeyError(f"not a msgid: {message!r}")
    return translator(lang)._(message)


async def expect(phone: Phone, fragment: str, timeout: float = WAIT_S) -> dict:
    """The first bot message since the phone's last action that contains `fragment`."""

    def found(state: dict) -> dict | None:
        for message in state["messages"]:
            text = message.get("text") or message.get("caption") or ""
            if message["version"] > phone.mark and fragment in text:
                return message
        return None

    return found(await phone.wait_state(found, timeout))


async def alert(phone: Phone, timeout: float = WAIT_S) -> str:
    return (await phone.wait_callback_answer(timeout))["text"] or ""


def _labels(state: dict) -> set[str]:
    found = {b["text"] for m in state["messages"] for row in m.get("buttons") or [] for b in row}
    for row in state.get("reply_keyboard") or []:
        found |= {b["text"] for b in row}
    return found


async def button_shown(phone: Phone, label: str, timeout: float = WAIT_S) -> None:
    await phone.wait_state(lambda state: label in _labels(state), timeout)


async def tap(phone: Phone, label: str, timeout: float = WAIT_S) -> dict:
    """Waits until the button is on screen, then presses it, as a person would."""
    await button_shown(phone, label, timeout)
    return await phone.press(label)


async def add_members(db, emulator_url: str, ids: list[int], region: str = "jalal-abad") -> None:
    """Approved members straight through the repositories, each with a chat the bot can reach.

    Registration itself is tested through the bot; tests about what happens afterwards start
    from members who are already approved, so that they stay fast.
    """
    muni = await db.fetchone(
        "SELECT m.id FROM municipalities m JOIN districts d ON d.id = m.district_id"
        " JOIN regions r ON r.id = d.region_id WHERE r.code = ? ORDER BY m.id LIMIT 1",
        (region,),
    )
    for n, telegram_id in enumerate(ids):
        lang = ("ky", "ru")[n % 2]
        user = await users_repo.ensure(db, telegram_id, f"Member {telegram_id}", "2026-01-01")
        await users_repo.update_fields(
            db, user.id, "2026-01-01", lang=lang, full_name=f"Member {telegram_id}",
            municipality_id=muni[0], position="head", gender="female", phone="+996700000000",
        )  # fmt: skip
        await db.execute("UPDATE users SET status = 'approved' WHERE id = ?", (user.id,))
        phone = Phone(emulator_url, telegram_id, language_code=lang)
        await phone.send("hello")
        await phone.close()


@pytest.fixture
async def sbot(emulator: Emulator, tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """A bot on a clock the test moves (seminar reminders, check-in windows, deadlines)."""
    from tests.seminars.helpers import clocked_bot

    under_test, _ = await clocked_bot(emulator, tmp_path)
    try:
        yield under_test
    finally:
        await under_test.close()
