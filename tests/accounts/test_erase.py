"""/deleteme erases for real: the coordinator's delivered card is edited, and a scan of every
column of every table finds nothing of the member, after a realistic life in the bot
(registration, an invitation answered, attendance and a comment, a submission with a file named
after the member, broadcasts, reviews in the audit log, an open flow)."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from pathlib import Path

from tests.accounts.life import (
    ERASED,
    FILE_NAME,
    NAME,
    PDF,
    SURNAME,
    TG_NAME,
    TID,
    archived,
    erase,
    live,
    submit_file,
)
from tests.accounts.test_registration import admin_phone, register, register_until_summary
from tests.competitions.helpers import OPENS, make_competition, place_members
from tests.conftest import expect, t, tap
from tests.seminars.helpers import drain


async def everything(db) -> list[tuple[str, str, object]]:
    """(table, column, value) of every value in the database."""
    found = []
    tables = await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    for (table,) in tables:
        columns = [c[1] for c in await db.fetchall(f'PRAGMA table_info("{table}")')]
        for row in await db.fetchall(f'SELECT * FROM "{table}"'):
            found += [(table, column, row[column]) for column in columns]
    return found


def leaks(values: list[tuple[str, str, object]], texts: list[str], number: int) -> list:
    """Values holding one of `texts` (as typed, or as JSON escapes it) or equal to `number`."""
    wanted = set(texts) | {json.dumps(x)[1:-1] for x in texts}
    return [
        (table, column, value)
        for table, column, value in values
        if value == number or (isinstance(value, str) and any(w in value for w in wanted))
    ]


async def test_erase_leaves_no_name_phone_or_telegram_id_in_any_table(ebot, tmp_path):
    life = await live(ebot)
    db = ebot.services.db
    before = leaks(await everything(db), [NAME, life.phone_number, str(TID)], TID)
    assert {t for t, _, _ in before} >= {"users", "outbox", "flows", "seminar_invitations",
                                         "submission_files", "competition_log"}  # fmt: skip
    media = tmp_path / "media"
    assert any(FILE_NAME.replace(" ", "_") in p.name for p in media.rglob("*"))
    await erase(life)
    await drain(ebot)
    texts = [NAME, SURNAME, TG_NAME, life.phone_number, life.phone_number.lstrip("+"), str(TID)]
    assert leaks(await everything(db), texts, TID) == []
    assert not any(SURNAME in p.name for p in media.rglob("*")), "the archived file is gone"
    row = await db.fetchone("SELECT * FROM users WHERE id = ?", (life.user_id,))
    assert (row["status"], row["gender"], row["position"]) == ("deleted", "female", "head")
    assert row["municipality_id"] is not None
    invitation = await db.fetchone(
        "SELECT status, attended_at, rating, comment FROM seminar_invitations WHERE user_id = ?",
        (life.user_id,),
    )
    assert invitation["attended_at"] and invitation["rating"] == 5 and invitation["comment"] is None
    logged = await db.fetchall(
        "SELECT actor_id FROM competition_log WHERE action IN ('submitted', 'resubmitted')"
    )
    assert [r[0] for r in logged] == [life.user_id], "who/when/what stays, anonymously"


async def test_the_coordinators_delivered_card_is_edited_to_erased_member(ebot):
    life = await live(ebot)
    card = life.coordinator_card
    assert NAME in card["text"] and card["buttons"]
    await erase(life)
    await drain(ebot)
    state = await life.coordinator.wait_state(
        lambda st: any(
            m["message_id"] == card["message_id"] and t("ru", ERASED) in (m.get("text") or "")
            for m in st["messages"]
        )
    )
    edited = next(m for m in state["messages"] if m["message_id"] == card["message_id"])
    assert NAME not in edited["text"] and life.phone_number not in edited["text"]
    assert not edited.get("buttons"), "an erased member's card can't be approved"
    for message in await life.admin.messages():
        assert NAME not in (message.get("text") or ""), "the admin's decided card too"


async def test_files_stay_with_the_municipality_when_another_member_remains(ebot, tmp_path):
    muni = await place_members(ebot, "Beshik-Jon", [48_100_001, 48_100_002], langs=("ru",))
    db = ebot.services.db
    await db.execute(
        "UPDATE users SET full_name = ? WHERE telegram_id = 48100001", ("Асылбекова Гүлнара",)
    )
    await make_competition(ebot)
    ebot.clock.set(OPENS + timedelta(minutes=1))
    await drain(ebot)
    sender = ebot.phone(48_100_001, lang="ru")
    receipt = await submit_file(ebot, sender, "Асылбекова Гүлнара.pdf")
    user_id = (await ebot.user(48_100_001)).id
    assert await ebot.services.accounts.erase(48_100_001)
    files = [dict(r) for r in await db.fetchall("SELECT * FROM submission_files")]
    assert [(f["file_name"], f["archive_status"]) for f in files] == [("document.pdf", "archived")]
    kept = Path(files[0]["local_path"])
    assert await asyncio.to_thread(kept.read_bytes) == PDF and kept.name == "1_document.pdf"
    assert kept.parent == tmp_path / "media" / receipt / "v1"
    assert not any("Асылбекова" in p.name for p in (tmp_path / "media").rglob("*"))
    version = await db.fetchone("SELECT submitted_by, description FROM submission_versions")
    assert version["submitted_by"] is None and version["description"]
    entrant = await db.fetchone("SELECT entrant_id FROM submissions")
    assert entrant[0] == muni, "the submission stays the municipality's"
    assert await db.fetchone("SELECT 1 FROM users WHERE id = ?", (user_id,)) is not None


async def test_a_card_shown_by_pending_is_edited_too(bot):
    admin = await admin_phone(bot)
    member = bot.phone(48_200_001)
    await register(bot, member, name="Ожидающая Проверки")
    pushed = await expect(admin, "Ожидающая Проверки")
    await admin.send("/pending")
    shown = await expect(admin, "Ожидающая Проверки")
    assert shown["message_id"] != pushed["message_id"]
    await member.send("/deleteme")
    await tap(member, t("ru", "Yes, delete my data"))
    await drain(bot)
    ids = {pushed["message_id"], shown["message_id"]}

    def both_erased(state: dict) -> bool:
        done = [m for m in state["messages"] if t("en", ERASED) in (m.get("text") or "")]
        return {m["message_id"] for m in done} == ids

    state = await admin.wait_state(both_erased)
    assert not any("Ожидающая" in (m.get("text") or "") for m in state["messages"])


async def test_a_card_on_its_way_during_the_erasure_is_edited_once_it_lands(ebot):
    """Telegram is slow to take the card; the member erases meanwhile; the card lands with
    their name, and the edit queued for it finds its message id and clears it."""
    admin = await admin_phone(ebot)
    member = ebot.phone(48_300_001)
    await register_until_summary(member)
    ebot.emulator.set_faults(slow_rate=1.0, slow_seconds=1.5, methods=["sendMessage"])
    await tap(member, t("ru", "✅ Confirm"))
    db = ebot.services.db
    for _ in range(50):  # bounded: the card is leased within a second
        if await db.count("SELECT COUNT(*) FROM outbox WHERE template = 'approval_request'"
                          " AND status = 'sending'"):  # fmt: skip
            break
        await asyncio.sleep(0.05)
    assert await ebot.services.accounts.erase(48_300_001)
    card = await expect(admin, "Первое Имя")
    ebot.emulator.set_faults()
    ebot.clock.advance(minutes=3)
    ebot.app.bot_data["dispatcher"].wake()
    await drain(ebot)
    state = await admin.wait_state(
        lambda st: any(
            m["message_id"] == card["message_id"] and t("en", ERASED) in (m.get("text") or "")
            for m in st["messages"]
        )
    )
    assert not any("Первое Имя" in (m.get("text") or "") for m in state["messages"])


async def test_a_file_downloading_during_the_erasure_is_stored_under_its_neutral_name(
    ebot, tmp_path
):
    await place_members(ebot, "Beshik-Jon", [48_400_001, 48_400_002], langs=("ru",))
    await make_competition(ebot)
    ebot.clock.set(OPENS + timedelta(minutes=1))
    await drain(ebot)
    ebot.emulator.set_faults(slow_rate=1.0, slow_seconds=1.5, methods=["getFile"])
    ebot.emulator.reset_stats()
    sender = ebot.phone(48_400_001, lang="ru")
    await sender.send("/competitions")
    await tap(sender, "📝 " + t("ru", "Prepare our submission"))
    await tap(sender, "▶️ " + t("ru", "Start"))
    await sender.send("Провели 12 встреч с жителями.")
    await sender.send("800")
    await sender.send(document=("Асылбекова Гүлнара.pdf", PDF))
    await tap(sender, "✅ " + t("ru", "Done with files"))
    await tap(sender, "✅ " + t("ru", "Send"))
    for _ in range(100):  # bounded: the archiver asks for the file right after the receipt
        if ebot.emulator.stats()["calls"].get("getFile"):
            break
        await asyncio.sleep(0.02)
    assert await ebot.services.accounts.erase(48_400_001)
    await archived(ebot)
    ebot.emulator.set_faults()
    row = await ebot.services.db.fetchone("SELECT file_name, local_path FROM submission_files")
    assert row["file_name"] == "document.pdf" and row["local_path"].endswith("1_document.pdf")
    assert await asyncio.to_thread(Path(row["local_path"]).read_bytes) == PDF
    assert not any("Асылбекова" in p.name for p in (tmp_path / "media").rglob("*"))
