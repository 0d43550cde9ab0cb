"""The donor report through the bot: people counted once beside person-trainings, competitions
with their winners and grants, registrations, a PNG album and a spreadsheet with native charts;
one region's report a tap away, refused outside a coordinator's regions; an empty period named."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook
from PIL import Image

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.repo.submissions import Result
from bot.i18n import translator
from bot.reports.callbacks import RegionReportCb
from tests.competitions.helpers import DEADLINE, OPENS, make_competition, place_members
from tests.conftest import ADMIN_ID, add_members, expect, t, tap
from tests.programmes import coordinator_of
from tests.seminars.helpers import START, forge, make_seminar
from tests.seminars.test_seminars import answer, staff

RU = translator("ru")
PERIOD = "01.11.2026 31.12.2026"


async def scene(sbot) -> dict:
    """8101 (a woman) comes to both seminars, 8102 (a man) to the first, 8103 (a woman in Osh)
    to the second: 4 trainings by 3 people. Beshik-Jon wins the campaign's first place."""
    db = sbot.services.db
    await add_members(db, sbot.emulator.url, [8101, 8102])
    await add_members(db, sbot.emulator.url, [8103], region="osh")
    await db.execute("UPDATE users SET gender = 'male' WHERE telegram_id = 8102")
    beshik = await place_members(sbot, "Beshik-Jon", [8201])
    competition = await make_competition(sbot)
    sbot.clock.set(OPENS + timedelta(minutes=5))
    sent = await sbot.services.submissions.submit(8201, competition.id, beshik, "План", 100, [],
                                                  None)  # fmt: skip
    now = sbot.clock.now().isoformat()
    await subs_repo.set_review(db, sent.submission.id, now, status="accepted")
    await subs_repo.record_result(db, competition.id, Result(beshik, "place", 1, 500_000, None),
                                  None, now)  # fmt: skip
    await comp_repo.update(db, competition.id, now, results_published_at=now)
    first = await make_seminar(sbot)
    second = await make_seminar(sbot, starts_at=START + timedelta(days=20),
                                ends_at=START + timedelta(days=20, hours=6))  # fmt: skip
    for member, seminar in ((8101, first), (8102, first), (8101, second), (8103, second)):
        await answer(sbot, member, seminar.id, yes=True)
    await answer(sbot, 8103, first.id, yes=True)  # said yes and did not come
    for member, seminar in ((8101, first), (8102, first), (8101, second), (8103, second)):
        sbot.clock.set(seminar.starts_at + timedelta(minutes=5))
        await sbot.services.attendance.check_in(member, seminar.checkin_code, "code")
    sbot.clock.set(DEADLINE + timedelta(days=1))
    return {"first": first, "second": second, "competition": competition}


def messages_after(state: dict, message_id: int) -> list[dict]:
    """The bot's messages after one of them (a phone's state holds only the bot's)."""
    return [m for m in state["messages"] if m["message_id"] > message_id]


async def test_the_report_counts_people_once_and_sends_charts_and_a_file(sbot):
    await scene(sbot)
    admin = await staff(sbot)
    await admin.send(f"/report {PERIOD}")
    trained = RU.ngettext("{count} trained", "{count} trained", 4).format(count=4)
    people = RU.ngettext("{count} different person", "{count} different people", 3)
    summary = await expect(admin, trained)
    text = summary["text"]
    assert people.format(count=3) in text, "4 trainings, but 3 different people"
    women = RU.ngettext("including {count} woman", "including {count} women", 2)
    assert f"{people.format(count=3)}, {women.format(count=2)}" in text
    rate = RU._("{percent}%").format(percent=80)
    assert RU._("Came of those who said yes: {percent}").format(percent=rate) in text
    assert RU._("1st place") + ": Бешик-Джон" in text
    assert RU._("Grants: {amount}").format(amount=RU._("{amount} KGS").format(
        amount=RU.number(500_000))) in text  # fmt: skip
    assert "Ошская область: 1" in text and "Джалал-Абадская область: 2" in text, "by region"

    # the charts are drawn in a child process at a lower priority: a busy machine takes longer
    state = await admin.wait_state(
        lambda st: any((m.get("document") or {}).get("file_name", "").endswith(".xlsx")
                       for m in st["messages"]), timeout=30,
    )  # fmt: skip
    after = messages_after(state, summary["message_id"])
    photos = [m for m in after if m.get("photo")]
    assert len(photos) == 3 and len({m.get("media_group_id") for m in photos}) == 1, "one album"
    for photo in photos:
        data = await admin.download(photo["photo"]["file_id"])
        image = Image.open(io.BytesIO(data))
        assert image.format == "PNG" and image.size[0] >= 1000
    doc = next(m["document"] for m in after if m.get("document"))
    assert doc["file_name"] == "report-2026-11-01-2026-12-31.xlsx"
    book = load_workbook(io.BytesIO(await admin.download(doc["file_id"])))
    overview = book.worksheets[0]
    assert len(overview._charts) == 3, "region, position and month charts, native"
    values = {r[0]: r[1] for r in overview.iter_rows(values_only=True) if r and r[0]}
    assert values[RU._("Trainings (a person at two seminars counts twice)")] == 4
    assert values[RU._("People (each counted once)")] == 3
    assert book.sheetnames[1:] == [RU._("Entrants"), RU._("Seminars"), RU._("Participants")]
    entrants = list(book[RU._("Entrants")].iter_rows(values_only=True))
    assert any(r[1] == "Бешик-Джон" and r[4] == 500_000 for r in entrants[1:])


async def test_one_regions_report_is_a_tap_away_and_refused_outside_a_coordinators(sbot):
    await scene(sbot)
    admin = await staff(sbot)
    await admin.send(f"/report {PERIOD}")
    summary = await expect(admin, RU.ngettext("{count} trained", "{count} trained", 4).format(
        count=4), timeout=30)  # fmt: skip
    labels = [b["text"] for row in summary["buttons"] for b in row]
    assert "🔎 Ошская область" in labels
    await tap(admin, "🔎 Ошская область")
    region = RU._("Region: {region}").format(region="Ошская область")
    narrowed = await expect(admin, region, timeout=30)  # after the first report's charts
    one = RU.ngettext("{count} trained", "{count} trained", 1).format(count=1)
    assert one in narrowed["text"]
    shown = [b["text"] for row in narrowed.get("buttons") or [] for b in row]
    assert shown == ["📰 " + RU._("Press release"), "📄 " + RU._("Donor brief")], (
        "no region buttons; the region's release and brief"
    )

    osh = await sbot.services.db.fetchone("SELECT id FROM regions WHERE code = 'osh'")
    jalal = await sbot.services.db.fetchone("SELECT id FROM regions WHERE code = 'jalal-abad'")
    await coordinator_of(sbot, 9301, 1, [jalal[0]])
    coordinator = sbot.phone(9301, lang="ru")
    await coordinator.send("/start")
    await expect(coordinator, t("ru", "You are project staff. Send /help to see your commands."))
    first = START.date().replace(day=1).toordinal()
    forged = RegionReportCb(first=first, last=first + 60, region=osh[0], code="-").pack()
    assert await forge(coordinator, forged) == t("ru", "You are not allowed to do this.")
    report = await sbot.services.donor_reports.for_period(
        9301, START.date() - timedelta(days=30), START.date() + timedelta(days=40)
    )
    assert report.region_ids == [jalal[0]], "a limited coordinator's report keeps to their regions"


async def test_an_empty_period_says_so_with_no_chart_and_no_file(sbot):
    await scene(sbot)
    admin = await staff(sbot)
    await admin.send("/report 01.01.2025 31.01.2025")
    nothing = (
        "Nothing in the period {period}: no seminars, no competition deadlines, no new members."
    )
    empty = await expect(admin, RU._(nothing).format(period=RU.days(
        START.date().replace(year=2025, month=1, day=1),
        START.date().replace(year=2025, month=1, day=31), year=True)))  # fmt: skip
    state = await admin.state()
    after = messages_after(state, empty["message_id"] - 1)
    assert not any(m.get("photo") or m.get("document") for m in after)


async def test_a_member_deactivated_later_still_counts_for_a_past_period(sbot):
    db = sbot.services.db
    await add_members(db, sbot.emulator.url, [8301, 8302])
    reports = sbot.services.donor_reports
    november = (START.date().replace(day=1), START.date().replace(day=30))
    before = await reports.operator(*november)
    assert before.registrations.approved == 2
    gone = await sbot.user(8302)
    sbot.clock.set(START + timedelta(days=20))  # in December
    await sbot.services.membership.deactivate(ADMIN_ID, gone.id)
    assert (await reports.operator(*november)).registrations.approved == 2, "was approved then"
    december = (START.date().replace(month=12, day=1), START.date().replace(month=12, day=31))
    assert (await reports.operator(*december)).registrations.approved == 1
