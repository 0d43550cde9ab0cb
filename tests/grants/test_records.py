"""A project's record as staff keep it and everyone reads it: milestones typed as lines, a
percent, refusals of what can't be read (nothing stored), the member's /status, the staff list
and /status naming what is late, and the donor report's grants section and sheet."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from bot.grants.callbacks import GrantCb
from bot.grants.service.changes import Changes
from bot.grants.views import donor as grant_views
from bot.i18n import translator
from bot.reports import views as report_views
from bot.reports import xlsx
from tests.conftest import ADMIN_ID, expect, t, tap
from tests.grants.helpers import BESHIK, KY, RU, admin_phone, project_of, published
from tests.seminars.helpers import forge

PUMPS = "Закупить насосы"
LINES = f"{PUMPS}; 15.12.2026\nУстановить насосы — 30.01.2027"


async def milestones(sbot) -> int:
    row = await sbot.services.db.fetchone("SELECT COUNT(*) FROM grant_milestones")
    return row[0]


async def test_staff_keep_the_record_and_bad_input_stores_nothing(sbot):
    scene = await published(sbot)
    admin = await admin_phone(sbot)
    await sbot.services.grants.track(ADMIN_ID, scene["competition"].id)
    await admin.send("/grants")
    await tap(admin, "1. Бешик-Джон")
    await tap(admin, "🏁 " + t("ru", "Milestones"))
    await tap(admin, "➕ " + t("ru", "Add milestones"))
    await admin.send("Закупить насосы")
    line = RU._(
        "I couldn't read line {line}. Write each milestone on its own line: what is to be done, "
        "then the date, for example «Procure pumps; 15.02.2027». Nothing was saved."
    )
    await expect(admin, line.format(line=1))
    await admin.send(f"{PUMPS}; 15.12.2026\nСтарый этап; 01.11.2026")
    past = RU._(
        "The date on line {line} has already passed. Please give a date from today on. "
        "Nothing was saved."
    )
    await expect(admin, past.format(line=2))
    assert await milestones(sbot) == 0, "one bad line stores none of the message"
    await admin.send(LINES)
    card = await expect(admin, "✅ " + t("ru", "Saved."))
    assert f"▫️ {PUMPS} — 15 декабря" in card["text"]
    assert await milestones(sbot) == 2

    await tap(admin, "📊 " + t("ru", "Percent"))
    await admin.send("150")
    await expect(admin, t("ru", "Please send a whole number from 0 to 100."))
    await admin.send("40")
    card = await expect(admin, RU._("{percent}%").format(percent=40))
    project = await project_of(sbot, scene["beshik"])
    assert project["percent"] == 40
    await tap(admin, "🔄 " + t("ru", "Status"))
    await tap(admin, "🔵 " + t("ru", "in progress"))
    await expect(admin, "🔵 " + t("ru", "in progress"))

    forged = GrantCb(project_id=project["id"], action="set_status", value="finished").pack()
    assert await forge(admin, forged) == t("ru", "This button is no longer valid.")
    member = sbot.phone(BESHIK[0], lang="ky")
    await member.send("/status")
    stolen = GrantCb(project_id=project["id"], action="set_status", value="done").pack()
    assert await forge(member, stolen) == t("ky", "This command is for project staff.")
    assert (await project_of(sbot, scene["beshik"]))["status"] == "in_progress"


async def test_status_the_late_list_and_the_donor_report(sbot):
    scene = await published(sbot)
    admin = await admin_phone(sbot)
    records = await sbot.services.grants.track(ADMIN_ID, scene["competition"].id)
    beshik = next(r.project for r in records if r.project.entrant_id == scene["beshik"])
    changes = Changes(sbot.services.grants)
    await changes.add_milestones(ADMIN_ID, beshik.id, LINES)
    await changes.set_percent(ADMIN_ID, beshik.id, "40%")

    member = sbot.phone(BESHIK[0], lang="ky")
    await member.send("/status")
    shown = await expect(member, "📈 " + KY._("Grant projects"))
    text = shown["text"]
    assert f"▫️ {PUMPS} — 15-декабрь" in text
    assert KY._("{percent}%").format(percent=40) in text
    assert KY._("Next report due: {date}").format(date=KY.date(date(2027, 1, 11))) in text
    assert KY._("No reports yet.") in text
    assert any("✍️" in b["text"] for row in shown["buttons"] for b in row)

    sbot.clock.set(datetime(2026, 12, 16, 6, 0, tzinfo=UTC))
    await admin.send("/grants")
    late = await expect(admin, RU.ngettext(
        "{count} milestone is past its date", "{count} milestones are past their date", 1
    ).format(count=1))  # fmt: skip
    assert late["text"].index("Бешик-Джон") < late["text"].index("Массы"), "late ones first"
    assert (
        "⚠️ " + RU._("{title} — {date}, late").format(title=PUMPS, date="15 декабря")
        in ((await _card(sbot, admin))["text"])
    )
    await admin.send("/status")
    desk = RU.ngettext("{count} grant project is late", "{count} grant projects are late", 1)
    await expect(admin, desk.format(count=1))
    await tap(admin, "📈 " + RU._("Late grant projects ({count})").format(count=1))
    await expect(admin, "📈 " + t("ru", "Grant projects"))

    report = await sbot.services.donor_reports.for_period(
        ADMIN_ID, date(2026, 12, 1), date(2026, 12, 31)
    )
    assert {r.project.entrant_id for r in report.grants.records} == {scene["beshik"], scene["masy"]}
    summary = report_views.summary(RU, report)
    head = RU.ngettext(
        "{count} grant project, {amount} in all", "{count} grant projects, {amount} in all", 2
    ).format(count=2, amount=RU._("{amount} KGS").format(amount=RU.number(6_000_000)))
    assert "<b>" + RU._("Grants") + "</b>" in summary and head in summary
    late_line = RU.ngettext("{count} late", "{count} late", 1).format(count=1)
    assert late_line in summary
    weighted = RU._("{percent}%").format(percent=round(40 * 5 / 6))
    assert RU._("Progress, weighted by the grant: {percent}").format(percent=weighted) in summary
    assert grant_views.summary_lines(translator("ky"), report.grants)[0] == (
        "<b>" + KY._("Grants") + "</b>"
    )
    book = load_workbook(io.BytesIO(xlsx.workbook(report, RU)))
    assert RU._("Grants") in book.sheetnames
    rows = list(book[RU._("Grants")].iter_rows(values_only=True))
    beshik_row = next(r for r in rows[1:] if r[1] == "Бешик-Джон")
    assert beshik_row[2] == 5_000_000 and beshik_row[4] == 40 and beshik_row[7] == 1

    before = await sbot.services.donor_reports.for_period(
        ADMIN_ID, date(2026, 11, 1), date(2026, 11, 30)
    )
    assert before.grants.records == [], "no project was under way before it was opened"


async def _card(sbot, admin) -> dict:
    await tap(admin, "1. Бешик-Джон")
    return await expect(admin, RU._("Grant: {amount}").format(
        amount=RU._("{amount} KGS").format(amount=RU.number(5_000_000))))  # fmt: skip
