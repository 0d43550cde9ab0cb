"""The home menu, /status, /help and the command menus, as members and staff see them."""

from __future__ import annotations

from telegram import BotCommandScopeChat

from tests.accounts.test_accounts import approved_member
from tests.accounts.test_registration import admin_phone, register
from tests.competitions.helpers import OPENS, make_competition, place_members
from tests.conftest import ADMIN_ID, expect, t, tap
from tests.seminars.helpers import drain, make_seminar

MEMBER_MENU = ("📋 My status", "📅 Seminars", "🏆 Competitions", "📨 My submissions", "❓ Help")
WAITING = "Your registration is waiting for a coordinator's approval. You will get a message here."
STAFF_MENU = ("📣 Broadcast", "✅ Registrations to approve", "📊 Reports")


def menu_labels(state: dict) -> list[str]:
    return [b["text"] for row in state.get("reply_keyboard") or [] for b in row]


async def test_approval_brings_the_menu_and_its_labels_follow_the_language(bot):
    admin = await admin_phone(bot)
    member = await approved_member(bot, admin, 4101, "ru")
    labels = menu_labels(await member.state())
    assert all(t("ru", label) in labels for label in MEMBER_MENU)
    assert not any(t("ru", label) in labels for label in STAFF_MENU)

    await tap(member, t("ru", "🌐 Language"))
    await tap(member, "Кыргызча")
    await expect(member, t("ky", "The menu is now in this language."))
    labels = menu_labels(await member.state())
    assert all(t("ky", label) in labels for label in MEMBER_MENU)

    await member.send(t("ru", "📋 My status"))  # a stale Russian label after the switch
    screen = await expect(member, t("ky", "My status"))
    assert "Асанова Айгүл" in screen["text"]
    assert (
        t("ky", "Nothing is waiting for you now: no seminars ahead, no open competitions.")
        in (screen["text"])
    )
    await member.send(t("ky", "👤 Profile"))
    await expect(member, t("ky", "Your profile"))
    await member.send("📨 Мои заявки")  # a label the review renamed, on a keyboard sent before
    await expect(
        member, t("ky", "Nothing has been sent yet. Send /competitions to see what is open.")
    )


async def test_status_shows_seminars_competitions_and_what_we_sent(sbot):
    await place_members(sbot, "Beshik-Jon", [4201], langs=("ru",))
    seminar = await make_seminar(sbot)
    await make_competition(sbot)
    sbot.services.clock.set(OPENS)
    await drain(sbot)
    member = sbot.phone(4201, lang="ru")
    await member.send("/status")
    screen = await expect(member, t("ru", "My status"))
    text = screen["text"]
    assert "Впереди 1 семинар" in text and "1 открытый конкурс" in text
    assert seminar.title_ru in text and "25 ноября" in text  # 10:00 in Bishkek
    assert "10:00" in text
    assert t("ru", "You haven't answered yet.") in text
    assert t("ru", "Not sent yet.") in text
    assert "18 дней 5 часов" in text  # to 10 Dec 18:00 from 22 Nov 13:00, Bishkek
    assert menu_labels(await member.state())

    await tap(member, "✅ " + t("ru", "I will attend"))
    await expect(member, "✅ " + t("ru", "You will attend."))  # the invitation, edited
    await member.send(t("ru", "📋 My status"))
    text = (await expect(member, t("ru", "Next reminder: {date}.").split("{")[0]))["text"]
    assert t("ru", "You will attend.") in text
    assert "24 ноября" in text  # the 24-hour reminder, 10:00 the day before


async def test_menu_taps_from_someone_not_yet_approved_say_what_is_pending(bot):
    await admin_phone(bot)
    phone = bot.phone(4301, lang="ru")
    await phone.send(t("ru", "📅 Seminars"))
    await expect(phone, t("ky", "Choose your language:"))  # a newcomer: the language first
    await register(bot, phone, "ru")
    await phone.send(t("ky", "🏆 Competitions"))
    await expect(phone, t("ru", WAITING))
    await phone.send(t("ru", "📋 My status"))
    screen = await expect(phone, t("ru", "My status"))
    assert t("ru", WAITING) in screen["text"]
    assert not menu_labels(await phone.state())
    assert (await bot.user(4301)).status == "pending"


async def test_help_differs_for_members_and_staff_and_unknown_text_points_at_the_menu(bot):
    admin = await admin_phone(bot)
    member = await approved_member(bot, admin, 4401, "ru")
    await member.send("/help")
    help_text = (await expect(member, t("ru", "Use the menu buttons below:")))["text"]
    assert "/newseminar" not in help_text and "/checkin" in help_text
    await admin.send("/help")
    staff_text = (await expect(admin, t("en", "Commands for project staff")))["text"]
    assert "/newseminar" in staff_text and "/promote" in staff_text
    admin_menu = menu_labels(await admin.state())
    assert all(t("en", label) in admin_menu for label in STAFF_MENU)

    await member.send("как дела?")
    await expect(
        member, t("ru", "I didn't understand that. Use the menu buttons below, or send /help.")
    )
    await member.send("помощь")  # the label typed by hand, without its emoji
    await expect(member, t("ru", "Use the menu buttons below:"))


async def test_staff_menu_opens_approvals_and_reports(bot):
    admin = await admin_phone(bot)
    pending = bot.phone(4501, lang="ru")
    await register(bot, pending, "ru", name="Осмонов Бакыт")
    await admin.send("/status")
    desk = (await expect(admin, t("en", "For coordinators")))["text"]
    assert "1 registration waiting for approval" in desk and "0 seminars ahead" in desk
    assert "/pending" not in desk, "the count is a button, not a command to type"
    await admin.send(t("en", "✅ Registrations to approve"))
    await expect(admin, "Осмонов Бакыт")
    await admin.send(t("ru", "📊 Reports"))  # the Russian label from an older keyboard
    asked = "Seminars, competitions and registrations: which period should the report cover?"
    await expect(admin, t("en", asked))
    await tap(admin, "📅 " + t("en", "This month"))
    nothing = (
        "Nothing in the period {period}: no seminars, no competition deadlines, no new members."
    )
    await expect(admin, t("en", nothing).split("{")[0])


async def test_command_menus_per_language_and_for_staff(bot):
    admin = await admin_phone(bot)
    api = bot.app.bot
    ky = [c.command for c in await api.get_my_commands(language_code="ky")]
    assert ky[0] == "status" and "pending" not in ky
    ru = {c.command: c.description for c in await api.get_my_commands(language_code="ru")}
    assert ru["status"] == t("ru", "My status")
    staff = await api.get_my_commands(scope=BotCommandScopeChat(ADMIN_ID))
    assert {"pending", "broadcast", "newcompetition"} <= {c.command for c in staff}

    member = await approved_member(bot, admin, 4601, "ky")
    await admin.send("/promote 4601")
    done = t("en", "{name} is now: {role}.")
    await expect(admin, done.format(name="Асанова Айгүл", role=t("en", "coordinator")))
    mine = await api.get_my_commands(scope=BotCommandScopeChat(4601))
    assert mine[1].description == t("ky", "Registrations to approve")
    labels = menu_labels(
        await member.wait_state(lambda st: t("ky", "📣 Broadcast") in menu_labels(st))
    )
    assert t("ky", "📊 Reports") in labels
    await admin.send("/demote 4601")
    await expect(admin, done.format(name="Асанова Айгүл", role=t("en", "member")))
    await member.wait_state(lambda st: t("ky", "📣 Broadcast") not in menu_labels(st))
    mine = await api.get_my_commands(scope=BotCommandScopeChat(4601))
    assert mine[0].description == t("ky", "My status"), "the member's set, in Kyrgyz"
    assert "pending" not in {c.command for c in mine}


async def test_the_menu_comes_back_after_a_phone_number_is_changed(bot):
    admin = await admin_phone(bot)
    member = await approved_member(bot, admin, 4701, "ru")
    await member.send("/profile")
    await tap(member, "✏️ " + t("ru", "Phone"))
    await tap(member, t("ru", "📱 Share my phone number"))
    await expect(member, t("ru", "Phone number saved: {phone}").split("{")[0])
    state = await member.wait_state(lambda st: t("ru", "📋 My status") in menu_labels(st))
    assert t("ru", "📱 Share my phone number") not in menu_labels(state)


async def test_a_coordinator_switching_language_gets_the_staff_commands_in_it(bot):
    admin = await admin_phone(bot)
    await admin.send("/language")
    await tap(admin, "Русский")
    await expect(admin, t("ru", "The menu is now in this language."))
    staff = await bot.app.bot.get_my_commands(scope=BotCommandScopeChat(ADMIN_ID))
    assert {c.command: c.description for c in staff}["pending"] == t(
        "ru", "Registrations to approve"
    )
    assert t("ru", "📣 Broadcast") in menu_labels(await admin.state())
