"""The donor report's "Polls" section counts what the chat's poll card counts: answered of
asked from the same results service, in the chat, in the file, and within one region."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from bot.reports.views import poll_line
from bot.reports.xlsx import workbook
from tests.conftest import ADMIN_ID, add_members, expect, tap
from tests.polls.helpers import RU, compose, send, staff

YEAR = (date(2026, 1, 1), date(2026, 12, 31))
"""The members were approved in it too: a period with polls alone reads as empty."""


async def test_the_donor_reports_polls_line_matches_the_poll_card(sbot):
    db = sbot.services.db
    await add_members(db, sbot.emulator.url, [7501, 7502, 7503])
    await add_members(db, sbot.emulator.url, [7504], region="issyk-kul")
    admin = await staff(sbot)
    await compose(admin)
    await send(admin, 4)
    for member, choice in ((7501, "Шейшемби"), (7502, "Вторник"), (7504, "Дүйшөмбү")):
        phone = sbot.phone(member)
        await tap(phone, choice)
        await expect(phone, "✅")
    card = await sbot.services.poll_results.results(ADMIN_ID, 1)
    report = await sbot.services.donor_reports.for_period(ADMIN_ID, *YEAR)
    [line] = report.polls
    assert (line.answered, line.asked) == (card.answered, card.poll.total) == (3, 4)

    await admin.send("/report 01.01.2026 31.12.2026")
    said = await expect(admin, RU._("Polls"))
    assert poll_line(RU, line) in said["text"]
    assert "3 из 4" in said["text"]

    book = load_workbook(io.BytesIO(workbook(report, RU)))
    cells = book.worksheets[0].iter_rows(values_only=True)
    rows = [[c for c in row if c is not None] for row in cells]
    assert [r[2:] for r in rows if r and str(r[0]).startswith("#1 ")] == [[4, 3]]

    region = await db.fetchone("SELECT id FROM regions WHERE code = 'issyk-kul'")
    narrowed = await sbot.services.donor_reports.for_period(ADMIN_ID, *YEAR, None, region[0])
    assert [(p.answered, p.asked) for p in narrowed.polls] == [(1, 1)], "only those asked there"
    before = await sbot.services.donor_reports.for_period(
        ADMIN_ID, date(2025, 10, 1), date(2025, 10, 31)
    )
    assert before.polls == [] and before.empty
