"""Registration can't be looped: at most 3 requests a day per Telegram account and per phone
number, each round's card is edited away when the person erases, a repeat replaces the card
still waiting instead of adding one, and no orphan row is left."""

from __future__ import annotations

from bot.core.labels import POSITION_LABELS
from tests.accounts.test_registration import APPROVED, admin_phone, register
from tests.conftest import alert, expect, t, tap
from tests.seminars.helpers import drain

LIMIT = "Too many registration requests: at most {limit} a day. Please try again tomorrow."
ERASED = "Erased member: this person deleted their personal data from the bot."
REPLACED = (
    "This registration card was replaced: the person changed their details, and a newer "
    "card was sent for approval."
)
DELETED = "Your personal data has been deleted. Send /start if you want to register again."


async def up_to_summary(phone, name: str) -> None:
    """Every step of registration in Russian, stopping at the summary (no confirm)."""
    await phone.send("/start")
    await tap(phone, "Русский")
    await tap(phone, t("ru", "📱 Share my phone number"))
    await tap(phone, "Джалал-Абадская область")
    await tap(phone, "Базар-Коргонский район")
    await tap(phone, "Бешик-Джон")
    await tap(phone, t("ru", POSITION_LABELS["head"]))
    await expect(phone, t("ru", "Please write your full name (surname, first name)."))
    await phone.send(name)
    await tap(phone, t("ru", "Female"))
    await expect(phone, t("ru", "Please check your details:"))


async def erase(phone) -> None:
    await phone.send("/deleteme")
    await tap(phone, t("ru", "Yes, delete my data"))
    await expect(phone, t("ru", DELETED))


def cards_with(messages: list[dict], text: str) -> list[dict]:
    return [m for m in messages if text in (m.get("text") or "")]


async def test_register_erase_register_is_refused_after_three_a_day(bot):
    admin = await admin_phone(bot)
    member = bot.phone(4101)
    for round_ in range(3):
        await register(bot, member, name=f"Петля {round_}")
        await expect(admin, f"Петля {round_}")
        await erase(member)
    await up_to_summary(member, "Петля 3")
    await tap(member, t("ru", "✅ Confirm"))
    assert await alert(member) == t("ru", LIMIT).format(limit=3)
    assert (await bot.user(4101)).status == "new", "the refused request saved nothing"
    await drain(bot)
    messages = await admin.messages()
    assert len(cards_with(messages, t("en", ERASED))) == 3, "each round's card is edited"
    assert not any("Петля" in (m.get("text") or "") for m in messages)
    db = bot.services.db
    assert await db.count("SELECT COUNT(*) FROM users WHERE status = 'deleted'") == 0
    keys = [r[0] for r in await db.fetchall("SELECT key FROM attempts")]
    assert len(keys) == 6 and not any("4101" in k or "996" in k for k in keys)


async def test_one_phone_number_is_limited_across_accounts(bot):
    await admin_phone(bot)
    for n in range(3):
        phone = bot.phone(4200 + n, phone_number="+996555123456")
        await register(bot, phone, name=f"Один Номер {n}")
    fourth = bot.phone(4203, phone_number="+996555123456")
    await up_to_summary(fourth, "Один Номер 3")
    await tap(fourth, t("ru", "✅ Confirm"))
    assert await alert(fourth) == t("ru", LIMIT).format(limit=3)
    other = bot.phone(4204)
    await register(bot, other, name="Другой Номер")
    assert (await bot.user(4204)).status == "pending"


async def test_a_repeat_replaces_the_waiting_card(bot):
    admin = await admin_phone(bot)
    member = bot.phone(4301)
    await register(bot, member, name="Первое Имя")
    first = await expect(admin, "Первое Имя")
    assert first["buttons"]
    await member.send("/profile")
    await tap(member, "✏️ " + t("ru", "Name"))
    await member.send("Второе Имя")
    await expect(member, t("ru", "Your profile"))
    second = await expect(admin, "Второе Имя")
    await drain(bot)
    state = await admin.wait_state(
        lambda st: cards_with(st["messages"], t("en", REPLACED)), timeout=5
    )
    replaced = next(m for m in state["messages"] if m["message_id"] == first["message_id"])
    assert t("en", REPLACED) in replaced["text"] and not replaced.get("buttons")
    live = [m for m in state["messages"] if m.get("buttons")]
    assert [m["message_id"] for m in live] == [second["message_id"]], "only the new card is live"
    await admin.press("✅ " + t("en", "Approve"), message_id=second["message_id"])
    await expect(member, t("ru", APPROVED)[:30])
    assert (await bot.user(4301)).status == "approved"
