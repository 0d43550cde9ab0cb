"""Exports of a competition's submissions: the XLSX and the ZIP of files, from the command line
and through the bot, with refusals for anyone who does not run the competition."""

from __future__ import annotations

import asyncio
import io
import json
import os
import sys
import zipfile
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from bot.clock import ManualClock
from bot.competitions.callbacks import CompetitionCb
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.repo.submissions import Result, StoredFile
from bot.competitions.service.export import SubmissionExports
from bot.competitions.views.submission_xlsx import workbook
from bot.competitions.views.submission_zip import ZipTooBig, safe, write_zip
from bot.competitions.views.text import kgs
from bot.core import users as users_repo
from bot.i18n import translator
from tests.competitions.helpers import (
    DEADLINE,
    OPENS,
    make_cluster,
    make_competition,
    municipality_id,
    place_members,
)
from tests.conftest import ADMIN_ID, ROOT, BotUnderTest, expect, seed, t
from tests.seminars.helpers import NOW, forge

JPEG = b"\xff\xd8\xff\xe0" + b"photo-bytes" * 50
PDF = b"%PDF-1.4 report" * 40
MB = 1024 * 1024


@pytest.fixture
async def xbot(emulator, tmp_path) -> AsyncIterator[BotUnderTest]:
    """A bot on a ManualClock that reads archived files from a media folder of its own."""
    media = tmp_path / "media"
    media.mkdir()
    db_path = tmp_path / "export.sqlite3"
    await seed(db_path)
    bot = BotUnderTest(emulator, db_path, ManualClock(NOW), MUNIBOT_MEDIA_DIR=str(media))
    bot.media = media
    await bot.start()
    try:
        yield bot
    finally:
        await bot.close()


def stored(n: int, kind: str, name: str | None, mime: str, size: int) -> StoredFile:
    return StoredFile(n, kind, f"tg-{kind}-{n}-{size}", f"uniq-{kind}-{n}-{size}", name, mime, size)


async def archive(bot, submission_id: int, position: int, data: bytes, relative: bool) -> None:
    """What the member-side downloader does: the bytes in the media folder, the row marked."""
    latest = await subs_repo.version(bot.services.db, submission_id)
    row = next(f for f in latest.files if f.position == position)
    path = bot.media / f"s{submission_id}" / f"v{latest.version}-{position}.bin"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    local = str(path.relative_to(bot.media)) if relative else str(path)
    await subs_repo.set_archived(bot.services.db, row.id, "archived", local, None)


async def scene(bot) -> dict:
    """Two municipalities send: Beshik-Jon twice (the second time with a photo and a PDF on
    disk), Masy once (a video too big to download and a document whose download failed); then
    Beshik-Jon is accepted and wins first place, Masy is asked for a revision."""
    beshik = await place_members(bot, "Beshik-Jon", [8501, 8502])
    masy = await place_members(bot, "Masy", [8601])
    competition = await make_competition(bot)
    found = {"competition": competition, "revision": DEADLINE + timedelta(days=5)}
    found |= await send_both(bot, competition.id, beshik, masy)
    await review_both(bot, found, beshik)
    found["names"] = {"beshik": await names(bot, beshik), "masy": await names(bot, masy)}
    return found


async def send_both(bot, competition_id: int, beshik: int, masy: int) -> dict:
    subs, clock = bot.services.submissions, bot.services.clock
    clock.set(OPENS + timedelta(minutes=5))
    first = await subs.submit(8501, competition_id, beshik, "Первый вариант.", 100, [], None)
    clock.set(OPENS + timedelta(days=1))
    files = [stored(1, "photo", None, "image/jpeg", len(JPEG)),
             stored(2, "document", "Отчёт: итоги?.pdf", "application/pdf", len(PDF))]  # fmt: skip
    await subs.submit(8502, competition_id, beshik, "Встречи с жителями.", 120, files, 1)
    sid = first.submission.id
    await archive(bot, sid, 1, JPEG, relative=True)
    await archive(bot, sid, 2, PDF, relative=False)
    masy_files = [stored(1, "video", "clip.mp4", "video/mp4", 25 * MB),
                  stored(2, "document", "plan.docx", "application/msword", 3000)]  # fmt: skip
    other = await subs.submit(8601, competition_id, masy, "=SUM(A1)", 40, masy_files, None)
    failed = (await subs_repo.version(bot.services.db, other.submission.id)).files[1]
    await subs_repo.set_archived(bot.services.db, failed.id, "failed", None, "Bad Request")
    return {"beshik": sid, "masy": other.submission.id, "failed_id": failed.file_id,
            "big_id": masy_files[0].file_id}  # fmt: skip


async def review_both(bot, found: dict, beshik: int) -> None:
    """Written with the repository functions, as the review screens would."""
    db, cid = bot.services.db, found["competition"].id
    admin = await users_repo.by_telegram_id(db, ADMIN_ID)
    await users_repo.update_fields(db, admin.id, "2026-01-01", full_name="Жюри Админ")
    now = bot.services.clock.now().isoformat()
    sid = found["beshik"]
    await subs_repo.set_review(db, sid, now, status="accepted", score=87, review_comment="Хорошо")
    await subs_repo.log(db, cid, "status", now, submission_id=sid, from_status="received",
                        to_status="accepted", actor_id=admin.id)  # fmt: skip
    await subs_repo.set_review(db, found["masy"], now, status="needs_revision",
                               revision_deadline=found["revision"])  # fmt: skip
    result = Result(beshik, "place", 1, 500_000, None)
    await subs_repo.record_result(db, cid, result, admin.id, now)
    note = json.dumps({"grant_kgs": 500_000, "condition": None})
    await subs_repo.log(db, cid, "result", now, submission_id=sid, to_status="place1",
                        comment=note, actor_id=admin.id)  # fmt: skip


async def names(bot, muni: int) -> dict:
    row = await bot.services.db.fetchone(
        "SELECT m.name_ky, m.name_ru, d.name_ru AS district_ru FROM municipalities m"
        " JOIN districts d ON d.id = m.district_id WHERE m.id = ?",
        (muni,),
    )
    return dict(row)


def sheet_rows(book, index: int) -> list[tuple]:
    return list(book.worksheets[index].iter_rows(values_only=True))


def by_header(rows: list[tuple]) -> list[dict]:
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


async def run_cli(*args: str, env: dict) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=ROOT, env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), 30)
    return proc.returncode, out.decode(), err.decode()


RU = translator("ru")


def R(msgid: str) -> str:  # noqa: N802
    return t("ru", msgid)


async def test_the_cli_writes_every_sheet_and_the_archive(xbot, tmp_path):
    s = await scene(xbot)
    out, zip_path = tmp_path / "out" / "subs.xlsx", tmp_path / "out" / "files.zip"
    env = {"MUNIBOT_DB": xbot.config.db_path, "MUNIBOT_MEDIA_DIR": str(xbot.media)}
    args = ["--competition", str(s["competition"].id), "--out", str(out), "--zip", str(zip_path)]
    args += ["--lang", "ru"]  # the default is MUNIBOT_DEFAULT_LANG (ky)
    code, stdout, err = await run_cli("export", "submissions", *args, env=env)
    assert code == 0, err
    assert "2 submissions" in stdout and "2 files archived" in stdout
    book = load_workbook(out)
    sheets = ("Submissions", "Versions", "Files", "Eligible", "Log")
    assert book.sheetnames == [R(x) for x in sheets]
    check_submissions(by_header(sheet_rows(book, 0)), s)
    versions = sheet_rows(book, 1)
    assert [(r[0], r[2]) for r in versions[1:]] == [
        ("IC-2026-001", 1), ("IC-2026-001", 2), ("IC-2026-002", 1)]  # fmt: skip
    paths = check_files(by_header(sheet_rows(book, 2)), s)
    check_eligible_and_log(by_header(sheet_rows(book, 3)), by_header(sheet_rows(book, 4)), s)
    with zipfile.ZipFile(zip_path) as z:
        assert sorted(z.namelist()) == sorted(["README.txt", *paths[:2]])
        assert z.read(paths[0]) == JPEG and z.read(paths[1]) == PDF
        readme = z.read("README.txt").decode("utf-8-sig")
    assert s["big_id"] in readme and s["failed_id"] in readme
    assert RU._("the download failed") in readme


def check_submissions(subs: list[dict], s: dict) -> None:
    beshik, masy = subs
    assert [r[R("Receipt")] for r in subs] == ["IC-2026-001", "IC-2026-002"]
    assert beshik[R("Entrant")] == s["names"]["beshik"]["name_ru"]
    assert beshik[R("District")] == s["names"]["beshik"]["district_ru"]
    assert beshik[R("Status")] == RU._("accepted") and masy[R("Status")] == RU._("needs revision")
    assert (beshik[R("Version")], beshik[R("Residents reached")], beshik[R("Files")]) == (2, 120, 2)
    assert (beshik[R("Archived")], beshik[R("Not archived")]) == (2, 0)
    assert (masy[R("Files")], masy[R("Archived")], masy[R("Not archived")]) == (2, 0, 2)
    assert masy[R("Description")] == "=SUM(A1)", "typed text stays text, never a formula"
    assert beshik[R("Sent by")] == "Member 8502"
    sent_at = (OPENS + timedelta(days=1)).astimezone(RU.tz).replace(tzinfo=None)
    assert beshik[R("Sent at (Bishkek)")] == sent_at
    revision = s["revision"].astimezone(RU.tz).replace(tzinfo=None)
    assert masy[R("Revision deadline (Bishkek)")] == revision
    assert beshik[R("Score")] == 87 and beshik[R("Reviewer's comment")] == "Хорошо"
    assert beshik[R("Result")] == RU._("Place {place}").format(place=1)
    assert beshik[R("Grant, KGS")] == 500_000


def check_files(files: list[dict], s: dict) -> list:
    assert len(files) == 4, "the second version's two files and Masy's two"
    folder = f"IC-2026-001 {s['names']['beshik']['name_ru']}"
    paths = [f[R("Path in the ZIP")] for f in files]
    assert paths == [f"{folder}/01_photo.jpg", f"{folder}/02_Отчёт_ итоги_.pdf", None, None]
    assert files[2][R("Archive")] == RU._("too big for a bot to download (over 20 MB)")
    assert files[3][R("File ID in Telegram")] == s["failed_id"]
    return paths


def check_eligible_and_log(eligible: list[dict], log: list[dict], s: dict) -> None:
    yes = {r[R("Entrant")] for r in eligible if r[R("Submitted")] == RU._("yes")}
    assert yes == {s["names"]["beshik"]["name_ru"], s["names"]["masy"]["name_ru"]}
    assert len(eligible) == 22, "every municipality of the pilot list was eligible"
    actions = [(r[R("Receipt")], r[R("Action")]) for r in log]
    assert actions == [
        ("IC-2026-001", RU._("sent")),
        ("IC-2026-001", RU._("sent again (a new version)")),
        ("IC-2026-002", RU._("sent")),
        ("IC-2026-001", RU._("status changed")),
        ("IC-2026-001", RU._("result recorded")),
    ]
    assert log[-2][R("Who")] == "Жюри Админ" and log[-2][R("To")] == RU._("accepted")
    assert log[-1][R("To")] == RU._("Place {place}").format(place=1)
    assert log[-1][R("Comment")] == kgs(RU, 500_000)


async def press_containing(phone, fragment: str) -> None:
    """Taps the newest button whose label contains `fragment`, as a person would."""

    def find(state):
        for message in reversed(state["messages"]):
            for b in (b for row in message.get("buttons") or [] for b in row):
                if fragment in b["text"]:
                    return message["message_id"], b["callback_data"]
        return None

    message_id, data = find(await phone.wait_state(find))
    await phone.press(message_id=message_id, callback_data=data)


async def test_staff_get_both_files_from_the_button(xbot):
    """Through the competition's card: /competitions, the competition, then Export."""
    s = await scene(xbot)
    admin = xbot.phone(ADMIN_ID, lang="ky", first_name="Админ")
    await admin.send("/competitions")
    await expect(admin, t("ky", "Competitions you run. Send /newcompetition to create one."))
    await press_containing(admin, "IC · ")
    await press_containing(admin, "📤 " + t("ky", "Export"))
    state = await admin.wait_state(lambda st: len(documents(st)) == 2, timeout=10)
    book_doc, zip_doc = documents(state)
    assert book_doc["file_name"] == "submissions-IC-2026.xlsx"
    book = load_workbook(io.BytesIO(await admin.download(book_doc["file_id"])))
    heads = sheet_rows(book, 0)[0]
    assert heads[:3] == (t("ky", "Receipt"), t("ky", "Entrant"), t("ky", "Entrant kind"))
    assert sheet_rows(book, 0)[1][1] == s["names"]["beshik"]["name_ky"]
    archive_bytes = await admin.download(zip_doc["file_id"])
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as z:
        folder = f"IC-2026-001 {s['names']['beshik']['name_ky']}"
        assert z.read(f"{folder}/01_photo.jpg") == JPEG
    captions = [m.get("caption") or "" for m in state["messages"] if m.get("document")]
    ky = translator("ky")
    counts = ky.ngettext("Submissions: {count} of {total} eligible entrant.",
                         "Submissions: {count} of {total} eligible entrants.", 22)  # fmt: skip
    assert counts.format(count=2, total=22) in captions[0]
    assert s["competition"].title_ky in captions[0]
    shown = ky.ngettext("{count} file of the latest versions.",
                        "{count} files of the latest versions.", 2)  # fmt: skip
    assert shown.format(count=2) in captions[1]


def documents(state: dict) -> list[dict]:
    return [m["document"] for m in state["messages"] if m.get("document")]


async def test_a_member_pressing_a_forged_export_button_gets_nothing(xbot):
    s = await scene(xbot)
    member = xbot.phone(8502, lang="ru")
    await member.send("/help")
    await member.wait_state(lambda st: st["messages"])
    data = CompetitionCb(competition_id=s["competition"].id, action="export").pack()
    assert await forge(member, data) == t("ru", "This is for the competition's organisers only.")
    await member.send("/exportsubmissions " + str(s["competition"].id))
    await expect(member, t("ru", "This is for the competition's organisers only."))
    assert not documents(await member.state())


async def test_the_command_says_when_the_archive_is_too_big_for_telegram(xbot):
    muni = await place_members(xbot, "Beshik-Jon", [8701])
    competition = await make_competition(xbot)
    xbot.services.clock.set(OPENS + timedelta(minutes=5))
    big = [stored(n, "video", f"v{n}.mp4", "video/mp4", 18 * MB) for n in (1, 2, 3)]
    sent = await xbot.services.submissions.submit(
        8701, competition.id, muni, "Видео со встреч.", 130, big, None
    )
    for n in (1, 2, 3):
        await archive(xbot, sent.submission.id, n, bytes(18 * MB), relative=True)
    admin = xbot.phone(ADMIN_ID, lang="ru", first_name="Админ")
    await admin.send(f"/exportsubmissions {competition.id}")
    await expect(admin, "python -m bot export submissions --competition", timeout=15)
    state = await admin.state()
    assert [d["file_name"] for d in documents(state)] == ["submissions-IC-2026.xlsx"]
    await admin.send("/exportsubmissions 999")
    await expect(admin, t("ru", "There is no competition number {id}.").format(id=999))


async def test_zip_writer_stops_past_its_limit_and_names_are_safe(xbot):
    s = await scene(xbot)
    exports = SubmissionExports(xbot.services.competitions)
    found = await exports.operator(s["competition"].id)
    with pytest.raises(ZipTooBig):
        write_zip(io.BytesIO(), found, RU, limit=100)
    assert write_zip(io.BytesIO(), found, translator("en")) == 2
    assert safe("CON") == "_CON" and safe(' a<b>:"c"/d. ') == "a_b___c__d"
    assert safe("Бешик-Жон") == "Бешик-Жон"
    (xbot.media / f"s{s['beshik']}" / "v2-1.bin").unlink()
    found = await exports.operator(s["competition"].id)
    out = io.BytesIO()
    assert write_zip(out, found, RU) == 1
    readme = zipfile.ZipFile(out).read("README.txt").decode("utf-8-sig")
    assert RU._("not found in the media folder") in readme
    files = by_header(sheet_rows(load_workbook(io.BytesIO(workbook(found, RU))), 2))
    assert files[0][R("Archive")] == RU._("not found in the media folder")
    assert files[0][R("Path in the ZIP")] is None


def fitted(sheet, date_width: int = 18) -> dict[str, float]:
    """The widths each column should have: its longest text plus two, 8 to 50."""
    widths: dict[str, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                size = date_width if cell.is_date else len(str(cell.value)) + 2
                widths[cell.column_letter] = max(widths.get(cell.column_letter, 8), size)
    return {letter: min(width, 50) for letter, width in widths.items()}


async def test_every_sheet_looks_as_before_bold_heads_frozen_fitted_dated(xbot):
    """The sheets are written row by row (write-only), so they must still look as they did."""
    s = await scene(xbot)
    found = await SubmissionExports(xbot.services.competitions).operator(s["competition"].id)
    book = load_workbook(io.BytesIO(workbook(found, RU)))
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(c.font.b for c in sheet[1]) and not any(c.font.b for c in sheet[2])
        assert all(c.alignment.vertical == "top" for row in sheet.iter_rows(min_row=2)
                   for c in row), sheet.title  # fmt: skip
        widths = {k: d.width for k, d in sheet.column_dimensions.items() if d.width}
        assert widths == fitted(sheet), sheet.title
    first = book.worksheets[0]
    sent = next(c for c in first[2] if c.is_date)
    assert sent.number_format == "dd.mm.yyyy hh:mm"
    described = next(c for c in first[3] if c.value == "=SUM(A1)")
    assert described.data_type == "s"


async def test_a_cluster_shows_its_member_municipalities(xbot):
    cluster = await make_cluster(xbot, "NOOKEN", ["Beshik-Jon", "Masy"])
    await place_members(xbot, "Masy", [8801])
    competition = await make_competition(
        xbot, {"kind": "clusters", "values": [cluster]}, entrant_kind="cluster"
    )
    xbot.services.clock.set(OPENS + timedelta(minutes=5))
    await xbot.services.submissions.submit(8801, competition.id, cluster, "Вместе.", 900, [], None)
    found = await SubmissionExports(xbot.services.competitions).operator(competition.id)
    (row,) = by_header(sheet_rows(load_workbook(io.BytesIO(workbook(found, RU))), 0))
    assert row[R("Entrant")] == "NOOKEN ru" and row[R("Entrant kind")] == RU._("cluster")
    members = row[R("Municipalities in the cluster")]
    assert members == ", ".join([(await names(xbot, await municipality_id(xbot, m)))["name_ru"]
                                 for m in ("Beshik-Jon", "Masy")])  # fmt: skip
    assert row[R("Residents reached")] == 900
