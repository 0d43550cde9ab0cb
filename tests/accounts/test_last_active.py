"""When each person last wrote to the bot: written at most every ten minutes, not on every
update, and shown (in Bishkek time) in the people spreadsheet that /people's button sends."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from bot.i18n import translator
from tests.accounts.test_first_run import MYID
from tests.conftest import ADMIN_ID, add_members, expect, t, tap
from tests.seminars.helpers import NOW

MEMBER = 1301
BISHKEK = ZoneInfo("Asia/Bishkek")


async def writes(ebot, phone) -> str | None:
    """The member (who reads Kyrgyz) sends /myid and is answered; their last-active time
    once what that update had to write is written."""
    await phone.send("/myid")
    await expect(phone, t("ky", MYID).format(id=MEMBER))
    await ebot.services.membership.written()
    return (await ebot.user(MEMBER)).last_active_at


async def test_last_active_is_written_once_in_a_while_and_is_in_the_xlsx(ebot):
    await add_members(ebot.services.db, ebot.emulator.url, [MEMBER, MEMBER + 1])
    member = ebot.phone(MEMBER, lang="ky")
    first = await writes(ebot, member)
    assert first == NOW.isoformat()

    ebot.clock.advance(minutes=5)
    assert await writes(ebot, member) == first, "written again within ten minutes"
    ebot.clock.advance(minutes=6)
    later = await writes(ebot, member)
    assert later == (NOW + timedelta(minutes=11)).isoformat()

    admin = ebot.phone(ADMIN_ID, lang="ru")
    await admin.send("/people")
    overview = await expect(admin, t("ru", "People directory"))
    counts = t("ru", "Members: {members} · deactivated: {inactive} · coordinators: {staff}")
    assert counts.format(members=2, inactive=0, staff=0) in overview["text"]
    await tap(admin, "📥 XLSX")
    caption = translator("ru").ngettext(
        "People directory: {count} person", "People directory: {count} people", 2
    )
    doc = await expect(admin, caption.format(count=2))
    sheet = load_workbook(BytesIO(await admin.download(doc["document"]["file_id"]))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    head = rows[0]
    assert head[11:] == [t("ru", "Last active"), t("ru", "Status")]
    mine = next(r for r in rows[1:] if r[9] == MEMBER)
    local = (NOW + timedelta(minutes=11)).astimezone(BISHKEK).replace(tzinfo=None)
    assert mine[11] == local and mine[12] == t("ru", "approved")
    assert isinstance(mine[10], datetime)
