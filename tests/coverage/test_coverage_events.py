"""Coverage for a seminar or a competition, through the emulator: invited / answered / attended
by municipality as the invitations say, submitted or not (a cluster's submission counting for
each of its municipalities), the same figures in the XLSX from the button and from the command
line, a region-limited coordinator refused another region or someone else's seminar in their
own language, every button within Telegram's 64 bytes, and a message to exactly the people of
a coverage line."""

from __future__ import annotations

import asyncio
import io

from openpyxl import load_workbook

from bot.__main__ import main
from bot.core.audience.callbacks import MessageCb
from bot.core.callback_data import MAX_BYTES
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.coverage.callbacks import CoverageCb
from bot.coverage.views.events import label
from bot.i18n import translator
from tests.competitions.helpers import OPENS, make_cluster, make_competition, place_members
from tests.conftest import ADMIN_ID, alert, expect, t, tap
from tests.programmes import coordinator_of, two_programmes
from tests.seminars.helpers import START, make_seminar

RU, KY = translator("ru"), translator("ky")
REGION, DISTRICT = "Джалал-Абадская область", "Базар-Коргонский район"
TEXT = "Напоминаем: ответьте на приглашение."


def seminar_headline(invited: int, count: int, answered: int, attended: int) -> str:
    return RU.ngettext(
        "{invited} invited from {count} municipality: {answered} answered, {attended} attended",
        "{invited} invited from {count} municipalities: {answered} answered, {attended} attended",
        count,
    ).format(invited=invited, count=count, answered=answered, attended=attended)


def competition_headline(count: int, submitted: int, not_yet: int) -> str:
    return RU.ngettext(
        "{count} municipality can enter: {submitted} submitted, {not_yet} not yet",
        "{count} municipalities can enter: {submitted} submitted, {not_yet} not yet",
        count,
    ).format(count=count, submitted=submitted, not_yet=not_yet)


def seminar_line(invited: int, answered: int, attended: int) -> str:
    return t("ru", "{invited} invited · {answered} answered · {attended} attended").format(
        invited=invited, answered=answered, attended=attended
    )


def short_buttons(message: dict) -> None:
    """Every button Telegram would take: callback data within 64 bytes."""
    for row in message.get("buttons") or []:
        for b in row:
            assert len(b["callback_data"].encode()) <= MAX_BYTES, b


async def attended_seminar(bot):
    """Beshik-Jon: 8101 said yes and came, 8102 did not answer; Kenesh: 8201 declined;
    Masy (Nooken district): 8301 did not answer."""
    await place_members(bot, "Beshik-Jon", [8101, 8102])
    await place_members(bot, "Kenesh", [8201])
    await place_members(bot, "Masy", [8301])
    seminar = await make_seminar(bot)
    await bot.services.rsvp.answer(8101, seminar.id, "yes")
    await bot.services.rsvp.answer(8201, seminar.id, "no")
    bot.services.clock.set(START)
    came = await bot.user(8101)
    await bot.services.attendance.toggle(ADMIN_ID, seminar.id, came.id)
    return seminar


async def open_event(staff, name: str) -> dict:
    await staff.send("/coverage")
    await tap(staff, t("ru", "For a seminar or competition…"))
    await expect(staff, t("ru", "Coverage for a seminar or competition: choose one."))
    return await tap(staff, name)


async def test_seminar_figures_by_municipality_match_the_invitations(sbot):
    seminar = await attended_seminar(sbot)
    rows = await sbot.services.db.fetchall(
        "SELECT m.name_ru, COUNT(*), SUM(i.status != 'invited'), SUM(i.attended_at IS NOT NULL)"
        " FROM seminar_invitations i JOIN users u ON u.id = i.user_id"
        " JOIN municipalities m ON m.id = u.municipality_id WHERE i.seminar_id = ?"
        " GROUP BY m.id",
        (seminar.id,),
    )
    invited = {r[0]: (r[1], r[2], r[3]) for r in rows}
    assert invited == {"Бешик-Джон": (2, 1, 1), "Кенеш": (1, 1, 0), "Массы": (1, 0, 0)}

    staff = sbot.phone(ADMIN_ID, lang="ru")
    seminar_label = label(RU, (await sbot.services.coverage.choices(ADMIN_ID))[0])
    await open_event(staff, seminar_label)
    top = await expect(staff, seminar_headline(4, 3, 2, 1))
    short_buttons(top)
    waiting = top["text"].split(t("ru", "Invited, no answer:"))[1].split(t("ru", "By region:"))[0]
    assert "Бешик-Джон, Базар-Коргонский район — 1" in waiting and "Кенеш" not in waiting
    assert f"{REGION}: {seminar_line(4, 2, 1)}" in top["text"]

    await tap(staff, REGION)
    region = await expect(staff, seminar_headline(4, 3, 2, 1))
    short_buttons(region)
    await tap(staff, DISTRICT)
    district = await expect(staff, seminar_headline(3, 2, 2, 1))
    short_buttons(district)
    for name, (count, answered, came) in invited.items():
        if name != "Массы":
            assert f"{name}: {seminar_line(count, answered, came)}" in district["text"]

    await tap(staff, "« " + t("ru", "Registered staff"))
    await expect(staff, t("ru", "Approved staff: {staff} · registrations pending: {pending}")
                 .format(staff=4, pending=0))  # fmt: skip


async def test_competition_submitted_or_not_by_municipality(sbot):
    ids = {
        name: await place_members(sbot, name, [tid])
        for name, tid in (("Beshik-Jon", 8101), ("Kenesh", 8201), ("Masy", 8301))
    }
    competition = await make_competition(
        sbot, {"kind": "municipalities", "values": list(ids.values())}
    )
    sbot.services.clock.set(OPENS)
    await sbot.services.submissions.submit(
        8101, competition.id, ids["Beshik-Jon"], "Отчёт.", 100, [], None
    )
    staff = sbot.phone(ADMIN_ID, lang="ru")
    found = await sbot.services.coverage.choices(ADMIN_ID)
    assert [(e.kind, e.id) for e in found] == [("competition", competition.id)]
    await open_event(staff, label(RU, found[0]))
    top = await expect(staff, competition_headline(3, 1, 2))
    missing = top["text"].split(t("ru", "Not submitted yet:"))[1].split(t("ru", "By region:"))[0]
    assert "Кенеш" in missing and "Массы" in missing and "Бешик-Джон" not in missing
    assert f"{REGION}: " + t("ru", "{submitted} of {total} submitted").format(
        submitted=1, total=3) in top["text"]  # fmt: skip
    await tap(staff, REGION)
    await tap(staff, DISTRICT)
    district = await expect(staff, competition_headline(2, 1, 1))
    short_buttons(district)
    assert "Бешик-Джон: ✅ " + t("ru", "submitted") in district["text"]
    assert "Кенеш: ⏳ " + t("ru", "not submitted yet") in district["text"]


async def test_a_cluster_submission_counts_for_each_of_its_municipalities(sbot):
    await place_members(sbot, "Beshik-Jon", [8101])
    north = await make_cluster(sbot, "NORTH", ["Beshik-Jon", "Kenesh"])
    south = await make_cluster(sbot, "SOUTH", ["Kenesh", "Masy", "Dostuk"])
    competition = await make_competition(
        sbot, {"kind": "clusters", "values": [north, south]}, entrant_kind="cluster"
    )
    sbot.services.clock.set(OPENS)
    await sbot.services.submissions.submit(8101, competition.id, north, "Отчёт.", 100, [], None)

    report = await sbot.services.coverage.for_staff(ADMIN_ID, event=("competition", competition.id))
    submitted = {m.place.name_en: m.figures.submitted for m in report.municipalities}
    assert submitted == {"Beshik-Jon": 1, "Kenesh": 1, "Masy": 0, "Dostuk": 0}, "Kenesh: via NORTH"
    assert (report.figures.entrants, report.figures.submitted) == (4, 2)

    staff = sbot.phone(ADMIN_ID, lang="ru")
    await open_event(staff, label(RU, report.event))
    top = await expect(staff, competition_headline(4, 2, 2))
    assert t("ru", "Entrants are clusters: a municipality counts as submitted when its cluster"
             " did.") in top["text"]  # fmt: skip
    await tap(staff, REGION)
    await tap(staff, DISTRICT)
    district = await expect(staff, competition_headline(2, 2, 0))
    assert "Кенеш: ✅ " + t("ru", "submitted") in district["text"], "nobody of Kenesh sent"


def sheet_rows(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


async def test_the_xlsx_from_the_button_and_the_command_line_hold_the_figures(
    sbot, tmp_path, monkeypatch
):
    seminar = await attended_seminar(sbot)
    staff = sbot.phone(ADMIN_ID, lang="ru")
    await open_event(staff, label(RU, (await sbot.services.coverage.choices(ADMIN_ID))[0]))
    await tap(staff, REGION)
    await expect(staff, seminar_headline(4, 3, 2, 1))
    await tap(staff, "📥 XLSX")
    sent = await expect(staff, seminar_headline(4, 3, 2, 1))
    assert sent["document"]["file_name"] == f"coverage-seminar-{seminar.id}.xlsx"
    from_chat = sheet_rows(await staff.download(sent["document"]["file_id"]))

    header = from_chat[1]
    assert header[-4:] == [RU.pgettext("count header", "Invited"),
                           RU.pgettext("count header", "Answered"),
                           RU.pgettext("count header", "No answer"),
                           RU.pgettext("count header", "Attended")]  # fmt: skip
    by_name = {row[2]: row[-4:] for row in from_chat[2:]}
    assert by_name == {"Бешик-Джон": [2, 1, 1, 1], "Кенеш": [1, 1, 0, 0], "Массы": [1, 0, 1, 0]}
    assert from_chat[2][2] in ("Бешик-Джон", "Массы"), "the ones with no answer come first"
    assert from_chat[0][1] == seminar_headline(4, 3, 2, 1), "the whole scope, not one region"

    for name in ("BOT_TOKEN", "MUNIBOT_ADMINS", "MUNIBOT_API_BASE", "MUNIBOT_DEFAULT_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MUNIBOT_DB", sbot.config.db_path)
    monkeypatch.chdir(tmp_path)
    printed: list[str] = []
    monkeypatch.setattr("builtins.print", lambda *a, **k: printed.append(" ".join(map(str, a))))
    argv = ["export", "coverage", "--seminar", str(seminar.id), "--lang", "ru"]
    assert await asyncio.to_thread(main, argv) == 0
    assert printed == [f"coverage-seminar-{seminar.id}.xlsx"]
    from_cli = sheet_rows((tmp_path / printed[0]).read_bytes())
    assert from_cli == from_chat

    argv = ["export", "coverage", "--competition", "999", "--lang", "ru"]
    assert await asyncio.to_thread(main, argv) == 1


async def test_the_competition_xlsx_from_the_command_line(sbot, tmp_path, monkeypatch):
    muni = await place_members(sbot, "Beshik-Jon", [8101])
    kenesh = await place_members(sbot, "Kenesh", [8201])
    competition = await make_competition(sbot, {"kind": "municipalities", "values": [muni, kenesh]})
    sbot.services.clock.set(OPENS)
    await sbot.services.submissions.submit(8101, competition.id, muni, "Отчёт.", 100, [], None)
    for name in ("BOT_TOKEN", "MUNIBOT_ADMINS", "MUNIBOT_API_BASE", "MUNIBOT_DEFAULT_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MUNIBOT_DB", sbot.config.db_path)
    out = tmp_path / "c.xlsx"
    argv = ["export", "coverage", "--competition", str(competition.id), "--out", str(out),
            "--lang", "ru"]  # fmt: skip
    assert await asyncio.to_thread(main, argv) == 0
    rows = sheet_rows(out.read_bytes())
    assert rows[1][-1] == RU.pgettext("coverage column", "Submission")
    assert [(r[2], r[-1]) for r in rows[2:]] == [
        ("Кенеш", t("ru", "not submitted yet")),
        ("Бешик-Джон", t("ru", "submitted")),
    ]


async def test_a_region_limited_coordinator_is_refused_in_their_language(sbot):
    psi, _ = await two_programmes(sbot)
    regions = {r[1]: r[0] for r in await sbot.services.db.fetchall("SELECT id, code FROM regions")}
    coordinator = await coordinator_of(sbot, 700_201, psi, [regions["issyk-kul"]])
    await sbot.services.db.execute("UPDATE users SET lang = 'ky' WHERE id = ?", (coordinator,))
    await place_members(sbot, "Kok-Moinok", [8401])
    own = await make_seminar(sbot, programme_id=psi)
    await sbot.services.db.execute(
        "UPDATE seminars SET created_by = ? WHERE id = ?", (coordinator, own.id)
    )
    others = await make_seminar(sbot, programme_id=psi, title_ru="Чужой", title_ky="Башка")

    staff = sbot.phone(700_201, lang="ky")
    await staff.send("/coverage")
    await tap(staff, KY._("For a seminar or competition…"))
    chooser = await expect(staff, KY._("Coverage for a seminar or competition: choose one."))
    shown = {b["text"] for row in chooser["buttons"] for b in row}
    found = await sbot.services.coverage.choices(700_201)
    assert [e.id for e in found] == [own.id], "only the seminar they run"
    assert label(KY, found[0]) in shown

    message = chooser["message_id"]
    forged = CoverageCb(psi, regions["jalal-abad"], 0, "s", own.id).pack()
    await staff.press(message_id=message, callback_data=forged)
    assert await alert(staff) == refusal_text(KY, Refusal("coverage_other_region"))
    forged = CoverageCb(psi, 0, 0, "s", others.id).pack()
    await staff.press(message_id=message, callback_data=forged)
    assert await alert(staff) == refusal_text(KY, Refusal("coverage_not_yours"))
    forged = CoverageCb(psi, 0, 0, "s", others.id, "xlsx").pack()
    await staff.press(message_id=message, callback_data=forged)
    assert await alert(staff) == refusal_text(KY, Refusal("coverage_not_yours"))

    report = await sbot.services.coverage.for_staff(700_201, event=("seminar", own.id))
    assert {m.region.id for m in report.municipalities} == {regions["issyk-kul"]}


def test_the_longest_coverage_button_fits_telegram():
    big = 10**9 - 1
    for action in ("open", "pick", "xlsx"):
        packed = CoverageCb(big, big, big, "c", big, action).pack()  # type: ignore[arg-type]
        assert len(packed.encode()) <= MAX_BYTES


async def test_message_them_from_a_coverage_line_reaches_exactly_those(sbot):
    """In Jalal-Abad, 8102 and 8301 did not answer: "Invited, no answer" on the region's
    screen opens the broadcast with that audience, and only they get it."""
    seminar = await attended_seminar(sbot)
    admin = sbot.phone(ADMIN_ID, lang="ru")
    await open_event(admin, label(RU, (await sbot.services.coverage.choices(ADMIN_ID))[0]))
    await tap(admin, REGION)
    await expect(admin, t("ru", "Coverage") + " · " + REGION)
    await tap(admin, "\u2709\ufe0f " + t("ru", "Invited, no answer"))
    await expect(admin, t("ru", "Send the announcement in Kyrgyz. You can use bold and italics."))
    await tap(admin, t("ru", "Skip: Russian only"))
    await admin.send(TEXT)
    await tap(admin, t("ru", "No attachment"))
    preview = await expect(admin, t("ru", "Preview"))
    name = t("ru", "Invited to «{title}», no answer").format(title=seminar.title_ru)
    assert REGION in preview["text"] and name in preview["text"]
    await tap(admin, t("ru", "Send now"))
    await tap(admin, "\u2705 " + t("ru", "Confirm and send"))
    reader = sbot.phone(8301)
    assert await reader.wait_for(lambda ms: any(TEXT in (m.get("text") or "") for m in ms))
    rows = await sbot.services.db.fetchall(
        "SELECT chat_id FROM outbox WHERE kind = 'broadcast' ORDER BY chat_id"
    )
    assert [r[0] for r in rows] == [8102, 8301]


async def test_a_forged_message_button_is_refused(sbot):
    seminar = await attended_seminar(sbot)
    admin = sbot.phone(ADMIN_ID, lang="ru")
    await admin.send("/coverage")
    await expect(admin, t("ru", "Coverage"))
    forged = MessageCb("r", 10**6, "n", seminar.id, 0).pack()
    message_id = (await admin.state())["messages"][-1]["message_id"]
    await admin.press(message_id=message_id, callback_data=forged)
    answer = await admin.wait_callback_answer()
    assert answer["text"] == refusal_text(RU, Refusal("stale"))
    assert await sbot.services.current_flow(ADMIN_ID) is None, "no wizard was opened"
