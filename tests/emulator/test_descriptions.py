"""The bot's description and short description in the emulator: kept per language, as Telegram
keeps them, with Telegram's limits."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import BadRequest

TOKEN = "123456:TEST-token_abc"


@pytest.fixture
async def api(emulator):
    async with Bot(TOKEN, base_url=emulator.api_base) as tg_bot:
        yield tg_bot


async def test_descriptions_per_language_and_the_default(api):
    assert (await api.get_my_description()).description == ""
    await api.set_my_description("Бот айыл өкмөттөрү үчүн")
    await api.set_my_description("Бот для айыл окмоту", language_code="ru")
    await api.set_my_short_description("Семинарлар, сынактар")
    await api.set_my_short_description("Seminars, competitions", language_code="en")
    assert (await api.get_my_description()).description == "Бот айыл өкмөттөрү үчүн"
    assert (await api.get_my_description(language_code="ru")).description == "Бот для айыл окмоту"
    assert (await api.get_my_description(language_code="en")).description == ""
    assert (await api.get_my_short_description()).short_description == "Семинарлар, сынактар"
    short = await api.get_my_short_description(language_code="en")
    assert short.short_description == "Seminars, competitions"

    await api.set_my_description("", language_code="ru")  # empty: the Russian one goes
    assert (await api.get_my_description(language_code="ru")).description == ""
    assert (await api.get_my_description()).description == "Бот айыл өкмөттөрү үчүн"


async def test_description_limits_and_language_codes(api):
    await api.set_my_description("д" * 512)
    with pytest.raises(BadRequest, match="too long"):
        await api.set_my_description("д" * 513)
    await api.set_my_short_description("к" * 120)
    with pytest.raises(BadRequest, match="too long"):
        await api.set_my_short_description("к" * 121)
    with pytest.raises(BadRequest, match="language code"):
        await api.set_my_description("x", language_code="Kyrgyz")
    assert (await api.get_my_description()).description == "д" * 512
