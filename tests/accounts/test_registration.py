"""Registration end to end: phones talk to the emulator, the real bot answers over HTTP."""

from __future__ import annotations

from bot.core.labels import POSITION_LABELS
from tests.conftest import ADMIN_ID, alert, expect, t, tap

SENT = (
    "Thank you! Your registration has been sent to the project coordinators. "
    "You will get a message here when it is approved."
)
APPROVED = "Your registration is approved. Welcome!"
REJECTED = "Your registration was not approved."


async def register(bot, phone, lang="ru", name="Асанова Айгүл", position="head", sent=SENT):
    """Walks the whole flow by tapping, the way a member on a phone would; `sent` is the
    answer expected to the final confirm."""
    await phone.send("/start")
    await expect(phone, t("ky", "Choose your language:"))
    await tap(phone, {"ky": "Кыргызча", "ru": "Русский", "en": "English"}[lang])
    await expect(phone, t(lang, "Please share your phone number with the button below."))
    await tap(phone, t(lang, "📱 Share my phone number"))
    await expect(phone, t(lang, "Choose your region:"))
    await tap(phone, {"ky": "Жалал-Абад облусу", "ru": "Джалал-Абадская область"}[lang])
    await expect(phone, t(lang, "Choose your district:"))
    await tap(phone, {"ky": "Базар-Коргон району", "ru": "Базар-Коргонский район"}[lang])
    await expect(phone, t(lang, "Choose your aiyl aimak or town:"))
    await tap(phone, {"ky": "Бешик-Жон", "ru": "Бешик-Джон"}[lang])
    await expect(phone, t(lang, "What is your position?"))
    await tap(phone, t(lang, POSITION_LABELS[position]))
    await expect(phone, t(lang, "Please write your full name (surname, first name)."))
    await phone.send(name)
    await expect(phone, t(lang, "Your gender:"))
    await tap(phone, t(lang, "Female"))
    summary = await expect(phone, t(lang, "Please check your details:"))
    await tap(phone, t(lang, "✅ Confirm"))
    await expect(phone, t(lang, sent))
    return summary


async def reject(admin, card, reason: str = "Details look wrong", lang: str = "en"):
    """Reject on the card, then a preset reason, as a coordinator does."""
    await admin.press("❌ " + t(lang, "Reject"), message_id=card["message_id"])
    await expect(admin, t(lang, "Why is it rejected? The person will read the reason."))
    await admin.press(t(lang, reason), message_id=card["message_id"])


async def admin_phone(bot):
    admin = bot.phone(ADMIN_ID, lang="en", first_name="Admin")
    await admin.send("/start")
    await expect(admin, t("en", "You are project staff. Send /help to see your commands."))
    return admin


async def test_registration_in_russian_and_approval(bot):
    admin = await admin_phone(bot)
    member = bot.phone(1001, lang="ru")
    summary = await register(bot, member, "ru")
    assert "Бешик-Джон, Базар-Коргонский район, Джалал-Абадская область" in summary["text"]
    assert t("ru", "Head of the aiyl okmotu") in summary["text"]
    assert (await bot.user(1001)).status == "pending"
    card = await expect(admin, t("en", "New registration"))
    assert "Асанова Айгүл" in card["text"] and "Beshik-Jon" in card["text"]
    await admin.press("✅ " + t("en", "Approve"), message_id=card["message_id"])
    await expect(admin, t("en", "Approved by {name}").format(name="Admin"))
    await expect(member, t("ru", APPROVED)[:40])
    user = await bot.user(1001)
    assert user.status == "approved" and user.phone.startswith("+996")
    assert (user.full_name, user.gender, user.position, user.lang) == (
        "Асанова Айгүл",
        "female",
        "head",
        "ru",
    )


async def test_registration_in_kyrgyz_by_typing_and_rejection(bot):
    admin = await admin_phone(bot)
    member = bot.phone(1002, lang="ky", first_name="Бакыт")
    await member.send("/start")
    await tap(member, "Кыргызча")
    await tap(member, t("ky", "📱 Share my phone number"))
    await expect(member, t("ky", "Choose your region:"))
    await member.send("kok moinok")
    await expect(member, t("ky", "Is it one of these?"))
    await tap(member, "Көк-Мойнок")
    await expect(member, t("ky", "What is your position?"))
    await tap(member, t("ky", POSITION_LABELS["specialist"]))
    await expect(member, t("ky", "What is your field of work? For example: finance, land, water."))
    await member.send("жер маселелери")
    await member.send("Токтогулов Бакыт")
    await tap(member, t("ky", "Male"))
    summary = await expect(member, t("ky", "Please check your details:"))
    assert "Көк-Мойнок, Тоң району, Ысык-Көл облусу" in summary["text"]
    assert "(жер маселелери)" in summary["text"]
    await tap(member, t("ky", "✅ Confirm"))
    card = await expect(admin, "Токтогулов Бакыт")
    await reject(admin, card)
    await expect(member, t("ky", REJECTED))
    assert (await bot.user(1002)).status == "rejected"
    await member.send("/start")
    again = await expect(member, t("ky", "Please check your details:"))
    assert "Токтогулов Бакыт" in again["text"] and "Көк-Мойнок" in again["text"]


async def test_second_decision_on_the_same_card_changes_nothing(bot):
    admin = await admin_phone(bot)
    member = bot.phone(1003)
    await register(bot, member)
    card = await expect(admin, t("en", "New registration"))
    await admin.press("✅ " + t("en", "Approve"), message_id=card["message_id"])
    await expect(member, t("ru", APPROVED)[:40])
    await alert(admin)  # the first tap's own answer, which may come after the member's message
    forged = card["buttons"][0][1]["callback_data"]
    await admin.press(message_id=card["message_id"], callback_data=forged)
    assert t("en", "Approved by {name}").format(name="Admin") in await alert(admin)
    assert (await bot.user(1003)).status == "approved"


async def test_restart_in_the_middle_of_registration_resumes(bot):
    member = bot.phone(1004, lang="ru")
    await member.send("/start")
    await tap(member, "Русский")
    await tap(member, t("ru", "📱 Share my phone number"))
    await expect(member, t("ru", "Choose your region:"))
    await tap(member, "Джалал-Абадская область")
    await expect(member, t("ru", "Choose your district:"))
    await bot.restart()
    await tap(member, "Базар-Коргонский район")
    await expect(member, t("ru", "Choose your aiyl aimak or town:"))
    await bot.restart()
    await member.send("/start")
    await expect(member, t("ru", "Welcome back! Let's continue where you stopped."))
    await expect(member, t("ru", "Choose your aiyl aimak or town:"))
    await tap(member, "Бешик-Джон")
    await expect(member, t("ru", "What is your position?"))
    flow = await bot.services.registration.current(1004)
    assert flow.data["municipality_id"] and flow.data["phone"].startswith("+996")


async def test_one_field_can_be_corrected_from_the_summary(bot):
    member = bot.phone(1005, lang="ru")
    await register_until_summary(member)
    await tap(member, "✏️ " + t("ru", "Name"))
    await expect(member, t("ru", "Please write your full name (surname, first name)."))
    await member.send("Исправленное Имя")
    summary = await expect(member, t("ru", "Please check your details:"))
    assert "Исправленное Имя" in summary["text"] and "Бешик-Джон" in summary["text"]
    await tap(member, "✏️ " + t("ru", "Municipality"))
    await expect(member, t("ru", "Choose your region:"))
    await member.send("Kok-Moinok")
    await tap(member, "Кок-Мойнок")
    summary = await expect(member, t("ru", "Please check your details:"))
    assert "Кок-Мойнок" in summary["text"] and "Исправленное Имя" in summary["text"]
    await tap(member, t("ru", "✅ Confirm"))
    await expect(member, t("ru", SENT))
    user = await bot.user(1005)
    assert user.full_name == "Исправленное Имя" and user.status == "pending"


async def register_until_summary(phone):
    await phone.send("/start")
    await tap(phone, "Русский")
    await tap(phone, t("ru", "📱 Share my phone number"))
    await tap(phone, "Джалал-Абадская область")
    await tap(phone, "Базар-Коргонский район")
    await tap(phone, "Бешик-Джон")
    await tap(phone, t("ru", POSITION_LABELS["head"]))
    await expect(phone, t("ru", "Please write your full name (surname, first name)."))
    await phone.send("Первое Имя")
    await tap(phone, t("ru", "Female"))
    await expect(phone, t("ru", "Please check your details:"))
