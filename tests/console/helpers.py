"""Signing in to the console as a browser would, for every console test: the link /console
sends, a cookie jar, the CSRF token of a page, and where screenshots go."""

from __future__ import annotations

import os
import re
from pathlib import Path

import aiohttp

from tests.conftest import ADMIN_ID, BotUnderTest, expect

LINK = re.compile(r"https?://\S+/console/login/[A-Za-z0-9_-]+")


async def link_from_the_bot(bot: BotUnderTest, telegram_id: int = ADMIN_ID) -> str:
    phone = bot.phone(telegram_id, lang="ru")
    await phone.send("/console")
    message = await expect(phone, "/console/login/")
    found = LINK.search(message["text"])
    assert found, message["text"]
    return found.group(0)


def jar_session() -> aiohttp.ClientSession:
    """A client that keeps cookies for 127.0.0.1, as a browser does."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def signed_in(bot: BotUnderTest, telegram_id: int = ADMIN_ID) -> aiohttp.ClientSession:
    session = jar_session()
    link = await link_from_the_bot(bot, telegram_id)
    async with session.get(link) as answer:
        assert "/console/overview" not in str(answer.url), "opening the link only asks"
    async with session.post(link) as answer:
        assert answer.status == 200 and answer.url.path == "/console/overview"
    return session


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found
    return found.group(1)


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("MUNIBOT_SCREENSHOTS") or tmp_path / "screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
