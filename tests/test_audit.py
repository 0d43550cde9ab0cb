"""Every staff action on the record: each wired service leaves one audit row (who, when, what,
the object's id, no personal data), /audit shows them to admins in their language, and the
spreadsheet export holds them; a member asking /audit is refused."""

from __future__ import annotations

import shutil
from datetime import timedelta
from io import BytesIO

from openpyxl import load_workbook

from bot.competitions.repo import submissions as subs_repo
from bot.core import audit
from bot.core import auditviews as views
from bot.db import MIGRATIONS_DIR, Database, migrate, open_database
from bot.i18n import translator
from tests.accounts.test_registration import admin_phone, register, reject
from tests.broadcasts.test_scheduling import CHRISTMAS, scheduled
from tests.broadcasts.test_scheduling import staff as staff_phone
from tests.competitions.helpers import DEADLINE, OPENS, make_competition, place_members
from tests.conftest import ADMIN_ID, add_members, expect, t
from tests.seminars.helpers import END, START, make_seminar


async def _rows(bot) -> list[tuple[str, str, int | None]]:
    found = await audit.latest(bot.services.db, 100)
    return [(e.action, e.object_kind, e.object_id) for e in reversed(found)]


async def _admin_id(bot) -> int:
    user = await bot.user(ADMIN_ID)
    assert user is not None
    return user.id


async def test_registrations_roles_and_erasure_are_on_the_record(bot):
    admin = await admin_phone(bot)
    first, second = bot.phone(7101), bot.phone(7102)
    await register(bot, first, name="Первая Участница")
    card = await expect(admin, "Первая Участница")
    await admin.press("✅ " + t("en", "Approve"), message_id=card["message_id"])
    await register(bot, second, name="Вторая Участница")
    card = await expect(admin, "Вторая Участница")
    await reject(admin, card)
    await expect(second, t("ru", "Your registration was not approved.")[:20])
    one, two = (await bot.user(7101)).id, (await bot.user(7102)).id
    await bot.services.accounts.set_role(ADMIN_ID, 7101, "coordinator", [])
    await bot.services.accounts.set_role(ADMIN_ID, 7101, "member", [])
    assert await bot.services.accounts.erase(7101)
    rows = await _rows(bot)
    assert rows == [
        ("registration_approved", "user", one),
        ("registration_rejected", "user", two),
        ("role_changed", "user", one),
        ("role_changed", "user", one),
        ("account_erased", "user", one),
    ]
    entries = await audit.latest(bot.services.db)
    assert {e.actor_id for e in entries[1:]} == {await _admin_id(bot)}
    erased = entries[0]
    assert erased.actor_id is None and erased.detail == ""
    assert [e.detail for e in entries[1:3]] == ["member", "coordinator"]
    assert "Первая" not in repr(await bot.services.db.fetchall("SELECT * FROM audit_log"))

    await admin.send("/audit 3")
    shown = await expect(admin, t("en", "Staff actions"))
    assert t("en", "account erased") in shown["text"]
    assert t("en", "the member themselves") in shown["text"]
    assert shown["text"].count(t("en", "role changed")) == 2
    assert t("en", "registration rejected") not in shown["text"], "only the last 3"

    assert f"{t('en', 'member')} #{one}" in shown["text"]


async def test_a_member_asking_for_the_record_is_refused(bot):
    admin = await admin_phone(bot)
    member = bot.phone(7201)
    await register(bot, member, name="Третья Участница")
    card = await expect(admin, "Третья Участница")
    await admin.press("✅ " + t("en", "Approve"), message_id=card["message_id"])
    await expect(member, t("ru", "Your registration is approved. Welcome!")[:20])
    await member.send("/audit")
    refused = await expect(member, t("ru", "This command is for administrators."))
    assert t("ru", "Staff actions") not in refused["text"]


async def test_seminars_competitions_broadcasts_and_programmes_are_on_the_record(sbot, tmp_path):
    bot, svc = sbot, sbot.services
    await add_members(svc.db, bot.emulator.url, [7301, 7302])
    member = (await bot.user(7301)).id

    seminar = await make_seminar(bot)
    await svc.seminars.update(ADMIN_ID, seminar.id, {"title_ru": "Новое название"}, None)
    later = {"starts_at": START + timedelta(days=1), "ends_at": END + timedelta(days=1)}
    await svc.seminars.update(ADMIN_ID, seminar.id, later, None)
    svc.clock.set(START + timedelta(days=1))
    assert await svc.attendance.toggle(ADMIN_ID, seminar.id, member)
    await svc.seminars.cancel(ADMIN_ID, seminar.id)

    svc.clock.set(OPENS - timedelta(minutes=30))
    entrant = await place_members(bot, "Beshik-Jon", [7401], ("ru",))
    competition = await make_competition(bot)
    await svc.competitions.move_deadline(ADMIN_ID, competition.id, DEADLINE + timedelta(days=2))
    await svc.competitions.extend(ADMIN_ID, competition.id, entrant, DEADLINE + timedelta(days=5))
    svc.clock.set(OPENS + timedelta(minutes=1))
    await svc.submissions.submit(7401, competition.id, entrant, "Отчёт.", 100, [], None)
    sent = await subs_repo.of_entrant(svc.db, competition.id, entrant)
    await svc.results.choose(ADMIN_ID, sent.id, "place1")
    await svc.results.skip(ADMIN_ID, sent.id)
    await svc.results.publish(ADMIN_ID, competition.id)

    admin = await staff_phone(bot)
    await scheduled(admin)
    await svc.broadcasts.begin_move(ADMIN_ID, 1)
    await svc.broadcasts.move_to(ADMIN_ID, 1, CHRISTMAS + timedelta(days=1))
    await svc.broadcasts.cancel(ADMIN_ID, 1)
    await svc.broadcasts.stop(ADMIN_ID, 1)
    await svc.programmes.close(ADMIN_ID, 1)

    rows = await _rows(bot)
    assert rows == [
        ("seminar_created", "seminar", seminar.id),
        ("seminar_edited", "seminar", seminar.id),
        ("seminar_moved", "seminar", seminar.id),
        ("attendance_marked", "seminar", seminar.id),
        ("seminar_cancelled", "seminar", seminar.id),
        ("deadline_moved", "competition", competition.id),
        ("deadline_extended", "competition", competition.id),
        ("review_decided", "submission", sent.id),
        ("results_published", "competition", competition.id),
        ("broadcast_confirmed", "broadcast", 1),
        ("broadcast_moved", "broadcast", 1),
        ("broadcast_cancelled", "broadcast", 1),
        ("broadcast_stopped", "broadcast", 1),
        ("programme_closed", "programme", 1),
    ]
    entries = await audit.every(svc.db)
    assert {e.actor_id for e in entries} == {await _admin_id(bot)}
    assert entries[1].detail == "title_ru"
    assert entries[3].detail == f"#{member} ✓"
    assert entries[7].detail == "place1"

    await admin.send("/audit")
    shown = await expect(admin, t("ru", "Staff actions"))
    actions = (
        "seminar moved",
        "attendance marked by hand",
        "competition deadline extended",
        "competition results published",
        "announcement moved",
        "programme closed",
    )
    for action in actions:
        assert t("ru", action) in shown["text"], action
    assert f"{t('ru', 'competition')} #{competition.id}" in shown["text"]

    tr = translator("ky")
    book = load_workbook(BytesIO(views.workbook(tr, entries)))
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == tr._("When")
    assert len(values) == 1 + len(entries)
    assert values[-1][3] == tr._("programme closed") and values[-1][5] == 1


async def test_the_export_writes_the_record_as_a_spreadsheet(tmp_path):
    from tests.test_cli import base_env, run_cli

    env = base_env(tmp_path, MUNIBOT_DEFAULT_LANG="ru")
    assert (await run_cli("migrate", env=env))[0] == 0
    db = await open_database(env["MUNIBOT_DB"])
    try:
        await db.execute(
            "INSERT INTO audit_log (at, actor_id, action, object_kind, object_id, detail)"
            " VALUES ('2026-11-22T06:00:00+00:00', NULL, 'programme_closed', 'programme', 1, '3')"
        )
    finally:
        await db.close()
    out = tmp_path / "audit.xlsx"
    code, printed, err = await run_cli("export", "audit", "--out", str(out), env=env)
    assert code == 0, err
    assert "1" in printed
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    tr = translator("ru")
    assert rows[0][:4] == (tr._("When"), tr._("Who"), tr._("Users id"), tr._("Action"))
    assert rows[1][1:] == (tr._("administrator"), None, tr._("programme closed"),
                           tr._("programme"), 1, "3")  # fmt: skip


async def test_the_review_decisions_logged_before_fold_into_the_record(tmp_path):
    older = tmp_path / "migrations"
    older.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if int(path.name[:4]) < 13:
            shutil.copy(path, older / path.name)
    db = await Database.open(tmp_path / "old.sqlite3")
    try:
        await migrate(db, older)
        await db.execute("PRAGMA foreign_keys=OFF")
        for action, to_status in (("status", "accepted"), ("comment", None), ("result", "place1")):
            await db.execute(
                "INSERT INTO competition_log (competition_id, submission_id, action, to_status,"
                " comment, at) VALUES (1, 5, ?, ?, 'a reviewer''s words', '2026-11-01T08:00')",
                (action, to_status),
            )
        await db.execute("PRAGMA foreign_keys=ON")
        await migrate(db)
        rows = [(e.action, e.object_kind, e.object_id, e.detail) for e in await audit.every(db)]
    finally:
        await db.close()
    assert rows == [
        ("review_decided", "submission", 5, "accepted"),
        ("review_decided", "submission", 5, "place1"),
    ]
