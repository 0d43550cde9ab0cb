"""Submissions from the member's side, through the emulator: /competitions, the draft (text,
figures, an album and a document), the review, the receipt, the team's notice, editing,
deadlines and extensions, a restart mid-draft, /mysubmissions, and the archive on disk."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.competitions import archiver
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.service.submissions import MAX_DESCRIPTION
from bot.i18n import translator
from tests.competitions.helpers import (
    DEADLINE,
    OPENS,
    make_cluster,
    make_competition,
    place_members,
)
from tests.conftest import ADMIN_ID, BotUnderTest, alert, expect, seed, t, tap
from tests.seminars.helpers import NOW, drain, texts

PNG = b"\x89PNG\r\n\x1a\n" + bytes(40)
PDF = b"%PDF-1.4\n% report of the information campaign\n"
TEXT = "Провели 12 встреч с жителями и раздали 800 листовок."
FILES_QUESTION = (
    "Now send photos, documents or videos: an album at once or one by one. "
    "When all are attached, press «Done with files»."
)


@pytest.fixture
async def mbot(emulator, tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    db_path = tmp_path / "subs.sqlite3"
    await seed(db_path)
    bot = BotUnderTest(
        emulator, db_path, ManualClock(NOW), MUNIBOT_MEDIA_DIR=str(tmp_path / "media")
    )
    await bot.start()
    try:
        yield bot
    finally:
        await bot.close()


async def opened(bot: BotUnderTest, audience: dict | None = None, **changes):
    competition = await make_competition(bot, audience, **changes)
    bot.clock.set(OPENS + timedelta(minutes=1))
    await drain(bot)
    return competition


def describe(lang: str) -> str:
    return t(
        lang,
        "Describe what was done: what, where, for whom and with what result. "
        "One message, up to {limit} characters.",
    ).format(limit=translator(lang).number(MAX_DESCRIPTION))


def attached(lang: str, count: int, limit: int = 5) -> str:
    return translator(lang).ngettext(
        "{count} file attached (at most {limit}).", "{count} files attached (at most {limit}).",
        count,
    ).format(count=count, limit=limit)  # fmt: skip


def residents_question(lang: str) -> str:
    return t(lang, "How many residents did it reach? Send one number, for example 1200.")


def review_head(lang: str) -> str:
    return t(lang, "Please check your submission before sending.")


async def begin(phone, lang: str, label: str = "Prepare our submission", start: str = "Start"):
    await phone.send("/competitions")
    await expect(phone, "🏆")
    icon = "✏️ " if label == "Edit our submission" else "📝 "
    await tap(phone, icon + t(lang, label))
    icon = "✏️ " if start == "Start editing" else "▶️ "
    await tap(phone, icon + t(lang, start))


async def up_to_review(phone, lang: str, residents: str | None = "1 200") -> dict:
    """Description, figures and one photo, then the review screen."""
    await expect(phone, describe(lang))
    await phone.send(TEXT)
    if residents is not None:
        await expect(phone, residents_question(lang))
        await phone.send(residents)
    await phone.send(photo=PNG + b"1")
    await expect(phone, attached(lang, 1))
    await tap(phone, "✅ " + t(lang, "Done with files"))
    return await expect(phone, review_head(lang))


async def archived(bot: BotUnderTest, count: int, waiting=("pending",)) -> list[dict]:
    """Waits (bounded) until `count` files have left the `waiting` states."""
    marks = ",".join("?" * len(waiting))
    for _ in range(100):
        rows = await bot.services.db.fetchall(
            f"SELECT * FROM submission_files WHERE archive_status NOT IN ({marks}) ORDER BY id",
            waiting,
        )
        if len(rows) >= count:
            return [dict(r) for r in rows]
        await asyncio.sleep(0.05)
    raise AssertionError("files were not archived")


def received_text(lang: str, entrant: str, title: str, receipt: str) -> str:
    return (
        translator(lang)
        ._("A submission for {entrant} was sent to «{title}». Receipt number: {receipt}.")
        .format(entrant=entrant, title=title, receipt=receipt)
    )


async def test_a_municipality_sends_text_figures_an_album_and_a_document(mbot, tmp_path):
    await place_members(mbot, "Beshik-Jon", [8401, 8402])
    competition = await opened(mbot)
    phone = mbot.phone(8402, lang="ru")
    await phone.send("/competitions")
    listing = await expect(phone, competition.title_ru)
    assert t("ru", "Not sent yet.") in listing["text"]
    assert "Бешик-Джон" in listing["text"] and "⏳" in listing["text"]
    await tap(phone, "📝 " + t("ru", "Prepare our submission"))
    await tap(phone, "▶️ " + t("ru", "Start"))
    await expect(phone, describe("ru"))
    await phone.send(TEXT)
    await expect(phone, residents_question("ru"))
    await phone.send("1 200")
    await expect(phone, t("ru", FILES_QUESTION))
    await phone.send_album([{"photo": PNG + b"a"}, {"photo": PNG + b"b"}])
    await expect(phone, attached("ru", 2))
    assert not any(attached("ru", 1) in x for x in await texts(mbot, 8402)), "one answer per album"
    await phone.send(document=("отчёт.pdf", PDF))
    await expect(phone, attached("ru", 3))
    await tap(phone, "✅ " + t("ru", "Done with files"))
    review = (await expect(phone, review_head("ru")))["text"]
    assert TEXT in review and "отчёт.pdf" in review
    assert (
        t("ru", "Residents reached: {count}").format(count=translator("ru").number(1200)) in review
    )
    await tap(phone, "✅ " + t("ru", "Send"))
    sent = t("ru", "Sent. Receipt number: {receipt}. Version {version} is the one that counts.")
    await expect(phone, sent.format(receipt="IC-2026-001", version=1))
    await drain(mbot)
    told = received_text("ky", "Бешик-Жон", competition.title_ky, "IC-2026-001")
    assert any(told in x for x in await texts(mbot, 8401))
    rows = await archived(mbot, 3)
    assert [r["archive_status"] for r in rows] == ["archived"] * 3
    folder = tmp_path / "media" / "IC-2026-001" / "v1"
    assert sorted(p.name for p in folder.iterdir()) == ["1_photo.jpg", "2_photo.jpg", "3_отчёт.pdf"]
    assert (folder / "3_отчёт.pdf").read_bytes() == PDF
    assert rows[2]["local_path"] == str(folder / "3_отчёт.pdf")


async def test_a_cluster_sends_and_every_member_municipality_hears_of_it(mbot):
    await place_members(mbot, "Beshik-Jon", [8501], langs=("ky",))
    await place_members(mbot, "Masy", [8502], langs=("ru",))
    cluster = await make_cluster(mbot, "NORTH", ["Beshik-Jon", "Masy"])
    audience = {"kind": "clusters", "values": [cluster]}
    competition = await opened(mbot, audience, code="SIAP", entrant_kind="cluster",
                               needs_residents=False, max_files=3)  # fmt: skip
    phone = mbot.phone(8501, lang="ky")
    await begin(phone, "ky")
    await expect(phone, describe("ky"))
    await phone.send("Кластер боюнча биргелешкен долбоор.")
    await expect(phone, t("ky", FILES_QUESTION))
    await phone.send_album([{"photo": PNG + b"c"}, {"photo": PNG + b"d"}])
    await expect(phone, attached("ky", 2, 3))
    await phone.send(document=("план.docx", PDF))
    await expect(phone, attached("ky", 3, 3))
    await tap(phone, "✅ " + t("ky", "Done with files"))
    await tap(phone, "✅ " + t("ky", "Send"))
    await expect(phone, "SIAP-2026-001")
    await drain(mbot)
    told = received_text("ru", "NORTH ru", competition.title_ru, "SIAP-2026-001")
    assert any(told in x for x in await texts(mbot, 8502))


async def test_an_edit_starts_from_the_latest_version_and_both_versions_are_kept(mbot):
    muni = await place_members(mbot, "Beshik-Jon", [8601, 8602])
    competition = await opened(mbot)
    await mbot.services.submissions.submit(8602, competition.id, muni, "Первая версия.", 300,
                                           [], None)  # fmt: skip
    phone = mbot.phone(8601, lang="ky")
    await begin(phone, "ky", "Edit our submission", "Start editing")
    review = (await expect(phone, review_head("ky")))["text"]
    assert "Первая версия." in review
    assert t("ky", "Based on version {version}, the latest sent.").format(version=1) in review
    await tap(phone, "✏️ " + t("ky", "Change text"))
    await expect(phone, describe("ky"))
    await phone.send("Экинчи версия: жыйынтыктар кошулду.")
    review = (await expect(phone, review_head("ky")))["text"]
    assert "Экинчи версия" in review and translator("ky").number(300) in review
    await tap(phone, "✅ " + t("ky", "Send"))
    sent = t("ky", "Sent. Receipt number: {receipt}. Version {version} is the one that counts.")
    await expect(phone, sent.format(receipt="IC-2026-001", version=2))
    submission = await subs_repo.of_entrant(mbot.services.db, competition.id, muni)
    first = await subs_repo.version(mbot.services.db, submission.id, 1)
    assert submission.version == 2 and first.description == "Первая версия."
    await phone.send("/mysubmissions")
    mine = await expect(phone, "IC-2026-001")
    count = translator("ky").ngettext("{count} version sent", "{count} versions sent", 2)
    assert count.format(count=2) in mine["text"]


async def test_after_the_deadline_sending_is_refused_until_an_extension(mbot):
    muni = await place_members(mbot, "Beshik-Jon", [8701], langs=("ru",))
    competition = await opened(mbot)
    phone = mbot.phone(8701, lang="ru")
    await begin(phone, "ru")
    await up_to_review(phone, "ru")
    mbot.clock.set(DEADLINE + timedelta(minutes=5))
    await tap(phone, "✅ " + t("ru", "Send"))
    closed = t(
        "ru", "Submissions closed on {date}. If you need more time, please ask the coordinator."
    )
    assert await alert(phone) == closed.format(date=translator("ru").datetime(DEADLINE))
    await phone.send("/competitions")
    since = t("ru", "Closed since {date}.").format(date=translator("ru").datetime(DEADLINE))
    await expect(phone, since)
    until = DEADLINE + timedelta(days=2)
    await mbot.services.competitions.extend(ADMIN_ID, competition.id, muni, until)
    await tap(phone, "✅ " + t("ru", "Send"))
    await expect(phone, "IC-2026-001")


async def test_a_restart_mid_draft_resumes_at_the_same_step_with_the_files(mbot):
    await place_members(mbot, "Beshik-Jon", [8801], langs=("ru",))
    await opened(mbot)
    phone = mbot.phone(8801, lang="ru")
    await begin(phone, "ru")
    await expect(phone, describe("ru"))
    await phone.send(TEXT)
    await phone.send("450")
    await phone.send(photo=PNG + b"x")
    await expect(phone, attached("ru", 1))
    await mbot.restart()
    await phone.send("/competitions")
    await expect(phone, "🏆")
    await tap(phone, "📝 " + t("ru", "Prepare our submission"))
    await tap(phone, "▶️ " + t("ru", "Continue the draft"))
    await expect(phone, attached("ru", 1))
    await phone.send(photo=PNG + b"y")
    await expect(phone, attached("ru", 2))
    await tap(phone, "✅ " + t("ru", "Done with files"))
    review = (await expect(phone, review_head("ru")))["text"]
    assert TEXT in review and "450" in review
    assert translator("ru").ngettext("{count} file", "{count} files", 2).format(count=2) in review


async def test_my_submissions_shows_status_comment_and_revision_deadline(mbot):
    muni = await place_members(mbot, "Beshik-Jon", [8901], langs=("ru",))
    competition = await opened(mbot)
    sent = await mbot.services.submissions.submit(8901, competition.id, muni, "Текст.", 10, [],
                                                  None)  # fmt: skip
    revise_by = DEADLINE + timedelta(days=5)
    await subs_repo.set_review(mbot.services.db, sent.submission.id, "2026-12-01T00:00:00+00:00",
                               status="needs_revision", review_comment="Добавьте <фото>.",
                               revision_deadline=revise_by)  # fmt: skip
    phone = mbot.phone(8901, lang="ru")
    await phone.send("/mysubmissions")
    shown = (await expect(phone, "IC-2026-001"))["text"]
    ru = translator("ru")
    assert t("ru", "needs revision") in shown
    assert t("ru", "Reviewer's comment: {comment}").format(comment="Добавьте <фото>.") in shown
    assert t("ru", "Please send a revised version by {date}.").format(
        date=ru.datetime(revise_by)) in shown  # fmt: skip
    assert ru.ngettext("{count} version sent", "{count} versions sent", 1).format(count=1) in shown
    assert "⏳" in shown


async def test_a_failed_download_is_marked_and_tried_again_later(mbot, tmp_path):
    await place_members(mbot, "Beshik-Jon", [8951], langs=("ru",))
    await opened(mbot)
    phone = mbot.phone(8951, lang="ru")
    await begin(phone, "ru")
    await up_to_review(phone, "ru")
    mbot.emulator.set_faults(error_rate=1.0, error_code=502, methods=["getFile"])
    await tap(phone, "✅ " + t("ru", "Send"))
    await expect(phone, "IC-2026-001")
    [row] = await archived(mbot, 1)
    assert row["archive_status"] == "failed" and row["archive_error"]
    mbot.emulator.set_faults()
    mbot.clock.advance(minutes=11)
    archiver.wake(mbot.app)
    [row] = await archived(mbot, 1, waiting=("pending", "failed"))
    assert row["archive_status"] == "archived"
    assert await asyncio.to_thread(Path(row["local_path"]).read_bytes) == PNG + b"1"
    assert Path(row["local_path"]).parent == tmp_path / "media" / "IC-2026-001" / "v1"
