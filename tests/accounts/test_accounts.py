"""After registration: language, profile edits, roles, forged buttons, and erasing one's data."""

from __future__ import annotations

from bot.accounts.callbacks import ApprovalCb
from tests.accounts.test_registration import APPROVED, REJECTED, admin_phone, register, reject
from tests.conftest import ADMIN_ID, alert, expect, t, tap


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
    await expect(member, t("ky", "📋 My status – everything that concerns you now, on one screen"))
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


async def test_an_old_approval_card_cannot_approve_a_new_submission(bot):
    admin = await admin_phone(bot)
    member = bot.phone(3101)
    await register(bot, member, name="Первое Имя")
    old_card = await expect(admin, "Первое Имя")
    await reject(admin, old_card)
    await expect(member, t("ru", REJECTED))
    await member.send("/start")
    await expect(member, t("ru", "Please check your details:"))
    await tap(member, "✏️ " + t("ru", "Name"))
    await expect(member, t("ru", "Please write your full name (surname, first name)."))
    await member.send("Второе Имя")
    await expect(member, "Второе Имя")
    await tap(member, t("ru", "✅ Confirm"))
    await expect(admin, "Второе Имя")
    approve_old = old_card["buttons"][0][0]["callback_data"]
    await admin.press(message_id=old_card["message_id"], callback_data=approve_old)
    assert await alert(admin) == t("en", "This button is no longer valid.")
    assert (await bot.user(3101)).status == "pending"


async def test_a_reviewer_name_with_html_does_not_break_the_card(bot):
    admin = bot.phone(ADMIN_ID, lang="en", first_name="<Admin & Co>")
    await admin.send("/start")
    member = bot.phone(3102)
    await register(bot, member)
    card = await expect(admin, t("en", "New registration"))
    await admin.press("✅ " + t("en", "Approve"), message_id=card["message_id"])
    done = await expect(admin, "Approved by <Admin & Co>")
    assert done["buttons"] == []
    await expect(member, t("ru", APPROVED)[:30])


async def test_out_of_region_coordinator_gets_no_card_and_cannot_list_it(bot):
    admin = await admin_phone(bot)
    coordinator = bot.phone(3103, lang="ru", first_name="Ошский")
    await coordinator.send("/start")
    await tap(coordinator, "Русский")
    await admin.send("/promote 3103 osh atlantis")
    await expect(admin, "atlantis")
    await admin.send("/promote 3103 osh")
    await expect(
        coordinator, t("ru", "Your role is now: {role}.").format(role=t("ru", "coordinator"))
    )
    member = bot.phone(3104)
    await register(bot, member, name="Житель Бешик-Джона")
    await expect(admin, "Житель Бешик-Джона")
    await coordinator.send("/pending")
    await expect(coordinator, t("ru", "No registrations are waiting for approval."))
    texts = [m.get("text") or "" for m in await coordinator.messages()]
    assert not any("Житель Бешик-Джона" in text for text in texts)


async def test_configured_admins_cannot_be_demoted_from_the_chat(bot):
    admin = await admin_phone(bot)
    await admin.send(f"/demote {ADMIN_ID}")
    await expect(admin, "MUNIBOT_ADMINS")
    assert (await bot.services.people.actor(ADMIN_ID)).is_admin


async def test_deleteme_also_scrubs_cards_about_the_person(bot):
    member = bot.phone(3105)
    await register(bot, member, name="Удаляемый Человек")
    user_id = (await bot.user(3105)).id
    await member.send("/deleteme")
    await tap(member, t("ru", "Yes, delete my data"))
    await expect(
        member,
        t("ru", "Your personal data has been deleted. Send /start if you want to register again."),
    )
    db = bot.services.db
    rows = await db.fetchall("SELECT params FROM outbox WHERE params LIKE ?", ("%Удаляемый%",))
    assert rows == [], "no queued card keeps the name"
    assert await db.fetchone("SELECT 1 FROM flows WHERE telegram_id = 3105") is None
    never_approved = await db.fetchone("SELECT 1 FROM users WHERE id = ?", (user_id,))
    assert never_approved is None, "a registration never approved leaves no row behind"


async def test_a_card_decided_after_a_language_change_is_written_in_the_new_one(bot):
    admin = await admin_phone(bot)
    await register(bot, bot.phone(3301, lang="ru"), "ru", name="Токтосунова Айгүл")
    card = await expect(admin, "Токтосунова Айгүл")
    await admin.send("/language")
    await tap(admin, "Русский")
    await expect(admin, t("ru", "The menu is now in this language."))
    await admin.press("✅ " + t("en", "Approve"), message_id=card["message_id"])
    decided = await expect(admin, t("ru", "Approved by {name}").format(name="Admin"))
    assert decided["message_id"] == card["message_id"]
    assert t("ru", "New registration") in decided["text"] and "Бешик-Джон" in decided["text"]
    assert t("en", "New registration") not in decided["text"]
