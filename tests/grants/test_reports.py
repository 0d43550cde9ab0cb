"""The entrant's report through the emulator: asked for on schedule, written as a text and a
photo, stored with its file, and the staff told, with the photo a tap away. Someone who does
not speak for the entrant, or a project closed before or during the report, stores nothing."""

from __future__ import annotations

from datetime import timedelta

from bot.grants.callbacks import ReportCb
from tests.conftest import ADMIN_ID, expect, t, tap
from tests.grants.helpers import BESHIK, FIRST_ASK, MASY, RU, admin_phone, project_of, published
from tests.seminars.helpers import drain, forge

PNG = b"\x89PNG\r\n\x1a\n" + bytes(40)
REPORT = "Закупили насосы, начали монтаж. Потрачено 1 200 000 сом."
CLOSED = "This grant project is closed, so reports are no longer accepted. Nothing was saved."


async def counts(sbot) -> tuple[int, int]:
    db = sbot.services.db
    reports = await db.fetchone("SELECT COUNT(*) FROM grant_reports")
    files = await db.fetchone("SELECT COUNT(*) FROM grant_report_files")
    return reports[0], files[0]


async def test_a_members_report_with_a_photo_reaches_staff(sbot):
    scene = await published(sbot)
    admin = await admin_phone(sbot)
    await sbot.services.grants.track(ADMIN_ID, scene["competition"].id)
    sbot.clock.set(FIRST_ASK + timedelta(minutes=1))
    await sbot.services.grant_requests.wake()
    await drain(sbot)

    member = sbot.phone(BESHIK[1], lang="ru")
    await tap(member, "✍️ " + t("ru", "Send a report"))
    asked = (
        "Write what was done since the last report: the work, the money spent, any problems. "
        "Photos and documents come next."
    )
    await expect(member, t("ru", asked))
    await member.send(REPORT)
    await expect(member, "✅ " + t("ru", "The text is kept."))
    await member.send(photo=PNG)
    attached = RU.ngettext("{count} file attached.", "{count} files attached.", 1)
    await expect(member, attached.format(count=1))
    await member.send(sticker=True)
    await expect(member, t("ru", "I can't attach this. Please send photos or documents."))
    assert await counts(sbot) == (0, 0), "nothing is stored before Done"
    await tap(member, "✅ " + t("ru", "Done, send the report"))
    await expect(member, t("ru", "Thank you! The report is saved, and the project staff have "
                                 "been told."))  # fmt: skip
    assert await counts(sbot) == (1, 1)
    row = await sbot.services.db.fetchone("SELECT kind FROM grant_report_files")
    assert row[0] == "photo"

    await drain(sbot)
    title = scene["competition"].title_ru
    told = await expect(admin, RU._("New report: {project}").format(
        project=f"Бешик-Джон — «{title}»"))  # fmt: skip
    assert REPORT in told["text"] and "Member 9102" in told["text"]
    await tap(admin, "📎 " + t("ru", "Show the files"))
    state = await admin.wait_state(lambda st: any(m.get("photo") for m in st["messages"]))
    assert [m for m in state["messages"] if m.get("photo")], "the photo reaches staff"

    await tap(admin, "📂 " + t("ru", "Open the project"))
    card = await expect(admin, RU._("Last report: {date}").format(date=RU.date(sbot.clock.now())))
    assert RU._("Reports: {schedule}").format(schedule=RU._("every month")) in card["text"]


async def test_someone_not_of_the_entrant_and_a_forged_button_store_nothing(sbot):
    scene = await published(sbot)
    await admin_phone(sbot)
    await sbot.services.grants.track(ADMIN_ID, scene["competition"].id)
    beshik = await project_of(sbot, scene["beshik"])
    other = sbot.phone(MASY[0], lang="ru")
    await other.send("/status")
    forged = ReportCb(project_id=beshik["id"], action="start").pack()
    refused = await forge(other, forged)
    assert refused == t("ru", "Only the members of the municipality (or cluster) that won this "
                              "grant can report on it.")  # fmt: skip
    assert await sbot.services.current_flow(MASY[0]) is None
    missing = ReportCb(project_id=beshik["id"] + 100, action="start").pack()
    assert await forge(other, missing) == t("ru", "This button is no longer valid.")
    assert await counts(sbot) == (0, 0)


async def test_a_report_after_the_project_is_closed_is_refused_and_not_stored(sbot):
    scene = await published(sbot)
    admin = await admin_phone(sbot)
    await sbot.services.grants.track(ADMIN_ID, scene["competition"].id)
    member = sbot.phone(BESHIK[1], lang="ru")
    await member.send("/status")
    await tap(member, "✍️ " + t("ru", "Send a report"))
    await member.send(REPORT)
    await expect(member, "✅ " + t("ru", "The text is kept."))

    await admin.send("/grants")
    await tap(admin, "1. Бешик-Джон")
    await tap(admin, "🔒 " + t("ru", "Close the project"))
    await tap(admin, "🔒 " + t("ru", "Yes, close it"))
    await expect(admin, "🔒 " + t("ru", "The project is closed."))
    await member.send(photo=PNG)
    await expect(member, t("ru", CLOSED))
    assert await sbot.services.current_flow(BESHIK[1]) is None, "the report is dropped"
    assert await counts(sbot) == (0, 0)

    await member.send("/status")
    start = ReportCb(project_id=(await project_of(sbot, scene["beshik"]))["id"], action="start")
    assert await forge(member, start.pack()) == t("ru", CLOSED)
    assert await counts(sbot) == (0, 0)
