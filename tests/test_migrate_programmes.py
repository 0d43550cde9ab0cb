"""A database in use before programmes existed (migrations up to 0008, with members, a
region-limited coordinator, a seminar, a competition, a cluster, a broadcast and pushes still
waiting) moves into programme 1 whole, and the bot goes on working on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.places.importer import import_municipalities
from bot.db import MIGRATIONS_DIR, Database, migrate, open_database
from tests import pg_tests
from tests.conftest import ADMIN_ID, PILOT_CSV, BotUnderTest, expect, t

BEFORE = 8
NOW = "2026-11-01T08:00:00+00:00"
LATER = "2099-01-01T08:00:00+00:00"
COORDINATOR, MEMBER = 700_001, 700_002


pytestmark = pytest.mark.skipif(
    bool(pg_tests.SERVER), reason="SQLite only: an old SQLite file migrated"
)


async def old_database(tmp_path: Path) -> Path:
    """The schema as migration 0008 left it, filled the way the bot filled it then."""
    older = tmp_path / "migrations"
    older.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if int(path.name[:4]) <= BEFORE:
            shutil.copy(path, older / path.name)
    db_path = tmp_path / "old.sqlite3"
    db = await Database.open(db_path)
    try:
        await migrate(db, older)
        await import_municipalities(db, PILOT_CSV)
        await _fill(db)
    finally:
        await db.close()
    return db_path


async def _fill(db: Database) -> None:
    muni = (await db.fetchone("SELECT id FROM municipalities WHERE name_en = 'Beshik-Jon'"))[0]
    region = (await db.fetchone("SELECT id FROM regions WHERE code = 'jalal-abad'"))[0]
    for tid, role in ((COORDINATOR, "coordinator"), (MEMBER, "member")):
        await db.execute(
            "INSERT INTO users (telegram_id, lang, full_name, municipality_id, position, role,"
            " status, created_at, updated_at) VALUES (?, 'ru', ?, ?, 'head', ?, 'approved', ?, ?)",
            (tid, f"Person {tid}", muni, role, NOW, NOW),
        )
    coordinator = (await db.fetchone("SELECT id FROM users WHERE telegram_id = ?", (COORDINATOR,)))[
        0
    ]
    member = (await db.fetchone("SELECT id FROM users WHERE telegram_id = ?", (MEMBER,)))[0]
    await db.execute("INSERT INTO coordinator_regions VALUES (?, ?)", (coordinator, region))
    audience = '{"kind": "all", "values": []}'
    await db.execute(
        "INSERT INTO seminars (id, title_ru, starts_at, ends_at, city, address, audience,"
        " capacity, rsvp_deadline, organiser, checkin_code, created_by, created_at, updated_at)"
        " VALUES (1, 'Бюджет', ?, '2099-01-01T15:00:00+00:00', 'Жалал-Абад', 'ул. 1', ?, 20,"
        " '2098-12-31T08:00:00+00:00', 'Айгүл', '123456', ?, ?, ?)",
        (LATER, audience, coordinator, NOW, NOW),
    )
    await db.execute(
        "INSERT INTO seminar_invitations (seminar_id, user_id, status, invited_at)"
        " VALUES (1, ?, 'going', ?)",
        (member, NOW),
    )
    await db.execute(
        "INSERT INTO competitions (id, code, title_ru, entrant_kind, audience, opens_at,"
        " deadline, created_by, created_at, updated_at) VALUES (1, 'IC', 'Кампания',"
        " 'municipality', ?, ?, ?, ?, ?, ?)",
        (audience, NOW, LATER, coordinator, NOW, NOW),
    )
    await db.execute(
        "INSERT INTO clusters (id, code, name_ky, name_ru, name_en, created_at)"
        " VALUES (1, 'north', 'Түндүк', 'Север', 'North', ?)",
        (NOW,),
    )
    await db.execute(
        "INSERT INTO broadcasts (id, author_id, text_ru, audience, send_at, total, created_at)"
        " VALUES (1, ?, 'Привет', ?, ?, 1, ?)",
        (coordinator, audience, NOW, NOW),
    )
    rows = [
        ("broadcast:1:x", MEMBER, "broadcast", "broadcast", '{"broadcast_id": 1}', 1),
        ("seminar-remind:1:x", MEMBER, "seminar", "seminar_reminder",
         '{"seminar_id": 1, "version": 1}', None),
        ("approval-request:x", ADMIN_ID, "approval", "approval_request", "{}", None),
    ]  # fmt: skip
    for key, chat, kind, template, params, broadcast in rows:
        await db.execute(
            "INSERT INTO outbox (dedupe_key, chat_id, kind, template, params, not_before,"
            " status, created_at, broadcast_id) VALUES (?, ?, ?, ?, ?, ?, 'sent', ?, ?)",
            (key, chat, kind, template, params, LATER, NOW, broadcast),
        )


async def test_an_old_database_moves_into_the_first_programme(emulator, tmp_path):
    db_path = await old_database(tmp_path)
    db = await open_database(db_path)
    try:
        programmes = await db.fetchall("SELECT id, code, status FROM programmes")
        assert [tuple(r) for r in programmes] == [(1, "main", "active")]
        for table in ("seminars", "competitions", "clusters", "broadcasts"):
            ids = await db.fetchall(f"SELECT programme_id FROM {table}")
            assert [r[0] for r in ids] == [1], table
        pushes = await db.fetchall("SELECT kind, programme_id FROM outbox ORDER BY id")
        assert [tuple(r) for r in pushes] == [("broadcast", 1), ("seminar", 1), ("approval", None)]
        staff = await db.fetchall(
            "SELECT s.programme_id, r.code FROM programme_staff s JOIN users u ON u.id = s.user_id"
            " JOIN programme_staff_regions sr ON sr.user_id = s.user_id"
            " JOIN regions r ON r.id = sr.region_id WHERE u.telegram_id = ?",
            (COORDINATOR,),
        )
        assert [tuple(r) for r in staff] == [(1, "jalal-abad")]
        assert await db.fetchall("PRAGMA foreign_key_check") == []
        assert (await db.fetchone("PRAGMA integrity_check"))[0] == "ok"
    finally:
        await db.close()

    bot = BotUnderTest(emulator, db_path)
    await bot.start()
    try:
        coordinator = bot.phone(COORDINATOR)
        await coordinator.send("/seminars")
        listing = await expect(
            coordinator,
            t("ru", "Seminars: upcoming first, then past ones. Send /newseminar to create one.")[
                :20
            ],
        )
        label = next(b["text"] for row in listing["buttons"] for b in row if "Бюджет" in b["text"])
        await coordinator.press(label)
        card = await expect(coordinator, "Жалал-Абад")
        assert "📌" not in card["text"], "one programme: nothing to tell apart"
        member = bot.phone(MEMBER)
        await member.send("/programmes")
        await expect(member, t("ru", "The programmes that work with your municipality:"))
    finally:
        await bot.close()
