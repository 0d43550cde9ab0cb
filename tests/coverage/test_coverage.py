"""/coverage through the emulator: the municipalities with nobody registered come first, the
regions and districts open with buttons, a region-limited coordinator is refused another
region, and `python -m bot export coverage` writes the same figures as a spreadsheet."""

from __future__ import annotations

import asyncio

from openpyxl import load_workbook

from bot.__main__ import main
from bot.core import users as users_repo
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.coverage.callbacks import CoverageCb
from bot.i18n import translator
from tests.conftest import ADMIN_ID, add_members, alert, expect, t, tap
from tests.programmes import coordinator_of, two_programmes

RU = translator("ru")
ISSYK_KUL_COORDINATOR = 700_101


def headline(count: int, registered: int, nobody: int) -> str:
    return RU.ngettext(
        "{count} municipality: {registered} registered, {nobody} with nobody",
        "{count} municipalities: {registered} registered, {nobody} with nobody",
        count,
    ).format(count=count, registered=registered, nobody=nobody)


async def region_id(bot, code: str) -> int:
    row = await bot.services.db.fetchone("SELECT id FROM regions WHERE code = ?", (code,))
    return int(row[0])


async def world(bot) -> None:
    """Two approved heads in Beshik-Jon; one registration waiting in Kenesh."""
    db = bot.services.db
    await add_members(db, bot.emulator.url, [600_001, 600_002])
    kenesh = await db.fetchone("SELECT id FROM municipalities WHERE name_en = 'Kenesh'")
    user = await users_repo.ensure(db, 600_003, "Waiting", "2026-01-01")
    await users_repo.update_fields(db, user.id, "2026-01-01", municipality_id=kenesh[0],
                                   position="specialist", full_name="Waiting")  # fmt: skip
    await db.execute("UPDATE users SET status = 'pending' WHERE id = ?", (user.id,))


async def test_coverage_lists_the_municipalities_with_nobody_registered(bot):
    await world(bot)
    staff = bot.phone(ADMIN_ID, lang="ru")
    await staff.send("/coverage")
    top = await expect(staff, headline(22, 1, 21))
    text = top["text"]
    nobody = text.split(t("ru", "With nobody registered:"))[1].split(t("ru", "By region:"))[0]
    assert "Кенеш, Базарком" not in nobody and "Кенеш" in nobody, "pending is not registered"
    assert "Бешик-Джон" not in text
    assert t("ru", "Approved staff: {staff} · registrations pending: {pending}").format(
        staff=2, pending=1) in text  # fmt: skip

    await tap(staff, "Джалал-Абадская область")
    region = await expect(staff, headline(6, 1, 5))
    assert t("ru", "By district:") in region["text"]
    await tap(staff, "Базар-Коргонский район")
    district = await expect(staff, headline(2, 1, 1))
    head = t("ru", "Head of the aiyl okmotu")
    assert f"Бешик-Джон: 2 ({head} 2)" in district["text"]
    assert "Кенеш: 0 · " + t("ru", "{count} pending").format(count=1) in district["text"]
    await tap(staff, "« " + t("ru", "Back"))
    await expect(staff, headline(6, 1, 5))


async def test_a_region_limited_coordinator_is_refused_another_region(bot):
    psi, _ = await two_programmes(bot)
    issyk_kul = await region_id(bot, "issyk-kul")
    await coordinator_of(bot, ISSYK_KUL_COORDINATOR, psi, [issyk_kul])
    await world(bot)
    staff = bot.phone(ISSYK_KUL_COORDINATOR, lang="ru")
    await staff.send("/coverage")
    top = await expect(staff, headline(12, 0, 12))
    assert "Джалал-Абад" not in top["text"] and "Кенеш" not in top["text"]

    jalal_abad = await region_id(bot, "jalal-abad")
    forged = CoverageCb(programme_id=0, region_id=jalal_abad, district_id=0).pack()
    await staff.press(message_id=top["message_id"], callback_data=forged)
    assert await alert(staff) == refusal_text(RU, Refusal("coverage_other_region"))
    district = await bot.services.db.fetchone(
        "SELECT id FROM districts WHERE code = 'jalal-abad/bazar-korgon'"
    )
    forged = CoverageCb(programme_id=psi, region_id=0, district_id=district[0]).pack()
    await staff.press(message_id=top["message_id"], callback_data=forged)
    assert await alert(staff) == refusal_text(RU, Refusal("coverage_other_region"))


async def test_the_export_writes_the_file(bot, tmp_path, monkeypatch):
    await two_programmes(bot)
    await world(bot)
    for name in ("BOT_TOKEN", "MUNIBOT_ADMINS", "MUNIBOT_API_BASE", "MUNIBOT_DEFAULT_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MUNIBOT_DB", bot.config.db_path)
    monkeypatch.chdir(tmp_path)
    printed: list[str] = []
    monkeypatch.setattr("builtins.print", lambda *a, **k: printed.append(" ".join(map(str, a))))

    code = await asyncio.to_thread(
        main, ["export", "coverage", "--programme", "psi", "--lang", "ru"]
    )

    assert code == 0 and printed == ["coverage-psi.xlsx"]
    sheet = load_workbook(tmp_path / "coverage-psi.xlsx").worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == headline(22, 1, 21)
    assert rows[1][:4] == [t("ru", "Region"), t("ru", "District"), t("ru", "Municipality"),
                           t("ru", "Approved staff")]  # fmt: skip
    assert len(rows) == 2 + 22
    assert rows[-1][2] == "Бешик-Джон" and rows[-1][3] == 2, "nobody-registered rows first"
    kenesh = next(r for r in rows if r[2] == "Кенеш")
    assert kenesh[3] == 0 and kenesh[-1] == 1

    assert await asyncio.to_thread(main, ["export", "coverage", "--programme", "nope"]) == 1
