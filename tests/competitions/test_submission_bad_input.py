"""Wrong answers and foreign buttons in the submission draft: each gets a clear answer, and
nothing already given is lost."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from bot.competitions import archiver
from bot.competitions.callbacks import SubmitCb
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.service.submissions import MAX_DESCRIPTION
from bot.i18n import translator
from tests.competitions import test_submissions
from tests.competitions.helpers import municipality_id, place_members
from tests.competitions.test_submissions import (
    PDF,
    PNG,
    TEXT,
    archived,
    attached,
    begin,
    describe,
    opened,
    residents_question,
    review_head,
    up_to_review,
)
from tests.conftest import ADMIN_ID, expect, t, tap
from tests.seminars.helpers import drain, forge, pushes, texts

MB = 1024 * 1024
mbot = test_submissions.mbot


def file_type(lang: str) -> str:
    return t(
        lang,
        "I can't accept this kind of file. Please send photos, videos, or documents "
        "(PDF, Word, Excel, PowerPoint).",
    )


async def at_files(bot, member: int, lang: str = "ru", **changes):
    muni = await place_members(bot, "Beshik-Jon", [member], langs=(lang,))
    competition = await opened(bot, **changes)
    phone = bot.phone(member, lang=lang)
    await begin(phone, lang)
    await expect(phone, describe(lang))
    await phone.send(TEXT)
    await phone.send("300")
    await phone.send(photo=PNG + b"1")
    await expect(phone, attached(lang, 1, changes.get("max_files", 5)))
    return phone, competition, muni


async def test_stickers_and_unknown_documents_are_refused_and_the_files_stay(mbot):
    phone, _, _ = await at_files(mbot, 9101)
    await phone.send(sticker=True)
    answer = await expect(phone, file_type("ru"))
    assert attached("ru", 1) in answer["text"]
    await phone.send(document=("setup.exe", b"MZ\x90\x00"))
    answer = await expect(phone, file_type("ru"))
    assert attached("ru", 1) in answer["text"]
    await phone.send("просто текст")
    await expect(
        phone, t("ru", "Please send photos, documents or videos here, or press «Done with files».")
    )
    await tap(phone, "✅ " + t("ru", "Done with files"))
    review = (await expect(phone, review_head("ru")))["text"]
    assert translator("ru").ngettext("{count} file", "{count} files", 1).format(count=1) in review


def album_refused(lang: str, limit: int) -> str:
    return (
        translator(lang)
        .ngettext(
            "None of this album was attached: with it there would be more than {limit} file. "
            "Send fewer files at once, or remove some first.",
            "None of this album was attached: with it there would be more than {limit} files. "
            "Send fewer files at once, or remove some first.",
            limit,
        )
        .format(limit=limit)
    )


async def draft_files(bot, member: int) -> list[dict]:
    flow = await bot.services.submission_draft.current(member)
    return flow.data["files"]


async def test_an_album_past_the_limit_is_refused_whole_and_said_once(mbot):
    phone, _, _ = await at_files(mbot, 9201, max_files=3)
    await phone.send_album([{"photo": PNG + bytes([n])} for n in range(2, 6)])
    answer = await expect(phone, album_refused("ru", 3))
    assert attached("ru", 1, 3) in answer["text"], "none of the four was kept"
    assert answer["text"].count(album_refused("ru", 3)) == 1
    state = await phone.state()
    assert sum(album_refused("ru", 3) in (m.get("text") or "") for m in state["messages"]) == 1
    assert len(await draft_files(mbot, 9201)) == 1
    await phone.send_album([{"photo": PNG + b"6"}, {"photo": PNG + b"7"}])
    await expect(phone, attached("ru", 3, 3))
    await tap(phone, "🗑 " + t("ru", "Remove all files"))
    await expect(phone, attached("ru", 0, 3))


async def test_a_25_mb_file_is_kept_by_file_id_and_staff_are_told(mbot):
    admin = mbot.phone(ADMIN_ID, lang="ru")
    await admin.send("/start")
    phone, competition, muni = await at_files(mbot, 9301)
    await phone.send(document=("видео-отчёт.pdf", PDF), file_size=25 * MB)
    answer = await expect(phone, attached("ru", 2))
    big = "больше 20 МБ"
    assert big in answer["text"] and "видео-отчёт.pdf" in answer["text"]
    await tap(phone, "✅ " + t("ru", "Done with files"))
    await tap(phone, "✅ " + t("ru", "Send"))
    await expect(phone, "IC-2026-001")
    rows = await archived(mbot, 2)
    assert [r["archive_status"] for r in rows] == ["archived", "too_big"]
    assert rows[1]["file_id"] and rows[1]["local_path"] is None
    await drain(mbot)
    told = await pushes(mbot, "file_not_archived")
    assert [r["chat_id"] for r in told] == [ADMIN_ID]
    warning = t(
        "ru",
        "A file in submission {receipt} («{title}») is over Telegram's 20 MB download limit. "
        "It is kept in Telegram but not archived, so exports will list it without the file.",
    ).format(receipt="IC-2026-001", title=competition.title_ru)
    assert any(warning in x for x in await texts(mbot, ADMIN_ID))


@contextmanager
def read_only(media: Path, receipt: str) -> Iterator[None]:
    """The media folder made read-only (chmod). Root writes through any mode, so there the
    submission's own folder is also taken by a plain file, which no one can write into."""
    media.mkdir(parents=True, exist_ok=True)
    blocker = media / receipt
    if os.geteuid() == 0:
        blocker.write_bytes(b"")
    media.chmod(0o555)
    try:
        yield
    finally:
        media.chmod(0o755)
        blocker.unlink(missing_ok=True)


async def archive_now(files: archiver.Archiver) -> None:
    """A pass of our own, after any the JobQueue's tick started (that one would make ours
    return at once)."""
    async with files.lock:
        pass
    await files.run()


async def test_a_file_that_cant_be_written_is_told_to_staff_and_archived_later(mbot, tmp_path):
    admin = mbot.phone(ADMIN_ID, lang="ru")
    await admin.send("/start")
    with read_only(tmp_path / "media", "IC-2026-001"):
        phone, competition, _ = await at_files(mbot, 9311)
        await tap(phone, "✅ " + t("ru", "Done with files"))
        await tap(phone, "✅ " + t("ru", "Send"))
        await expect(phone, "IC-2026-001")
        (row,) = await archived(mbot, 1)
        assert row["archive_status"] == "failed" and row["local_path"] is None
        await drain(mbot)
        told = await pushes(mbot, "file_archive_failed")
        assert [r["chat_id"] for r in told] == [ADMIN_ID]
        warning = (
            translator("ru")
            ._(
                "A file in submission {receipt} («{title}») could not be saved in the archive: the "
                "server's media folder can't be written to (the disk may be full or read-only). "
                "The file is kept in Telegram, and the bot will try again.",
            )
            .format(receipt="IC-2026-001", title=competition.title_ru)
        )
        assert any(warning in x for x in await texts(mbot, ADMIN_ID))
        files = archiver.for_app(mbot.app)
        assert files.disk.waiting(mbot.clock.now()), "archiving waits 30 s after a failed write"
        mbot.clock.advance(seconds=31)
        await archive_now(files)
        assert files.disk.wait == timedelta(minutes=2), "tried again, failed, waits longer"
        await drain(mbot)
    assert len(await pushes(mbot, "file_archive_failed")) == 1, "told once per file"
    await archive_now(files)
    assert (await archived(mbot, 1))[0]["archive_status"] == "failed", "the minute is not over"
    mbot.clock.advance(seconds=61)
    await archive_now(files)
    (row,) = await archived(mbot, 1, waiting=("pending", "failed"))
    assert row["archive_status"] == "archived"
    assert await asyncio.to_thread(Path(row["local_path"]).read_bytes) == PNG + b"1"


async def test_empty_long_and_non_numeric_answers_are_refused(mbot):
    await place_members(mbot, "Beshik-Jon", [9401], langs=("ky",))
    await opened(mbot)
    phone = mbot.phone(9401, lang="ky")
    await begin(phone, "ky")
    await expect(phone, describe("ky"))
    await phone.send("\u3164")
    await expect(
        phone,
        t("ky", "The description can't be empty. Please describe what your municipality did."),
    )
    await phone.send("ы" * (MAX_DESCRIPTION + 1))
    ky = translator("ky")
    limit = ky.ngettext(
        "This answer can have at most {limit} character.",
        "This answer can have at most {limit} characters.",
        MAX_DESCRIPTION,
    ).format(limit=MAX_DESCRIPTION)
    await expect(phone, limit)
    await phone.send(photo=PNG)
    await expect(phone, t("ky", "Please answer the question above first; files come after it."))
    await phone.send(TEXT)
    await expect(phone, residents_question("ky"))
    await phone.send("abc")
    await expect(phone, t("ky", "Please send a whole number, in digits only."))
    await phone.send("1 500")
    await phone.send(photo=PNG + b"5")
    await tap(phone, "✅ " + t("ky", "Done with files"))
    review = (await expect(phone, review_head("ky")))["text"]
    assert TEXT in review and ky.number(1500) in review


async def test_buttons_for_an_entrant_one_does_not_speak_for_are_refused(mbot):
    beshik = await place_members(mbot, "Beshik-Jon", [9501], langs=("ru",))
    await place_members(mbot, "Masy", [9502], langs=("ru",))
    competition = await opened(mbot)
    outsider = mbot.phone(9502, lang="ru")
    await outsider.send("/competitions")
    await expect(outsider, "🏆")
    not_ours = t("ru", "You can only see and send submissions for your own municipality.")
    for action in ("view", "start", "send", "fix_text", "abort"):
        data = SubmitCb(competition_id=competition.id, entrant_id=beshik, action=action).pack()
        assert await forge(outsider, data) == not_ours
    assert await subs_repo.of_entrant(mbot.services.db, competition.id, beshik) is None
    member = mbot.phone(9501, lang="ru")
    await begin(member, "ru")
    await up_to_review(member, "ru")
    masy = await municipality_id(mbot, "Masy")
    data = SubmitCb(competition_id=competition.id, entrant_id=masy, action="send").pack()
    assert await forge(member, data) == not_ours
    await tap(member, "✅ " + t("ru", "Send"))
    await expect(member, "IC-2026-001")


async def test_two_staff_editing_at_once_the_last_send_wins_and_both_are_kept(mbot):
    muni = await place_members(mbot, "Beshik-Jon", [9601, 9602], langs=("ru", "ky"))
    competition = await opened(mbot)
    first, second = mbot.phone(9601, lang="ru"), mbot.phone(9602, lang="ky")
    await begin(first, "ru")
    await up_to_review(first, "ru")
    await begin(second, "ky")
    await up_to_review(second, "ky")
    await tap(first, "✅ " + t("ru", "Send"))
    await expect(first, "IC-2026-001")
    await tap(second, "✅ " + t("ky", "Send"))
    replaced = t(
        "ky",
        "Your version replaced version {version}, sent by {name} on {date}. "
        "Both versions are kept.",
    ).format(version=1, name="Member 9601", date=translator("ky").datetime(mbot.clock.now()))
    # not just "IC-2026-001": the notice of the first one's send carries it too, and may
    # arrive after the second one's tap
    sent = await expect(second, replaced)
    assert "IC-2026-001" in sent["text"]
    submission = await subs_repo.of_entrant(mbot.services.db, competition.id, muni)
    assert submission.version == 2
    assert (await subs_repo.version(mbot.services.db, submission.id, 1)) is not None
    await drain(mbot)
    assert {r["chat_id"] for r in await pushes(mbot, "submission_received")} == {9601, 9602}
