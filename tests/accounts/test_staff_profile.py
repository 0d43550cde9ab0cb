"""Staff who are not registered members have a profile of their own (name, organisation,
phone, shared or typed), set with /profile and shown on their registration decisions and in
/staff."""

from __future__ import annotations

from tests.accounts.test_registration import register
from tests.conftest import ADMIN_ID, expect, t, tap
from tests.programmes import coordinator_of

INTRO = (
    "Your staff profile: members see your name and organisation on the decisions you make. "
    "It takes three answers."
)
NAME = "Please write your full name (surname, first name)."
ORGANISATION = "Your organisation? For example: Helvetas, DPI."
STAFF_PHONE = (
    "Share your phone number with the button below, or type the number members should call, "
    "for example +996 555 123 456."
)
COORDINATOR = 700_201


async def fill_profile(phone, lang: str, name: str, organisation: str, typed: str | None):
    """The first /profile asks all three; `typed` None shares the contact instead."""
    await phone.send("/profile")
    await expect(phone, t(lang, INTRO))
    await expect(phone, t(lang, NAME))
    await phone.send(name)
    await expect(phone, t(lang, ORGANISATION))
    await phone.send(organisation)
    await expect(phone, t(lang, STAFF_PHONE))
    if typed is None:
        await tap(phone, t(lang, "📱 Share my phone number"))
    else:
        await phone.send(typed)
    return await expect(phone, "✓ " + t(lang, "Saved."))


async def test_the_admins_profile_is_on_the_approval_card(bot):
    admin = bot.phone(ADMIN_ID, lang="en", first_name="Admin")
    profile = await fill_profile(admin, "en", "Токтосунова Айгүл", "Helvetas", "0555 123 456")
    assert t("en", "Your staff profile") in profile["text"]
    assert "Helvetas" in profile["text"] and "+996555123456" in profile["text"]
    saved = await bot.user(ADMIN_ID)
    assert (saved.full_name, saved.organisation, saved.phone, saved.status) == (
        "Токтосунова Айгүл", "Helvetas", "+996555123456", "new")  # fmt: skip

    member = bot.phone(1201, lang="ru")
    await register(bot, member, "ru")
    card = await expect(admin, t("en", "New registration"))
    await admin.press("✅ " + t("en", "Approve"), message_id=card["message_id"])
    approved_by = t("en", "Approved by {name}, {organisation}")
    await expect(admin, approved_by.format(name="Токтосунова Айгүл", organisation="Helvetas"))


async def test_a_coordinators_profile_on_a_rejection_and_in_staff(bot):
    user_id = await coordinator_of(bot, COORDINATOR, 1)
    await bot.services.db.execute("UPDATE users SET full_name = NULL WHERE id = ?", (user_id,))
    coordinator = bot.phone(COORDINATOR, lang="ru")
    await fill_profile(coordinator, "ru", "Исаков Нурлан", "DPI", None)
    phone = (await bot.user(COORDINATOR)).phone
    assert phone and phone.startswith("+")

    await tap(coordinator, "✏️ " + t("ru", "Organisation"))
    await expect(coordinator, t("ru", ORGANISATION))
    await coordinator.send("DPI Кыргызстан")
    await expect(coordinator, "✓ " + t("ru", "Saved."))
    assert (await bot.user(COORDINATOR)).organisation == "DPI Кыргызстан"

    await coordinator.send("/staff")
    staff = await expect(coordinator, "Исаков Нурлан")
    assert f"DPI Кыргызстан · {phone}" in staff["text"]

    member = bot.phone(1202, lang="ky")
    await register(bot, member, "ky", name="Жумабаева Динара")
    card = await expect(coordinator, "Жумабаева Динара")
    await coordinator.press("❌ " + t("ru", "Reject"), message_id=card["message_id"])
    await tap(coordinator, t("ru", "Details look wrong"))
    rejected_by = t("ru", "Rejected by {name}, {organisation}")
    by = rejected_by.format(name="Исаков Нурлан", organisation="DPI Кыргызстан")
    await expect(coordinator, by)
    rejection = await expect(member, t("ky", "Your registration was not approved."))
    assert "Исаков Нурлан, DPI Кыргызстан" in rejection["text"]


async def test_a_member_keeps_the_member_profile(bot):
    member = bot.phone(1203, lang="ru")
    await register(bot, member, "ru")
    await member.send("/profile")
    card = await expect(member, t("ru", "Your profile"))
    assert t("ru", "Organisation") not in str(card["buttons"])
