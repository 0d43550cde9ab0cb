"""Reviewing submissions through the emulator: the revision loop, the audit log, final
decisions, forged buttons and region-limited coordinators."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest

from bot.competitions.callbacks import CompetitionCb, ResultCb, ReviewCb
from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.repo.submissions import StoredFile
from bot.competitions.service.reviews import MAX_COMMENT
from bot.core import flows
from bot.core import users as users_repo
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.i18n import translator
from tests.competitions.helpers import DEADLINE, OPENS, make_competition, place_members
from tests.conftest import ADMIN_ID, expect, t, tap
from tests.seminars.helpers import drain, forge, texts

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


async def staff(bot, telegram_id: int = ADMIN_ID, name: str = "Админ"):
    phone = bot.phone(telegram_id, lang="ru", first_name=name)
    await phone.send("/start")
    await expect(phone, t("ru", "You are project staff. Send /help to see your commands."))
    return phone


async def entered(bot, files: list[StoredFile] | None = None):
    """Beshik-Jon (members 8101 ky, 8102 ru) has sent version 1 to an open competition."""
    muni = await place_members(bot, "Beshik-Jon", [8101, 8102])
    competition = await make_competition(bot)
    bot.services.clock.set(OPENS + timedelta(minutes=1))
    sent = await bot.services.submissions.submit(
        8101, competition.id, muni, "Мы провели 5 встреч с жителями.", 120, files or [], None
    )
    entrant = await comp_repo.entrant(bot.services.db, competition, muni)
    return competition, sent.submission, entrant


async def open_card(admin, competition_id: int, submission, entrant) -> None:
    await admin.send(f"/submissions {competition_id}")
    await tap(admin, f"{submission.receipt} · {entrant.name('ru')}")
    await expect(admin, t("ru", "Status: {status}").format(status=""))


async def test_the_revision_loop_end_to_end_with_the_audit_log(sbot):
    competition, submission, entrant = await entered(sbot)
    admin = await staff(sbot)
    await open_card(admin, competition.id, submission, entrant)
    await tap(admin, "🔍 " + t("ru", "Take under review"))
    await expect(admin, t("ru", "Status: {status}").format(status=t("ru", "under review")))
    await tap(admin, "✏️ " + t("ru", "Ask for a revision"))
    question = t(
        "ru",
        "What should {entrant} correct? Write your comment (up to 1000 characters); "
        "their staff will receive it.",
    )
    await expect(admin, question.format(entrant=entrant.name("ru")))
    await admin.send("ы" * (MAX_COMMENT + 1))
    await expect(admin, refusal_text(translator("ru"), Refusal(
        "field_too_long", limit=MAX_COMMENT, length=MAX_COMMENT + 1)))  # fmt: skip
    flow = await flows.get(sbot.services.db, ADMIN_ID)
    assert flow.step == "comment" and not flow.data.get("comment"), "nothing stored"
    await admin.send("Добавьте фотографии встреч.")
    await expect(admin, "20.12.2026 18:00")
    await admin.send("13.12.2026 18:00")
    status = t("ru", "Status: {status}").format(status=t("ru", "needs revision"))
    await expect(admin, status)
    until = (await subs_repo.get(sbot.services.db, submission.id)).revision_deadline
    assert until == DEADLINE + timedelta(days=3)
    await drain(sbot)
    for member, lang in ((8101, "ky"), (8102, "ru")):
        tr = translator(lang)
        notice = next(x for x in await texts(sbot, member) if "Добавьте фотографии" in x)
        assert tr._("needs revision") in notice
        assert (
            tr._("Please correct it and send it again by {date}.").format(date=tr.datetime(until))
            in notice
        )
        state = await sbot.emulator_state(member)
        labels = {
            b["text"] for m in state["messages"] for row in m.get("buttons") or [] for b in row
        }
        assert "✏️ " + tr._("See what to fix") in labels

    sbot.services.clock.set(DEADLINE + timedelta(days=1))
    again = await sbot.services.submissions.submit(
        8102, competition.id, entrant.id, "Добавили фото.", 150, [], 1
    )
    assert again.version == 2 and again.submission.status == "received"
    await open_card(admin, competition.id, submission, entrant)
    await expect(admin, t("ru", "Status: {status}").format(status=t("ru", "received")))
    await tap(admin, "🔍 " + t("ru", "Take under review"))
    await expect(admin, t("ru", "Status: {status}").format(status=t("ru", "under review")))
    await tap(admin, "✅ " + t("ru", "Accept"))
    await expect(admin, t("ru", "Status: {status}").format(status=t("ru", "accepted")))
    await drain(sbot)
    assert any(translator("ky")._("accepted") in x for x in await texts(sbot, 8101))

    await tap(admin, "🕓 " + t("ru", "History"))
    shown = await expect(admin, t("ru", "History of {receipt}").format(receipt=submission.receipt))
    ru = translator("ru")
    first, later = (
        ru.datetime(OPENS + timedelta(minutes=1)),
        ru.datetime(DEADLINE + timedelta(days=1)),
    )
    s = {code: ru._(name) for code, name in (("r", "received"), ("u", "under review"),
         ("n", "needs revision"), ("a", "accepted"))}  # fmt: skip
    sent = ru._("sent version {version}")
    assert shown["text"].splitlines()[2:] == [
        f"{first} — Member 8101: {sent.format(version=1)}",
        f"{first} — Админ: {s['r']} → {s['u']}",
        f"{first} — Админ: {s['u']} → {s['n']}",
        "    «Добавьте фотографии встреч.»",
        f"{first} — Админ: " + ru._("revision deadline {date}").format(date=ru.datetime(until)),
        f"{later} — Member 8102: {sent.format(version=2)} ({s['n']} → {s['r']})",
        f"{later} — Админ: {s['r']} → {s['u']}",
        f"{later} — Админ: {s['u']} → {s['a']}",
    ]

    with pytest.raises(Refusal) as refused:
        await sbot.services.submissions.submit(
            8101, competition.id, entrant.id, "Ещё одна версия.", 1, [], 2
        )
    ky = translator("ky")
    assert refusal_text(ky, refused.value) == ky._(
        "A final decision has been made on this submission ({status}); it can't be changed."
    ).format(status=ky._("accepted"))
    assert (await subs_repo.get(sbot.services.db, submission.id)).version == 2


async def test_a_member_pressing_forged_review_or_result_buttons_changes_nothing(sbot):
    competition, submission, entrant = await entered(sbot)
    await drain(sbot)
    member = sbot.phone(8101, lang="ky")
    sid, cid = submission.id, competition.id
    forged = [
        ReviewCb(submission_id=sid, action="open"),
        ReviewCb(submission_id=sid, action="status", value="under_review"),
        ReviewCb(submission_id=sid, action="status", value="needs_revision"),
        ReviewCb(submission_id=sid, action="files"),
        ReviewCb(submission_id=sid, action="history"),
        ReviewCb(submission_id=sid, action="score"),
        ReviewCb(submission_id=sid, action="result"),
        ReviewCb(submission_id=sid, action="skip"),
        ResultCb(submission_id=sid, award="place1"),
        ResultCb(submission_id=sid, award="none"),
        CompetitionCb(competition_id=cid, action="subs"),
        CompetitionCb(competition_id=cid, action="results"),
        CompetitionCb(competition_id=cid, action="publish"),
        CompetitionCb(competition_id=cid, action="publish_yes"),
    ]
    denied = t("ky", "This is for the competition's organisers only.")
    for data in forged:
        assert await forge(member, data.pack()) == denied, data
    await member.send(f"/submissions {cid}")
    await expect(member, denied)
    db = sbot.services.db
    assert (await subs_repo.get(db, sid)).status == "received"
    assert await subs_repo.results(db, cid) == []
    assert (await comp_repo.get(db, cid)).results_published_at is None
    assert [e.action for e in await subs_repo.history(db, sid)] == ["submitted"]
    assert await sbot.services.current_flow(8101) is None


async def coordinator(bot, telegram_id: int, region: str):
    await users_repo.ensure(bot.services.db, telegram_id, f"Coordinator {telegram_id}", "2026")
    await bot.services.accounts.set_role(ADMIN_ID, telegram_id, "coordinator", [region])
    return await staff(bot, telegram_id, f"Coordinator {telegram_id}")


async def test_a_region_limited_coordinator_cannot_review_another_coordinators_competition(sbot):
    muni = await place_members(sbot, "Beshik-Jon", [8101])
    own = await coordinator(sbot, 8601, "jalal-abad")
    other = await coordinator(sbot, 8602, "osh")
    values = {"code": "SIAP", "title_ky": "Сынак", "title_ru": "Конкурс", "entrant_kind":
              "municipality", "opens_at": OPENS, "deadline": DEADLINE, "max_files": 3,
              "needs_residents": False}  # fmt: skip
    competition, _ = await sbot.services.competitions.create(
        8601, values, {"kind": "all", "values": []}
    )
    sbot.services.clock.set(OPENS + timedelta(minutes=1))
    sent = await sbot.services.submissions.submit(
        8101, competition.id, muni, "Отчёт", None, [], None
    )
    await other.send(f"/submissions {competition.id}")
    await expect(other, t("ru", "This is for the competition's organisers only."))
    data = ReviewCb(submission_id=sent.submission.id, action="status", value="under_review")
    assert await forge(other, data.pack()) == t(
        "ru", "This is for the competition's organisers only."
    )
    assert (await subs_repo.get(sbot.services.db, sent.submission.id)).status == "received"
    await own.send(f"/submissions {competition.id}")
    await tap(own, f"{sent.submission.receipt} · Бешик-Джон")
    await tap(own, "🔍 " + t("ru", "Take under review"))
    await expect(own, t("ru", "Status: {status}").format(status=t("ru", "under review")))


async def uploaded(bot, kind: str, n: int) -> StoredFile:
    """A file Telegram (here the emulator) knows by file_id, as a member's upload would be."""
    send = {"photo": bot.app.bot.send_photo, "video": bot.app.bot.send_video,
            "document": bot.app.bot.send_document}[kind]  # fmt: skip
    message = await send(8101, PNG if kind == "photo" else (b"%PDF-1.4 " + bytes([n])))
    media = message.photo[-1] if kind == "photo" else getattr(message, kind)
    mime = {"photo": "image/jpeg", "video": "video/mp4", "document": "application/pdf"}[kind]
    return StoredFile(n, kind, media.file_id, media.file_unique_id, None, mime, 1000)


async def test_files_go_as_an_album_with_documents_apart_and_scores_are_checked(sbot):
    await place_members(sbot, "Beshik-Jon", [8101])
    files = [await uploaded(sbot, k, n) for n, k in enumerate(("photo", "video", "photo"), 1)]
    files.append(await uploaded(sbot, "document", 4))
    competition, submission, entrant = await entered(sbot, files)
    admin = await staff(sbot)
    await open_card(admin, competition.id, submission, entrant)
    await tap(admin, "📎 " + t("ru", "Files"))
    state = await admin.wait_state(lambda st: any(m.get("document") for m in st["messages"]))
    album = [m for m in state["messages"] if m.get("media_group_id")]
    assert [("photo" in m, "video" in m) for m in album] == [(1, 0), (0, 1), (1, 0)]
    assert len({m["media_group_id"] for m in album}) == 1
    assert album[0]["caption"] == t("ru", "{receipt}, version {version}").format(
        receipt=submission.receipt, version=1
    )
    document = state["messages"][-1]
    assert document["document"]["file_id"] == files[3].file_id and not document.get(
        "media_group_id"
    )
    await tap(admin, "💯 " + t("ru", "Give a score"))
    await expect(admin, t("ru", "The score: a whole number from 0 to 100."))
    await admin.send("101")
    await expect(admin, t("ru", "A score is a whole number from 0 to 100."))
    await admin.send("85")
    await expect(admin, t("ru", "Score: {score}").format(score=85))
    assert (await subs_repo.get(sbot.services.db, submission.id)).score == 85


async def test_a_long_description_and_comment_still_open_and_cancelling_closes_the_score(sbot):
    muni = await place_members(sbot, "Beshik-Jon", [8101])
    competition = await make_competition(sbot)
    sbot.services.clock.set(OPENS + timedelta(minutes=1))
    description = ("Сход & встреча. " * 200)[:3000]
    sent = await sbot.services.submissions.submit(
        8101, competition.id, muni, description, 120, [], None
    )
    sid, reviews = sent.submission.id, sbot.services.reviews
    await reviews.set_status(ADMIN_ID, sid, "under_review")
    await reviews.begin_revision(ADMIN_ID, sid)
    await reviews.text(ADMIN_ID, ("Добавьте <фото>. " * 70)[:1000])
    await reviews.text(ADMIN_ID, "13.12.2026 18:00")
    entrant = await comp_repo.entrant(sbot.services.db, competition, muni)
    admin = await staff(sbot)
    await open_card(admin, competition.id, sent.submission, entrant)
    card = await expect(admin, "Добавьте <фото>.")
    assert "…" in card["text"] and len(card["text"]) <= 4096
    assert description[:500] in card["text"]
    await tap(admin, "🕓 " + t("ru", "History"))
    await expect(admin, t("ru", "History of {receipt}").format(receipt=sent.submission.receipt))
    await tap(admin, t("ru", "« Back"))
    await expect(admin, "Сход & встреча.")

    await tap(admin, "💯 " + t("ru", "Give a score"))
    await expect(admin, t("ru", "The score: a whole number from 0 to 100."))
    await comp_repo.update(sbot.services.db, competition.id, "2026", status="cancelled")
    await admin.send("85")
    await expect(admin, t("ru", "This competition has been cancelled."))
    assert await sbot.services.current_flow(ADMIN_ID) is None
    assert (await subs_repo.get(sbot.services.db, sid)).score is None
    score = ReviewCb(submission_id=sid, action="score").pack()
    assert await forge(admin, score) == t("ru", "This competition has been cancelled.")
    result = ResultCb(submission_id=sid, award="place1").pack()
    assert await forge(admin, result) == t("ru", "This competition has been cancelled.")
