"""First run: an admin who has never written to the bot, no admin at all, and /myid."""

from __future__ import annotations

import asyncio
import logging
from io import BytesIO

from openpyxl import load_workbook

from bot.__main__ import _parser
from bot.accounts import cli
from tests.accounts.test_registration import APPROVED, admin_phone, register
from tests.conftest import ADMIN_ID, BotUnderTest, expect, seed, t, tap

STAFF = "You are project staff. Send /help to see your commands."
NO_COORDINATOR = (
    "The project has no coordinator in the bot yet, so your registration will wait. "
    "You will get a message here when it is approved."
)
MYID = "Your Telegram id: {id}\nAn admin can make you project staff with /promote {id}"


async def _status_of_cards(bot) -> list[tuple[str, str | None]]:
    rows = await bot.services.db.fetchall(
        "SELECT status, last_error FROM outbox WHERE kind = 'approval'"
    )
    return [(r["status"], r["last_error"]) for r in rows]


async def _wait_parked(bot) -> None:
    for _ in range(100):
        if any(status == "blocked" for status, _ in await _status_of_cards(bot)):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(await _status_of_cards(bot))


async def test_card_waits_for_an_admin_who_never_wrote(bot):
    member = bot.phone(1101, lang="ru")
    await register(bot, member, "ru")
    await _wait_parked(bot)
    admin = bot.phone(ADMIN_ID, lang="en", first_name="Admin")
    await admin.send("/start")
    await expect(admin, t("en", STAFF))
    card = await expect(admin, t("en", "New registration"))
    assert "Асанова Айгүл" in card["text"]
    waiting = t("en", "{count} registration is waiting for your decision: /pending")
    start = await expect(admin, waiting.format(count=1))
    assert start["text"].startswith(t("en", STAFF))


async def test_start_says_nothing_waits_when_nothing_does(bot):
    admin = bot.phone(ADMIN_ID, lang="en", first_name="Admin")
    await admin.send("/start")
    reply = await expect(admin, t("en", STAFF))
    assert "/pending" not in reply["text"]


async def test_no_admin_configured(emulator, tmp_path, caplog):
    db_path = tmp_path / "bot.sqlite3"
    await seed(db_path)
    under_test = BotUnderTest(emulator, db_path, MUNIBOT_ADMINS="")
    with caplog.at_level(logging.WARNING, logger="bot.app"):
        await under_test.start()
    try:
        assert any("MUNIBOT_ADMINS is empty" in r.getMessage() for r in caplog.records)
        member = under_test.phone(1102, lang="ky")
        await register(under_test, member, "ky", sent=NO_COORDINATOR)
        assert (await under_test.user(1102)).status == "pending"
        rows = await under_test.services.db.fetchall(
            "SELECT id FROM outbox WHERE kind = 'approval'"
        )
        assert rows == []
    finally:
        await under_test.close()


async def test_admins_configured_start_without_the_warning(emulator, tmp_path, caplog):
    db_path = tmp_path / "bot.sqlite3"
    await seed(db_path)
    under_test = BotUnderTest(emulator, db_path)
    with caplog.at_level(logging.WARNING, logger="bot.app"):
        await under_test.start()
    try:
        assert not any("MUNIBOT_ADMINS" in r.getMessage() for r in caplog.records)
    finally:
        await under_test.close()


async def test_myid_for_anyone_in_their_language(bot):
    stranger = bot.phone(1103, lang="ru")
    await stranger.send("/myid")
    reply = await expect(stranger, t("ru", MYID).format(id=1103))
    assert "1103" in reply["text"]
    assert await bot.user(1103) is None or (await bot.user(1103)).full_name is None
    admin = bot.phone(ADMIN_ID, lang="en")
    await admin.send("/myid")
    await expect(admin, f"Your Telegram id: {ADMIN_ID}")
    member = bot.phone(1104, lang="ky")
    await register(bot, member, "ky")
    await member.send("/myid")
    await expect(member, t("ky", MYID).format(id=1104))


async def test_export_people(bot, tmp_path):
    admin = await admin_phone(bot)
    member = bot.phone(1105, lang="ru")
    await register(bot, member, "ru", name="Токтогулова Нурзат")
    card = await expect(admin, t("en", "New registration"))
    await admin.press("✅ " + t("en", "Approve"), message_id=card["message_id"])
    await expect(member, t("ru", APPROVED)[:40])
    pending = bot.phone(1106, lang="ru")
    await register(bot, pending, "ru", name="Ждёт Решения")
    out = tmp_path / "people.xlsx"
    args = _parser().parse_args(["export", "people", "--out", str(out), "--lang", "ru"])
    assert cli.wanted(args)
    assert await cli.export_people(bot.config, args.out, args.lang) == 0
    sheet = load_workbook(out).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == [t("ru", "Name"), t("ru", "Role"), t("ru", "Position")]
    names = [r[0] for r in rows[1:]]
    assert "Токтогулова Нурзат" in names and "Ждёт Решения" not in names
    nurzat = rows[1 + names.index("Токтогулова Нурзат")]
    assert nurzat[4] == "Бешик-Джон" and nurzat[7].startswith("+996") and nurzat[9] == 1105
    assert nurzat[8] == "Русский" and nurzat[10] is not None
    assert nurzat[12] == t("ru", "approved")


async def test_people_command_sends_the_directory(bot):
    admin = await admin_phone(bot)
    member = bot.phone(1107, lang="ru")
    await register(bot, member, "ru")
    card = await expect(admin, t("en", "New registration"))
    await admin.press("✅ " + t("en", "Approve"), message_id=card["message_id"])
    await expect(member, t("ru", APPROVED)[:40])
    await admin.send("/people")
    await expect(admin, t("en", "People directory"))
    await tap(admin, "📥 XLSX")
    doc = await expect(admin, t("en", "People directory: {count} person").format(count=1))
    assert doc["document"]["file_name"].endswith(".xlsx")
    sheet = load_workbook(BytesIO(await admin.download(doc["document"]["file_id"]))).active
    assert [c.value for c in next(sheet.iter_rows(min_row=2))][0] == "Асанова Айгүл"
    await member.send("/people")
    await expect(member, t("ru", "This command is for project staff."))
