"""Seminars kept apart by programme: invitations go where each programme reaches (and not to
those who muted it), labelled with it; staff of one programme can't touch another's seminars,
even with forged buttons; reports count one programme; the wizard asks for the programme only
of someone who works in several."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from openpyxl import load_workbook

from bot.__main__ import main
from bot.core.programmes import repo as programmes_repo
from bot.i18n import translator
from bot.seminars.callbacks import AttendCb, SeminarCb, SeminarEditCb, SeminarFormCb
from bot.seminars.repo import seminars as repo
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.importer import SeminarImportReport, import_seminars
from bot.seminars.views.imports import explain
from tests.conftest import ADMIN_ID, BotUnderTest, add_members, expect, t, tap
from tests.programmes import PSI, VOICE, coordinator_of, two_programmes
from tests.seminars.helpers import END, START, drain, forge, texts
from tests.seminars.test_seminars import answer, staff

RU, KY = translator("ru"), translator("ky")
NOT_ORGANISER = RU._("This is for the seminar's organisers only.")


async def seminar_of(
    bot: BotUnderTest, programme_id: int, title: str, by: int = ADMIN_ID, **changes
) -> Seminar:
    """A seminar for every member the programme reaches, made as the wizard's confirm makes it."""
    values = {
        "title_ky": title, "title_ru": title, "description_ky": None, "description_ru": None,
        "starts_at": START, "ends_at": END, "city": "Жалал-Абад", "address": "ул. Ленина, 1",
        "latitude": None, "longitude": None, "capacity": 30,
        "rsvp_deadline": START - timedelta(hours=12), "organiser": "Айгүл",
    } | changes  # fmt: skip
    seminar, _ = await bot.services.seminars.create(
        by, values, {"kind": "all", "values": []}, programme_id
    )
    return seminar


async def invited(bot: BotUnderTest, seminar_id: int) -> set[int]:
    return {i.telegram_id for i in await repo.invitations(bot.services.db, seminar_id)}


async def test_a_member_of_both_programmes_gets_each_invitation_labelled_until_muting_one(sbot):
    psi, voice = await two_programmes(sbot)
    await add_members(sbot.services.db, sbot.emulator.url, [9001, 9002])
    first = await seminar_of(sbot, psi, "Бюджет")
    second = await seminar_of(sbot, voice, "Үн")
    assert (first.programme_id, second.programme_id) == (psi, voice)
    assert first.audience.get("programme") == psi and second.audience.get("programme") == voice
    await drain(sbot)
    rows = await sbot.services.db.fetchall(
        "SELECT programme_id, COUNT(*) FROM outbox WHERE template = 'seminar_invite'"
        " GROUP BY programme_id ORDER BY programme_id"
    )
    assert [tuple(r) for r in rows] == [(psi, 2), (voice, 2)], "every push carries its programme"
    invitation = KY._("You are invited to a seminar.")
    got = [x for x in await texts(sbot, 9001) if invitation in x]
    assert any(f"📌 {PSI.name_ky}" in x and "Бюджет" in x for x in got), got
    assert any(f"📌 {VOICE.name_ky}" in x and "Үн" in x for x in got), got

    await sbot.services.programmes.set_muted(9001, voice, True)
    muted = await seminar_of(sbot, voice, "Үн 2")
    heard = await seminar_of(sbot, psi, "Бюджет 2")
    assert await invited(sbot, muted.id) == {9002}
    assert await invited(sbot, heard.id) == {9001, 9002}
    await drain(sbot)
    got = [x for x in await texts(sbot, 9001) if invitation in x]
    assert any("Бюджет 2" in x for x in got) and not any("Үн 2" in x for x in got)

    member = sbot.phone(9001)
    await member.send("/seminars")
    mine = (await expect(member, KY._("Upcoming seminars")))["text"]
    assert (
        mine.index(f"📌 {PSI.name_ky}")
        < mine.index("Бюджет 2")
        < mine.index(f"📌 {VOICE.name_ky}")
        < mine.index("Үн")
    ), "grouped by programme"


async def test_a_coordinator_of_one_programme_cannot_touch_anothers_seminar(sbot):
    psi, voice = await two_programmes(sbot)
    await add_members(sbot.services.db, sbot.emulator.url, [9101])
    theirs = await seminar_of(sbot, voice, "Үн")
    own = await seminar_of(sbot, psi, "Бюджет")
    await answer(sbot, 9101, theirs.id, yes=True)
    member = await sbot.user(9101)
    assert member is not None
    await coordinator_of(sbot, 9110, psi)
    coordinator = sbot.phone(9110, lang="ru")
    await coordinator.send("/seminars")
    listed = await expect(
        coordinator,
        RU._("Seminars: upcoming first, then past ones. Send /newseminar to create one."),
    )
    labels = [b["text"] for row in listed.get("buttons") or [] for b in row]
    assert any("Бюджет" in x for x in labels) and not any("Үн" in x for x in labels), labels
    sbot.clock.set(START + timedelta(minutes=5))  # check-in is open: only the rights refuse
    for action in ("open", "cancel", "cancel_yes", "edit", "qr", "roster", "report", "feedback"):
        forged = SeminarCb(seminar_id=theirs.id, action=action).pack()
        assert await forge(coordinator, forged) == NOT_ORGANISER, action
    for part in ("schedule", "venue", "audience"):
        forged = SeminarEditCb(seminar_id=theirs.id, part=part).pack()
        assert await forge(coordinator, forged) == NOT_ORGANISER, part
    forged = AttendCb(seminar_id=theirs.id, user_id=member.id).pack()
    assert await forge(coordinator, forged) == NOT_ORGANISER
    await coordinator.send("/report voice 20.11.2026 30.11.2026")
    await expect(coordinator, t("ru", "You are not allowed to do this."))

    after = await repo.get(sbot.services.db, theirs.id)
    assert after == theirs, "nothing about the seminar changed"
    found = await repo.invitation(sbot.services.db, theirs.id, member.id)
    assert found is not None and found.status == "going" and found.attended_at is None
    assert await sbot.services.current_flow(9110) is None, "no edit wizard was opened"
    assert not await sbot.services.db.fetchall(
        "SELECT 1 FROM outbox WHERE template IN ('seminar_cancelled', 'seminar_changed')"
    )
    card = await sbot.services.seminars.card(9110, own.id)  # their own programme's is theirs
    assert card[0].id == own.id


async def test_each_programmes_report_counts_only_its_own_seminars(sbot):
    psi, voice = await two_programmes(sbot)
    await add_members(sbot.services.db, sbot.emulator.url, [9201, 9202])
    budget = await seminar_of(sbot, psi, "Бюджет")
    voices = [await seminar_of(sbot, voice, f"Үн {n}") for n in (1, 2)]
    for member in (9201, 9202):
        await answer(sbot, member, budget.id, yes=True)
    await answer(sbot, 9201, voices[0].id, yes=True)
    sbot.clock.set(START + timedelta(minutes=5))
    for member in (9201, 9202):
        await sbot.services.attendance.check_in(member, budget.checkin_code, "code")
    await sbot.services.attendance.check_in(9201, voices[0].checkin_code, "code")

    reports = sbot.services.seminar_reports
    start, end = START - timedelta(days=1), END + timedelta(days=1)
    only_psi = await reports.for_range(ADMIN_ID, start, end, "psi")
    only_voice = await reports.for_range(ADMIN_ID, start, end, "voice")
    everything = await reports.for_range(ADMIN_ID, start, end)
    assert [s.id for s in only_psi.seminars] == [budget.id]
    assert (only_psi.total.invited, only_psi.total.attended) == (2, 2)
    assert sorted(s.id for s in only_voice.seminars) == sorted(s.id for s in voices)
    assert (only_voice.total.invited, only_voice.total.attended) == (4, 1)
    assert len(everything.seminars) == 3 and everything.total.invited == 6
    await coordinator_of(sbot, 9210, voice)
    theirs = await reports.for_range(9210, start, end)
    assert sorted(s.id for s in theirs.seminars) == sorted(s.id for s in voices)

    admin = await staff(sbot)
    await admin.send("/report psi 24.11.2026 26.11.2026")
    head = RU.ngettext("{count} seminar", "{count} seminars", 1).format(count=1)
    trained = RU.ngettext("{count} trained", "{count} trained", 2).format(count=2)
    shown = await expect(admin, f"{head}, {trained}", timeout=30)
    assert f"📌 {PSI.name_ru}" in shown["text"]
    await admin.send("/report voice 24.11.2026 26.11.2026")
    head = RU.ngettext("{count} seminar", "{count} seminars", 2).format(count=2)
    trained = RU.ngettext("{count} trained", "{count} trained", 1).format(count=1)
    shown = await expect(admin, f"{head}, {trained}", timeout=30)
    assert f"📌 {VOICE.name_ru}" in shown["text"]
    await admin.send("/report 24.11.2026 26.11.2026")
    shown = await expect(admin, RU._("By programme"), timeout=30)
    assert PSI.name_ru in shown["text"] and VOICE.name_ru in shown["text"]
    await admin.send("/seminars")
    listed = await expect(
        admin, RU._("Seminars: upcoming first, then past ones. Send /newseminar to create one.")
    )
    labels = [b["text"] for row in listed.get("buttons") or [] for b in row]
    assert [x.split(" · ")[0] for x in labels] == [f"📌 {PSI.name_ru}"] + [
        f"📌 {VOICE.name_ru}"
    ] * 2


async def test_an_import_goes_into_the_programme_its_rows_or_the_command_name(sbot, tmp_path):
    psi, voice = await two_programmes(sbot)
    await add_members(sbot.services.db, sbot.emulator.url, [9401])
    seminars, zone = sbot.services.seminars, sbot.services.config.zone
    head = "title_ky,starts,ends,city,address,capacity,organiser,audience_kind,audience"
    row = "{title},27.12.2026 10:00,27.12.2026 12:00,Bishkek,Chui 10,5,Aida,all,"
    plain = tmp_path / "plain.csv"
    plain.write_text(head + "\n" + row.format(title="Жер") + "\n", encoding="utf-8")

    refused = await import_seminars(seminars, plain, zone, explain)
    assert refused.created == 0 and "--programme CODE" in refused.rejected[0][1]
    assert await import_seminars(seminars, plain, zone, explain, "nope") == SeminarImportReport(
        rejected=[(0, "there is no programme with the code nope (open ones: psi, voice)")]
    )
    done = await import_seminars(seminars, plain, zone, explain, "voice")
    assert done.created == 1
    made = await repo.get(sbot.services.db, done.seminars[0][1])
    assert made is not None and made.programme_id == voice

    named = tmp_path / "named.csv"
    rows = [row.format(title="Суу") + ",psi", row.format(title="Жол") + ","]
    named.write_text("\n".join([head + ",programme", *rows]) + "\n", encoding="utf-8")
    done = await import_seminars(seminars, named, zone, explain, "voice")
    assert done.rejected == [] and done.created == 2
    made_ids = [sid for _, sid, _ in done.seminars]
    found = [await repo.get(sbot.services.db, sid) for sid in made_ids]
    assert [(s.title_ky, s.programme_id) for s in found if s] == [("Суу", psi), ("Жол", voice)]
    outbox = await sbot.services.db.fetchall(
        "SELECT programme_id FROM outbox WHERE template = 'seminar_invite' ORDER BY id"
    )
    assert [r[0] for r in outbox] == [voice, psi, voice]


async def test_the_export_command_can_keep_to_one_programme(sbot, tmp_path, monkeypatch):
    psi, voice = await two_programmes(sbot)
    await add_members(sbot.services.db, sbot.emulator.url, [9501])
    await seminar_of(sbot, psi, "Бюджет")
    await seminar_of(sbot, voice, "Үн")
    for name in ("BOT_TOKEN", "MUNIBOT_ADMINS", "MUNIBOT_API_BASE", "MUNIBOT_DEFAULT_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MUNIBOT_DB", sbot.config.db_path)
    monkeypatch.chdir(tmp_path)
    printed: list[str] = []
    monkeypatch.setattr("builtins.print", lambda *a, **k: printed.append(" ".join(map(str, a))))
    period = ["export", "seminars", "--from", "2026-11-01", "--to", "2026-11-30"]

    assert await asyncio.to_thread(main, [*period, "--programme", "voice", "--lang", "en"]) == 0
    assert printed[-2:] == [
        "seminars-voice-2026-11-01-2026-11-30.xlsx",
        "1 seminar: 1 invited, 0 answered yes, 0 attended, 0 women",
    ]
    book = load_workbook(tmp_path / "seminars-voice-2026-11-01-2026-11-30.xlsx")
    assert ["Programme", VOICE.name_en] in [list(r[:2]) for r in book.worksheets[0].iter_rows(
        values_only=True
    )]  # fmt: skip
    assert await asyncio.to_thread(main, [*period, "--lang", "en"]) == 0
    assert printed[-1].startswith("2 seminars: 2 invited")
    assert await asyncio.to_thread(main, [*period, "--programme", "nope"]) == 2


async def test_the_wizard_asks_for_the_programme_only_of_staff_of_several(sbot):
    psi, voice = await two_programmes(sbot)
    db = sbot.services.db
    await add_members(db, sbot.emulator.url, [9301])
    await add_members(db, sbot.emulator.url, [9302], region="osh")
    osh = await db.fetchone("SELECT id, name_ru FROM regions WHERE code = 'osh'")
    jalal_abad = await db.fetchone("SELECT name_ru FROM regions WHERE code = 'jalal-abad'")
    await programmes_repo.set_regions(db, voice, [osh[0]])
    question = RU._("Which programme is this for?")

    await coordinator_of(sbot, 9310, psi)
    single = sbot.phone(9310, lang="ru")
    await single.send("/newseminar")
    shown = await expect(single, RU._("Write the seminar's title in Kyrgyz."))
    assert question not in shown["text"]

    await coordinator_of(sbot, 9320, psi)
    await coordinator_of(sbot, 9320, voice)
    both = sbot.phone(9320, lang="ru")
    await both.send("/newseminar")
    await expect(both, question)
    forged = SeminarFormCb(action="programme", value="999").pack()
    assert await forge(both, forged) == t("ru", "You are not allowed to do this.")
    await tap(both, VOICE.name_ru)
    await expect(both, RU._("Write the seminar's title in Kyrgyz."))
    await both.send("Үн")
    await tap(both, RU._("Skip: Kyrgyz only"))
    await tap(both, RU._("Skip"))
    await tap(both, RU._("Skip"))
    await both.send("25.11.2026 10:00")
    await both.send("17:00")
    await tap(both, RU._("Until the start"))
    await both.send("Ош")
    await both.send("ул. Ленина, 1")
    await tap(both, RU._("Skip"))
    await tap(both, RU._("By region"))
    picker = await expect(both, RU._("Choose one or more, then press Done."))
    offered = {b["text"] for row in picker.get("buttons") or [] for b in row}
    assert osh[1] in offered and jalal_abad[0] not in offered, "only where Voice works"
    await tap(both, osh[1])
    await tap(both, RU._("Done"))
    await both.send("10")
    await both.send("Айгүл")
    await tap(both, "✅ " + RU._("Create and send invitations"))
    card = await expect(
        both, RU._("Places taken: {going} of {capacity}").format(going=0, capacity=10)
    )
    assert f"📌 {VOICE.name_ru}" in card["text"]
    made = (await sbot.services.seminars.listing(9320))[0][0]
    assert made.programme_id == voice and made.created_by is not None
    assert await invited(sbot, made.id) == {9302}
    assert all(s.programme_id == psi for s, _ in await sbot.services.seminars.listing(9310))
