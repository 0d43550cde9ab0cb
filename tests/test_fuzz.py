"""300 random updates from every kind of person, and the bot keeps its promises to each.

What is sent (tests/fuzz_updates.py, seed FUZZ_SEED): random unicode of any length (a
5000-character text arrives as two messages, as a Telegram app sends it), commands with junk
arguments, stickers, locations, photos, documents with names such as ``../../x`` and
``CON.txt``, contacts, forged callback data (known payload types with wrong fields, and bytes
nobody could decode), presses on buttons the bot really showed, and updates Telegram delivers
twice. The senders: unregistered people (phones in ky, ru, en, no language, uz), two pending
registrations (one with a ru account on an en phone), approved members (their phones' language
unlike their saved one for some), a coordinator and the admin.

Each update is sent only when the previous one has been handled, so the seed alone decides
the run. For every update:

- it gets an answer in the sender's chat: a new or edited message, or the button's answer;
- every text the sender receives is in their language as the bot decides it (the saved choice,
  then the phone's, then the default), before or after this update (a language button changes
  it midway): it contains a whole catalog string of that language and no long piece of a
  string only another language has. Two kinds of text are meant for other readers too: the
  first /start's language chooser asks in every language, because none is known yet; and a
  staff wizard's preview shows the announcement, invitation or call as members will read it in
  ky and in ru, just before the "Preview" summary in the author's own language.

The only update allowed to go unanswered is one Telegram delivers a second time: it is
recognised by its update id and ignored (bot/updates.py), which the bot logs.

Afterwards no log record is an error or carries a traceback, the database passes
``PRAGMA integrity_check`` and ``foreign_key_check``, and every file the bot wrote is inside
its media folder whatever the file was called.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.clock import ManualClock
from bot.emulator.client import Phone
from bot.i18n import resolve_lang, translator
from tests import pg_tests
from tests.accounts.test_registration import admin_phone, register
from tests.competitions.helpers import make_competition
from tests.conftest import BotUnderTest, add_members, expect, seed, t, tap
from tests.fuzz_updates import (
    PNG,
    Languages,
    garbage_callback,
    junk_command,
    long_text,
    odd_document,
    random_location,
    some_text,
)
from tests.seminars.helpers import NOW, drain, make_seminar

FUZZ_SEED = int(os.environ.get("MUNIBOT_FUZZ_SEED", "20"))
"""Another seed explores other paths; a failure names the seed to run it again."""
UPDATES = 300
HANDLED_WITHIN_S = 10.0
COORDINATOR = 900_002
MEMBERS = [910_001, 910_002, 910_003, 910_004]
STAFF = {"admin", "coordinator"}


pytestmark = pytest.mark.skipif(
    bool(pg_tests.SERVER),
    reason="SQLite only: checks SQLite's integrity and foreign keys by PRAGMA",
)


@dataclass
class Person:
    phone: Phone
    role: str
    seen: int = 0
    """The chat version up to which the bot's messages have been checked."""
    checked: dict[int, str] = field(default_factory=dict)
    """Each message's text as last checked: an edit that only takes its buttons away (one
    live picker) leaves the text in the language it was written in, which may have changed."""


@pytest.fixture
async def fbot(emulator, tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    db_path = tmp_path / "fuzz.sqlite3"
    await seed(db_path)
    bot = BotUnderTest(
        emulator, db_path, ManualClock(NOW), MUNIBOT_MEDIA_DIR=str(tmp_path / "media")
    )
    await bot.start()
    try:
        yield bot
    finally:
        await bot.close()


async def people(bot: BotUnderTest) -> list[Person]:
    admin = await admin_phone(bot)
    coordinator = bot.phone(COORDINATOR, lang="ky", first_name="Координатор")
    await coordinator.send("/start")
    await tap(coordinator, "Кыргызча")
    await admin.send(f"/promote {COORDINATOR}")
    await expect(
        coordinator, t("ky", "Your role is now: {role}.").format(role=t("ky", "coordinator"))
    )
    pending = [bot.phone(920_001, lang="ky"), bot.phone(920_002, lang="en")]
    await register(bot, pending[0], "ky", name="Асанова Айгүл")
    await register(bot, pending[1], "ru", name="Осмонов Бакыт")
    await add_members(bot.services.db, bot.emulator.url, MEMBERS)
    members = [
        bot.phone(tid, lang=lang)
        for tid, lang in zip(MEMBERS, ("ky", "en", None, "ru"), strict=True)
    ]
    strangers = [
        bot.phone(930_000 + n, lang=lang) for n, lang in enumerate(("ky", "ru", "en", None, "uz"))
    ]
    everyone = [Person(admin, "admin"), Person(coordinator, "coordinator")]
    everyone += [Person(p, "pending") for p in pending] + [Person(p, "member") for p in members]
    everyone += [Person(p, "unregistered") for p in strangers]
    for person in everyone:
        await person.phone.send_and_wait("/help")
    return everyone


class Fuzz:
    def __init__(self, bot: BotUnderTest, caplog: pytest.LogCaptureFixture) -> None:
        self.bot = bot
        self.caplog = caplog
        self.rng = random.Random(FUZZ_SEED)
        self.languages = Languages.load()
        self.problems: list[str] = []
        self.sent: list[int] = []
        self.queued: dict[int, list[str]] = {}
        """The rest of a long text, by user: sent as that user's next updates."""

    async def lang(self, person: Person) -> str:
        saved = await self.bot.services.people.saved_lang(person.phone.user_id)
        code = person.phone.profile["language_code"]
        return resolve_lang(saved, code, self.bot.config.default_lang)

    def action(self, person: Person) -> tuple[str, Callable[[], Awaitable[Any]]]:
        rng, phone = self.rng, person.phone
        rest = self.queued.get(phone.user_id)
        if rest:
            part = rest.pop(0)
            return f"the rest of a long text ({len(part)})", lambda: phone.send(part)
        roll = rng.random()
        if roll < 0.24:
            text = some_text(rng)
            return f"text {text[:40]!r} ({len(text)})", lambda: phone.send(text)
        if roll < 0.44:
            command = junk_command(rng)
            return f"command {command!r}", lambda: phone.send(command)
        if roll < 0.58:
            data = garbage_callback(rng)
            return f"callback {data!r}", lambda: self.forged(phone, data)
        if roll < 0.72:
            return "a button on screen", lambda: self.press_shown(phone)
        if roll < 0.8:
            doc = odd_document(rng)
            caption = some_text(rng)[:1024] if rng.random() < 0.3 else None
            return f"document {doc['file_name'][:40]!r}", lambda: phone.send(
                document=doc, caption=caption
            )
        if roll < 0.84:
            return "sticker", lambda: phone.send(sticker=True)
        if roll < 0.89:
            point = random_location(rng)
            return f"location {point}", lambda: phone.send(location=point)
        if roll < 0.92:
            return "photo", lambda: phone.send(photo=PNG)
        if roll < 0.94:
            own = rng.random() < 0.5
            other = {"phone_number": "+996555000111", "first_name": "Кошуна", "user_id": 777}
            return "contact", lambda: phone.send(contact=True if own else other)
        parts = long_text(rng, 5000)
        self.queued[phone.user_id] = parts[1:]
        return "a 5000-character text", lambda: phone.send(parts[0])

    async def forged(self, phone: Phone, data: str) -> Any:
        messages = await phone.messages()
        target = self.rng.choice(messages)
        return await phone.press(message_id=target["message_id"], callback_data=data)

    async def press_shown(self, phone: Phone) -> Any:
        state = await phone.state()
        inline = [
            (m["message_id"], b["callback_data"])
            for m in state["messages"]
            for row in m.get("buttons") or []
            for b in row
            if "callback_data" in b
        ]
        reply = [b["text"] for row in state["reply_keyboard"] or [] for b in row]
        newest = [b for b in inline if b[0] == max(m for m, _ in inline)] if inline else []
        choices: list[Any] = newest if newest and self.rng.random() < 0.7 else inline + reply
        if not choices:
            return await phone.press(message_id=state["messages"][-1]["message_id"],
                                     callback_data="nothing")  # fmt: skip
        choice = self.rng.choice(choices)
        if isinstance(choice, str):
            return await phone.press(choice)
        return await phone.press(message_id=choice[0], callback_data=choice[1])

    async def handled(self, update_id: int, user_id: int) -> None:
        """Seen by the bot and done: its user's line (bot.updates) is empty again. Polled,
        because nothing the bot sends says a handler has finished."""
        processor = self.bot.app.bot_data["updates"]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + HANDLED_WITHIN_S
        while not (update_id in processor.seen._ids and user_id not in processor._lines):
            assert loop.time() < deadline, f"update {update_id} not handled"
            await asyncio.sleep(0.005)

    async def one(self, n: int, person: Person) -> None:
        phone = person.phone
        if self.sent and self.rng.random() < 0.03:
            await self.twice(n, self.rng.choice(self.sent[-15:]))
            return
        before = await self.lang(person)
        what, act = self.action(person)
        result = await act()
        if "update_id" not in result:
            return
        self.sent.append(result["update_id"])
        await self.handled(result["update_id"], phone.user_id)
        state = await phone.state()
        label = f"#{n} {person.role} {phone.user_id} {what}"
        fresh = [m for m in state["messages"] if m["version"] > phone.mark]
        answers = [a for a in state["callback_answers"] if a["version"] > phone.mark]
        if not fresh and not answers:
            self.problems.append(f"{label}: no answer")
        await self.check_languages(person, label, {before, await self.lang(person)})

    async def check_languages(self, person: Person, label: str, langs: set[str]) -> None:
        state = await person.phone.state()
        texts = []
        for m in state["messages"]:
            text = m.get("text") or m.get("caption")
            if m["version"] > person.seen and person.checked.get(m["message_id"]) != text:
                texts.append(text)
                person.checked[m["message_id"]] = text or ""
        texts += [a["text"] for a in state["callback_answers"] if a["version"] > person.seen]
        person.seen = state["version"]
        heads = {translator(lang)._("Preview") for lang in langs}
        preview = person.role in STAFF and any(t and t.startswith(tuple(heads)) for t in texts)
        for text in filter(None, texts):
            problem = self.languages.problem(text, langs)
            if problem and preview and self.as_members_read(text):
                continue
            if problem:
                self.problems.append(
                    f"{label}: to {person.role} {person.phone.user_id} "
                    f"({'/'.join(sorted(langs))}): {problem}: {text[:300]!r}"
                )

    def as_members_read(self, text: str) -> bool:
        """A wizard's preview shows the push in each language members read (ky, ru)."""
        return any(self.languages.problem(text, {lang}) is None for lang in ("ky", "ru"))

    async def twice(self, n: int, update_id: int) -> None:
        """The same update again, as Telegram delivers it after a lost confirmation."""
        url = f"{self.bot.emulator.url}/control/redeliver"
        async with (
            aiohttp.ClientSession() as http,
            http.post(url, json={"update_id": update_id}) as resp,
        ):
            assert (await resp.json())["ok"]
        said = f"update {update_id} arrived again and was ignored"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + HANDLED_WITHIN_S
        while not any(r.getMessage() == said for r in self.caplog.records):
            assert loop.time() < deadline, f"#{n} redelivered update {update_id} not recognised"
            await asyncio.sleep(0.005)


async def test_random_updates_are_answered_in_the_senders_language(fbot, caplog, tmp_path):
    caplog.set_level(logging.INFO, logger="bot.updates")
    await make_seminar(fbot)
    await make_competition(fbot, opens_at=NOW - timedelta(hours=1))
    everyone = await people(fbot)
    await drain(fbot)
    fuzz = Fuzz(fbot, caplog)
    for person in everyone:
        await fuzz.check_languages(person, "setup", {await fuzz.lang(person)})
    for n in range(UPDATES):
        await fuzz.one(n, fuzz.rng.choice(everyone))
    await drain(fbot)
    for person in everyone:
        await fuzz.check_languages(person, "after all", {await fuzz.lang(person)})

    assert not fuzz.problems, "\n".join(fuzz.problems)
    bad = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not bad, "\n".join(caplog.text.splitlines()[-60:])
    db = fbot.services.db
    assert tuple(await db.fetchone("PRAGMA integrity_check")) == ("ok",)
    assert await db.fetchall("PRAGMA foreign_key_check") == []
    media = tmp_path / "media"
    stray = [p for p in tmp_path.rglob("*") if p.is_file()
             and media not in p.parents and not p.name.startswith("fuzz.sqlite3")]  # fmt: skip
    assert not stray, stray
