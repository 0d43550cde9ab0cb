"""The report staff get in the chat: the headline numbers and an XLSX file that adds up."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook

from bot.i18n import translator
from tests.conftest import ADMIN_ID, add_members, expect, tap
from tests.seminars.helpers import START, make_seminar
from tests.seminars.test_seminars import answer, staff

RU = translator("ru")


async def test_the_report_from_the_card_counts_who_came_by_gender(sbot):
    ids = [8001, 8002, 8003, 8004]
    await add_members(sbot.services.db, sbot.emulator.url, ids)
    await sbot.services.db.execute("UPDATE users SET gender = 'male' WHERE telegram_id = 8003")
    seminar = await make_seminar(sbot)
    for member in ids[:3]:
        await answer(sbot, member, seminar.id, yes=True)
    sbot.clock.set(START + timedelta(minutes=5))
    for member in ids[:3]:
        await sbot.services.attendance.check_in(member, seminar.checkin_code, "code")
    admin = await staff(sbot)
    await admin.send("/seminars")
    await tap(admin, f"{RU.date(START)} · {seminar.title_ru} · 3/30")
    await tap(admin, "📊 " + RU._("Report"))
    trained = RU.ngettext("{count} trained", "{count} trained", 3).format(count=3)
    women = RU.ngettext("including {count} woman", "including {count} women", 2).format(count=2)
    head = RU.ngettext("{count} seminar", "{count} seminars", 1).format(count=1)
    await expect(admin, f"{head}, {trained}, {women}")
    state = await admin.wait_state(
        lambda st: any((m.get("document") or {}).get("file_name", "").endswith(".xlsx")
                       for m in st["messages"])
    )  # fmt: skip
    doc = next(m["document"] for m in state["messages"] if m.get("document"))
    book = load_workbook(io.BytesIO(await admin.download(doc["file_id"])))
    people = book.worksheets[1]
    rows = list(people.iter_rows(values_only=True))
    assert len(rows) == 1 + 4, "a header and one row per invitation"
    names = sorted(r[2] for r in rows[1:] if r[2])
    assert names == ["Member 8001", "Member 8002", "Member 8003", "Member 8004"]
    report = await sbot.services.seminars.card(ADMIN_ID, seminar.id)
    assert report[1]["attended"] == 3
