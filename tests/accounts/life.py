"""A member with a realistic life in the bot, for the erasure and "my data" tests: registered
and approved through the chat, invited and answered, checked in and commented, sent a
submission with a file named after herself, got broadcasts (one still scheduled), was reviewed
in the audit log, and has a profile edit open."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta

from bot.competitions.repo import submissions as subs_repo
from bot.emulator.client import Phone
from bot.i18n import translator
from tests.accounts.test_registration import APPROVED, admin_phone, register
from tests.competitions.helpers import OPENS, make_competition
from tests.conftest import ADMIN_ID, BotUnderTest, expect, t, tap
from tests.seminars.helpers import START, drain, make_seminar

TID = 48_173_659
COORDINATOR = 48_000_002
NAME = "Бектурганова Нуриза"
SURNAME = "Бектурганова"
TG_NAME = "Нуризочка"
FILE_NAME = NAME + ".pdf"
PDF = b"%PDF-1.4\n% the campaign report\n"
COMMENT = "Очень полезно, спасибо! " + NAME
DELETED = "Your personal data has been deleted. Send /start if you want to register again."
ERASED = "Erased member: this person deleted their personal data from the bot."
SENT = "Sent. Receipt number: {receipt}. Version {version} is the one that counts."
ATTACHED = (
    translator("ru")
    .ngettext(
        "{count} file attached (at most {limit}).", "{count} files attached (at most {limit}).", 1
    )
    .format(count=1, limit=5)
)


@dataclass
class Life:
    admin: Phone
    coordinator: Phone
    member: Phone
    coordinator_card: dict
    user_id: int
    phone_number: str
    receipt: str


async def coordinator_phone(bot: BotUnderTest, admin: Phone) -> Phone:
    coordinator = bot.phone(COORDINATOR, lang="ru", first_name="Координатор")
    await coordinator.send("/start")
    await tap(coordinator, "Русский")
    await admin.send(f"/promote {COORDINATOR}")
    await expect(
        coordinator, t("ru", "Your role is now: {role}.").format(role=t("ru", "coordinator"))
    )
    return coordinator


async def submit_file(bot: BotUnderTest, phone: Phone, file_name: str) -> str:
    """Through the bot's own draft: a text, a figure, one document; returns the receipt."""
    await phone.send("/competitions")
    await tap(phone, "📝 " + t("ru", "Prepare our submission"))
    await tap(phone, "▶️ " + t("ru", "Start"))
    await phone.send("Провели 12 встреч с жителями.")
    await expect(
        phone, t("ru", "How many residents did it reach? Send one number, for example 1200.")
    )
    await phone.send("800")
    await phone.send(document=(file_name, PDF))
    await expect(phone, ATTACHED)
    await tap(phone, "✅ " + t("ru", "Done with files"))
    await tap(phone, "✅ " + t("ru", "Send"))
    sent = await expect(phone, t("ru", SENT).split("{receipt}")[0])
    receipt = next(w.strip(".") for w in sent["text"].split() if w.startswith("IC-"))
    await archived(bot)
    return receipt


async def archived(bot: BotUnderTest) -> None:
    for _ in range(200):
        waiting = await bot.services.db.count(
            "SELECT COUNT(*) FROM submission_files WHERE archive_status = 'pending'"
        )
        if not waiting:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the file was not archived")


async def broadcast(bot: BotUnderTest, ru: str, at: str | None = None) -> None:
    """An announcement to all members, through the wizard's service calls."""
    wizard = bot.services.broadcast_wizard
    await wizard.begin(ADMIN_ID)
    await wizard.text(ADMIN_ID, "Кулактандыруу", 13)
    await wizard.text(ADMIN_ID, ru, len(ru))
    await wizard.skip(ADMIN_ID)
    await wizard.choose_kind(ADMIN_ID, "all")
    await wizard.when(ADMIN_ID, at)
    await wizard.confirm(ADMIN_ID)


async def live(bot: BotUnderTest) -> Life:
    svc, clock = bot.services, bot.clock
    admin = await admin_phone(bot)
    coordinator = await coordinator_phone(bot, admin)
    member = bot.phone(TID, lang="ru", first_name=TG_NAME)
    await register(bot, member, "ru", name=NAME)
    card = await expect(coordinator, NAME)
    admin_card = await expect(admin, NAME)
    await admin.press("✅ " + t("en", "Approve"), message_id=admin_card["message_id"])
    await expect(member, t("ru", APPROVED)[:30])
    user = await bot.user(TID)
    seminar = await make_seminar(bot)
    await svc.rsvp.answer(TID, seminar.id, "yes")
    await broadcast(bot, "Семинар пройдёт 5 декабря.")
    await broadcast(bot, "Напоминание на следующий год.", "25.12.2030 14:30")
    competition = await make_competition(bot)
    clock.set(OPENS + timedelta(minutes=1))
    await drain(bot)
    receipt = await submit_file(bot, member, FILE_NAME)
    submission = await subs_repo.of_competition(svc.db, competition.id)
    await svc.reviews.set_status(ADMIN_ID, submission[0].id, "under_review")
    clock.set(START + timedelta(minutes=10))
    await svc.attendance.check_in(TID, seminar.checkin_code, "code")
    await svc.attendance.rate(TID, seminar.id, 5)
    await svc.attendance.comment(TID, COMMENT)
    await drain(bot)
    await member.send("/profile")
    await tap(member, "✏️ " + t("ru", "Name"))
    await expect(member, t("ru", "Please write your full name (surname, first name)."))
    return Life(admin, coordinator, member, card, user.id, user.phone, receipt)


async def erase(life: Life) -> None:
    await life.member.send("/deleteme")
    await tap(life.member, t("ru", "Yes, delete my data"))
    await expect(life.member, t("ru", DELETED))
