"""After registration: language, profile edits, roles, forged buttons, and erasing one's data."""

from __future__ import annotations

from bot.callback_data import ApprovalCb
from tests.conftest import ADMIN_ID, alert, expect, t, tap
from tests.test_registration import APPROVED, admin_phone, register


async def approved_member(bot, admin, user_id, lang="ru", name="Асанова Айгүл"):
    member = bot.phone(user_id, lang=lang)
    await register(bot, member, lang, name=name)
    card = await expect(admin, name)
    await admin.press("✅ " + t("en", "Approve"), message_id=card["message_id"])
    await expect(member, t(lang, APPROVED)[:30])
    return member


async def test_switching_language_changes_every_text(bot):
    admin = await admin_phone(bot)
    member = await approved_member(bot, admin, 3001, "ru")
    await member.send("/language")
    await tap(member, "Кыргызча")
    await expect(member, t("ky", "Language: {language}").format(language="Кыргызча"))
    await member.send("/profile")
    card = await expect(member, t("ky", "Your profile"))
    assert "Бешик-Жон, Базар-Коргон району" in card["text"]
    assert t("ky", "Head of the aiyl okmotu") in card["text"]
    assert (await bot.user(3001)).lang == "ky"
    await member.send("/help")
    await expect(member, t("ky", "/profile – see and change your details"))
    await member.send("/start")
    await expect(
        member, t("ky", "You are already registered. Send /profile to see or change your details.")
    )


async def test_profile_edits_and_a_move_needs_approval_again(bot):
    admin = await admin_phone(bot)
    member = await approved_member(bot, admin, 3002, "ru")
    await member.send("/profile")
    await tap(member, "✏️ " + t("ru", "Name"))
    await expect(member, t("ru", "Please write your full name (surname, first name)."))
    await member.send("Асанова Айгүл Токтоматовна")
    saved = await expect(member, t("ru", "Your profile"))
    assert "Асанова Айгүл Токтоматовна" in saved["text"]
    assert (await bot.user(3002)).status == "approved"
    await tap(member, "✏️ " + t("ru", "Municipality"))
    await expect(member, t("ru", "Choose your region:"))
    await member.send("Kok-Moinok")
    await tap(member, "Кок-Мойнок")
    moved = await expect(member, t("ru", "Your profile"))
    assert "Тонский район" in moved["text"]
    assert (await bot.user(3002)).status == "pending"
    await expect(admin, "Асанова Айгүл Токтоматовна")


async def test_a_member_forging_a_coordinators_button_changes_nothing(bot):
    admin = await admin_phone(bot)
    first = bot.phone(3003)
    await register(bot, first, name="Первый Участник")
    await expect(admin, "Первый Участник")
    intruder = await approved_member(bot, admin, 3004, name="Второй Участник")
    target = (await bot.user(3003)).id
    messages = await intruder.messages()
    forged = ApprovalCb(user_id=target, submission=1, decision="approve").pack()
    await intruder.press(message_id=messages[-1]["message_id"], callback_data=forged)
    assert await alert(intruder) == t("ru", "You are not allowed to do this.")
    assert (await bot.user(3003)).status == "pending"
    await intruder.press(message_id=messages[-1]["message_id"], callback_data="appr2:1:1:approve:x")
    assert await alert(intruder) == t("ru", "This button is no longer valid.")
    await intruder.send("/pending")
    await expect(intruder, t("ru", "This command is for project staff."))


async def test_a_coordinator_limited_to_a_region(bot):
    admin = await admin_phone(bot)
    coordinator = bot.phone(3005, lang="ru", first_name="Координатор")
    await coordinator.send("/start")
    await tap(coordinator, "Русский")
    await admin.send("/promote 3005 osh")
    await expect(
        admin, t("en", "{name} is now: {role}.").format(name="Координатор", role="coordinator")
    )
    await expect(
        coordinator, t("ru", "Your role is now: {role}.").format(role=t("ru", "coordinator"))
    )
    member = bot.phone(3006)
    await register(bot, member, name="Житель Джалал-Абада")
    card = await expect(admin, "Житель Джалал-Абада")
    await coordinator.send("/pending")
    await expect(coordinator, t("ru", "No registrations are waiting for approval."))
    forged = card["buttons"][0][0]["callback_data"]
    last = (await coordinator.messages())[-1]
    await coordinator.press(message_id=last["message_id"], callback_data=forged)
    assert await alert(coordinator) == t("ru", "You are not allowed to do this.")
    assert (await bot.user(3006)).status == "pending"
    await admin.send("/promote 3005")
    await expect(
        admin, t("en", "{name} is now: {role}.").format(name="Координатор", role="coordinator")
    )
    await coordinator.send("/pending")
    listed = await expect(coordinator, "Житель Джалал-Абада")
    await coordinator.press("✅ " + t("ru", "Approve"), message_id=listed["message_id"])
    await expect(member, t("ru", APPROVED)[:30])
    await admin.send("/demote 3005")
    await expect(admin, t("en", "{name} is now: {role}.").format(name="Координатор", role="member"))
    await coordinator.send("/staff")
    await expect(coordinator, t("ru", "This command is for project staff."))


async def test_only_admins_promote(bot):
    admin = await admin_phone(bot)
    member = await approved_member(bot, admin, 3007)
    await member.send(f"/promote {3007}")
    await expect(member, t("ru", "This command is for administrators."))
    assert (await bot.user(3007)).role == "member"
    await admin.send("/promote 999999")
    await expect(admin, "999999")
    assert ADMIN_ID in bot.config.admins


async def test_deleteme_erases_personal_data_and_keeps_counts(bot):
    admin = await admin_phone(bot)
    member = await approved_member(bot, admin, 3008)
    user_id = (await bot.user(3008)).id
    await member.send("/deleteme")
    await tap(member, t("ru", "No, keep it"))
    await expect(member, t("ru", "Nothing was deleted."))
    assert (await bot.user(3008)) is not None
    await member.send("/deleteme")
    await tap(member, t("ru", "Yes, delete my data"))
    await expect(
        member,
        t("ru", "Your personal data has been deleted. Send /start if you want to register again."),
    )
    assert await bot.user(3008) is None
    row = await bot.services.db.fetchone(
        "SELECT full_name, phone, telegram_id, status, gender, municipality_id, position"
        " FROM users WHERE id = ?",
        (user_id,),
    )
    assert tuple(row)[:4] == (None, None, None, "deleted")
    assert row["gender"] == "female" and row["municipality_id"] and row["position"] == "head"
    await member.send("/start")
    await expect(member, t("ky", "Choose your language:"))
