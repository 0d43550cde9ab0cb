"""The web chat's HTTP routes on the emulator: the page and its files, its words in three
languages, and the persona book (listed, added, and refused with a message in the page's language).
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.emulator.client import Phone
from bot.emulator.emulator import Emulator
from bot.sandbox.personas import FIRST_VISITOR_ID, MAX_NAME, PersonaBook
from bot.sandbox.webchat import STATIC, routes
from bot.sandbox.webchat.strings import PAGE, error_text
from tests.conftest import TOKEN

PLACE = {"ky": "Бешик-Жон", "ru": "Бешик-Джон", "en": "Beshik-Jon"}


@pytest.fixture
def book(tmp_path) -> PersonaBook:
    people = PersonaBook(tmp_path / "personas.json")
    people.add("Айгүл", "ky", role="member", place=PLACE, telegram_id=5001)
    people.add("Coordinator <b>One</b>", "ru", role="coordinator", telegram_id=5002)
    return people


@pytest.fixture
async def site(book) -> AsyncIterator[tuple[Emulator, aiohttp.ClientSession]]:
    emu = Emulator(extra_routes=routes(book, default_lang="ru"))
    await emu.start()
    session = aiohttp.ClientSession(base_url=emu.url)
    try:
        yield emu, session
    finally:
        await session.close()
        await emu.stop()


async def get_json(session, path: str, status: int = 200) -> dict:
    async with session.get(path) as response:
        assert response.status == status, await response.text()
        return await response.json()


async def post_json(session, path: str, body, status: int) -> dict:
    async with session.post(path, data=json.dumps(body)) as response:
        assert response.status == status, await response.text()
        return await response.json()


async def test_the_page_and_every_script_it_imports_are_served(site):
    _, session = site
    async with session.get("/") as response:
        assert response.status == 200
        assert response.content_type == "text/html"
        assert "script-src" not in response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        page = await response.text()
    wanted = set(re.findall(r'/webchat/static/([\w.]+)"', page))
    for script in STATIC.glob("*.js"):
        wanted |= set(re.findall(r'from "\./([\w.]+)"', script.read_text(encoding="utf-8")))
    assert {"app.js", "style.css", "chat.js", "richtext.js"} <= wanted
    for name in sorted(wanted):
        async with session.get(f"/webchat/static/{name}") as response:
            assert response.status == 200, name
            assert response.content_type in (
                "text/css",
                "text/javascript",
                "application/javascript",
            )
    async with session.get("/webchat/static/../__init__.py") as response:
        assert response.status in (403, 404)


async def test_the_words_of_the_page_come_in_three_languages(site):
    _, session = site
    found = {}
    for lang in ("ky", "ru", "en"):
        answer = (await get_json(session, f"/webchat/strings?lang={lang}"))["result"]
        assert answer["lang"] == lang
        assert set(answer["strings"]) == set(PAGE)
        assert all(answer["strings"].values())
        found[lang] = answer["strings"]
    for key in PAGE:
        assert found["ky"][key] != found["en"][key], key
        assert found["ru"][key] != found["en"][key], key
    assert found["ky"] != found["ru"]
    assert found["ru"]["people"] == "Люди"
    fallback = (await get_json(session, "/webchat/strings?lang=de"))["result"]
    assert fallback["lang"] == "ru" and fallback["strings"] == found["ru"]


async def test_personas_are_listed_with_their_chats(site):
    emu, session = site
    listed = (await get_json(session, "/webchat/personas"))["result"]
    people = listed["personas"]
    assert [p["id"] for p in people] == [5002, 5001]
    assert people[0]["name"] == "Coordinator <b>One</b>" and people[0]["role"] == "coordinator"
    assert people[1]["place"] == PLACE and people[1]["messages"] == 0
    phone = Phone(emu.url, 5001, first_name="Айгүл", language_code="ky")
    try:
        await phone.send("салам")
        await phone.send(document=("notes.txt", b"hello"))
    finally:
        await phone.close()
    async with session.post(
        f"/bot{TOKEN}/sendMessage",
        json={"chat_id": 5001, "text": "<b>Hi</b>", "parse_mode": "HTML"},
    ) as response:
        assert response.status == 200
    again = (await get_json(session, "/webchat/personas"))["result"]
    assert again["boot"] == listed["boot"]
    assert again["personas"][1]["messages"] == 1 and again["personas"][1]["version"] > 0
    sent = (await get_json(session, "/webchat/personas/5001/sent"))["result"]
    assert [m.get("text") for m in sent] == ["салам", None]
    assert sent[1]["document"]["file_name"] == "notes.txt"
    assert (await get_json(session, "/webchat/personas/5002/sent"))["result"] == []
    missing = await get_json(session, "/webchat/personas/999/sent?lang=ky", status=404)
    assert missing["description"] == error_text("ky", "no_persona")
    await get_json(session, "/webchat/personas/abc/sent", status=404)


async def test_a_persona_is_added_with_a_clean_name(site, book, tmp_path):
    _, session = site
    body = {"name": "  Бакыт \n Токтогулов ", "lang": "ru"}
    added = (await post_json(session, "/webchat/personas", body, 201))["result"]
    assert added["id"] == FIRST_VISITOR_ID and added["name"] == "Бакыт Токтогулов"
    assert (added["lang"], added["role"], added["messages"]) == ("ru", "visitor", 0)
    listed = (await get_json(session, "/webchat/personas"))["result"]["personas"]
    assert listed[-1] == added
    reopened = PersonaBook(tmp_path / "personas.json")
    assert reopened.get(FIRST_VISITOR_ID).name == "Бакыт Токтогулов"


@pytest.mark.parametrize(
    ("body", "lang", "key"),
    [
        ({"name": "", "lang": "ky"}, "ky", "empty_name"),
        ({"name": " \t ", "lang": "ky"}, "ru", "empty_name"),
        ({"lang": "ky"}, "en", "empty_name"),
        ({"name": "Ж" * (MAX_NAME + 1), "lang": "ru"}, "ky", "long_name"),
        ({"name": "Айгүл", "lang": "de"}, "ru", "bad_lang"),
        (["Айгүл"], "ky", "empty_name"),
    ],
)
async def test_a_persona_without_a_proper_name_or_language_is_refused(site, book, body, lang, key):
    _, session = site
    answer = await post_json(session, f"/webchat/personas?lang={lang}", body, 400)
    assert answer == {"ok": False, "description": error_text(lang, key, max=MAX_NAME)}
    if lang != "en":
        assert answer["description"] != error_text("en", key, max=MAX_NAME)
    assert len(book.all()) == 2


async def test_a_body_that_is_not_json_is_refused(site, book):
    _, session = site
    async with session.post("/webchat/personas?lang=ky", data=b"{not json") as response:
        assert response.status == 400
        assert (await response.json())["description"] == error_text("ky", "empty_name")
    assert len(book.all()) == 2


async def test_a_name_of_exactly_the_longest_length_is_taken(site):
    _, session = site
    body = {"name": "Ж" * MAX_NAME, "lang": "en"}
    added = (await post_json(session, "/webchat/personas", body, 201))["result"]
    assert added["name"] == "Ж" * MAX_NAME
