"""Kyrgyz first: a newcomer's first answer, the command menu in the chosen language, the bot's
description per language, and place lists in the reader's alphabet."""

from __future__ import annotations

from telegram import BotCommandScopeChat

from bot import commands
from bot.core.places.order import sort_key
from tests.accounts.test_registration import APPROVED, admin_phone, register
from tests.conftest import add_members, expect, t, tap

ABOUT = (
    "Hello! This bot is for aiyl okmotu staff: seminars, competitions and announcements from "
    "the programmes' coordinators."
)
LANGUAGES = ["Кыргызча", "Русский", "English"]
MENU_NOW = "The menu is now in this language."


def picker_buttons(message: dict) -> list[str]:
    return [b["text"] for row in message.get("buttons") or [] for b in row]


def first_line(message: dict) -> str:
    return message["text"].split("\n")[0]


async def test_a_newcomer_typing_anything_gets_the_kyrgyz_first_picker(bot):
    phone = bot.phone(8101, lang="en")
    await phone.send("салам")
    first = await expect(phone, t("ky", "Choose your language:"))
    assert first_line(first) == "👋 " + t("en", ABOUT), "what the bot is, in the phone's language"
    lines = first["text"].split("\n")
    choose = [t(lang, "Choose your language:") for lang in ("ky", "ru", "en")]
    assert lines[-3:] == choose, "Kyrgyz first"
    assert picker_buttons(first) == LANGUAGES
    said = [m["text"] for m in await phone.messages()]
    assert said == [first["text"]], "nothing else, and no English-only answer"
    assert t("en", "Send /start to register.") not in first["text"]
    assert (await bot.services.registration.current(8101)).step == "lang"


async def test_a_command_or_a_menu_label_or_a_button_gets_it_too(bot):
    ru = bot.phone(8102, lang="ru")
    await ru.send("/help")
    first = await expect(ru, t("ky", "Choose your language:"))
    assert first_line(first) == "👋 " + t("ru", ABOUT)

    other = bot.phone(8103, lang="de")  # a phone in a language the bot has not: Kyrgyz
    await other.send(t("ru", "📅 Seminars"))
    first = await expect(other, t("ky", "Choose your language:"))
    assert first_line(first) == "👋 " + t("ky", ABOUT)
    await other.press(message_id=first["message_id"], callback_data="old:button:1")
    await other.wait_callback_answer()
    await other.wait_for(lambda ms: len(ms) == 2)
    again = (await other.messages())[-1]
    assert first_line(again) == "👋 " + t("ky", ABOUT) and picker_buttons(again) == LANGUAGES


async def test_start_from_an_english_phone_and_no_menu_notice_at_registration(bot):
    phone = bot.phone(8104, lang="en")
    await phone.send("/start")
    first = await expect(phone, t("ky", "Choose your language:"))
    assert first_line(first) == "👋 " + t("en", ABOUT) and picker_buttons(first) == LANGUAGES
    await tap(phone, "Кыргызча")
    await expect(phone, t("ky", "Please share your phone number with the button below."))
    texts = [m["text"] for m in await phone.messages()]
    assert not any(t("ky", MENU_NOW) in text for text in texts), "a newcomer has no menu yet"
    await phone.send("салам")  # a language is chosen: the registration goes on as before
    await expect(phone, t("ky", "Please share your phone number with the button below."))
    assert not any(ABOUT in m["text"] for m in (await phone.messages())[2:])


async def test_the_check_in_link_still_reaches_check_in(bot):
    phone = bot.phone(8105, lang="ru")
    await phone.send("/start checkin_123456")
    await expect(phone, t("ru", "Please register first: send /start."))
    assert await bot.services.registration.current(8105) is None


async def test_a_member_on_a_russian_phone_who_chose_kyrgyz_has_a_kyrgyz_command_menu(bot):
    admin = await admin_phone(bot)
    api = bot.app.bot
    member = bot.phone(8106, lang="ru")
    await register(bot, member, "ky")
    assert await api.get_my_commands(scope=BotCommandScopeChat(8106)) == (), "no menu yet"
    card = await expect(admin, "Асанова Айгүл")
    await admin.press("✅ " + t("en", "Approve"), message_id=card["message_id"])
    await expect(member, t("ky", APPROVED)[:30])
    approved_by = "✅ " + t("en", "Approved by {name}").split("{")[0]
    await admin.wait_for(lambda ms: any(approved_by in (m["text"] or "") for m in ms))
    mine = await api.get_my_commands(scope=BotCommandScopeChat(8106))
    assert [c.description for c in mine] == [c.description for c in commands.commands("ky", False)]
    assert mine[0].description == t("ky", "My status")

    await member.send("/language")
    await tap(member, "Русский")
    await expect(member, t("ru", MENU_NOW))
    mine = await api.get_my_commands(scope=BotCommandScopeChat(8106))
    assert mine[0].description == t("ru", "My status")

    done = t("en", "{name} is now: {role}.")
    await admin.send("/promote 8106")
    await expect(admin, done.format(name="Асанова Айгүл", role=t("en", "coordinator")))
    assert "pending" in {
        c.command for c in await api.get_my_commands(scope=BotCommandScopeChat(8106))
    }
    await admin.send("/demote 8106")
    await expect(admin, done.format(name="Асанова Айгүл", role=t("en", "member")))
    mine = await api.get_my_commands(scope=BotCommandScopeChat(8106))
    assert "pending" not in {c.command for c in mine}, "back to the member's set"
    assert mine[0].description == t("ru", "My status")


async def test_a_pending_registration_changing_language_hears_nothing_of_a_menu(bot):
    phone = bot.phone(8107, lang="ru")
    await register(bot, phone, "ru")
    await phone.send("/language")
    await tap(phone, "Кыргызча")
    await expect(phone, t("ky", "Language: {language}").format(language="Кыргызча"))
    assert not any(t("ky", MENU_NOW) in m["text"] for m in await phone.messages())
    assert await bot.app.bot.get_my_commands(scope=BotCommandScopeChat(8107)) == ()


async def test_at_start_every_member_gets_the_menu_of_the_language_they_chose(bot):
    await add_members(bot.services.db, bot.emulator.url, [8201, 8202, 8203])  # ky, ru, ky
    await bot.restart()
    assert await bot.app.bot_data["menus_task"] == 3
    api = bot.app.bot
    for chat, lang in ((8201, "ky"), (8202, "ru"), (8203, "ky")):
        mine = await api.get_my_commands(scope=BotCommandScopeChat(chat))
        assert mine[0].description == t(lang, "My status"), chat


async def test_descriptions_in_every_language_and_the_default(bot):
    api = bot.app.bot
    for code, lang in (("ky", "ky"), ("ru", "ru"), ("en", "en"), (None, "ky")):
        found = await api.get_my_description(language_code=code)
        short = await api.get_my_short_description(language_code=code)
        assert found.description == t(lang, commands.DESCRIPTION)
        assert short.short_description == t(lang, commands.SHORT_DESCRIPTION)
        assert len(found.description) <= 512 and len(short.short_description) <= 120


async def test_regions_are_listed_in_the_readers_alphabet(bot):
    for user_id, lang in ((8301, "ky"), (8302, "ru")):
        phone = bot.phone(user_id, lang="ru")
        await phone.send("/start")
        await tap(phone, {"ky": "Кыргызча", "ru": "Русский"}[lang])
        await tap(phone, t(lang, "📱 Share my phone number"))
        screen = await expect(phone, t(lang, "Choose your region:"))
        shown = picker_buttons(screen)
        expected = {
            "ky": ["Жалал-Абад облусу", "Ош облусу", "Ысык-Көл облусу"],
            "ru": ["Джалал-Абадская область", "Иссык-Кульская область", "Ошская область"],
        }[lang]
        assert shown == expected, "not by the English names (Issyk-Kul, Jalal-Abad, Osh)"


def test_the_kyrgyz_letters_sort_in_their_places():
    names = ["Үч-Коргон", "Ак-Суу", "Акчий", "Ёлка", "Өзгөн", "Нарын", "Ңа", "Ош", "Ел"]
    ordered = sorted(names, key=lambda name: sort_key(name, "ky"))
    assert ordered == ["Ак-Суу", "Акчий", "Ел", "Ёлка", "Нарын", "Ңа", "Ош", "Өзгөн", "Үч-Коргон"]
    russian = ["Ёлкино", "Ельники", "Жданово", "Абрамово"]
    assert sorted(russian, key=lambda n: sort_key(n, "ru")) == [
        "Абрамово", "Ельники", "Ёлкино", "Жданово"]  # fmt: skip
    assert sorted(["Osh", "Ak-Suu", "Akchiy"], key=lambda n: sort_key(n, "en")) == [
        "Ak-Suu", "Akchiy", "Osh"]  # fmt: skip
