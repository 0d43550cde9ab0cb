"""A review panel through the emulator: two reviewers scoring apart against weighted criteria and
the average the organisers read; a reviewer who sees only what is assigned to them; bad input
(a score outside the scale, a criterion line that can't be read, forged buttons); and a
rejection that carries its reason to the entrant."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.competitions.callbacks import PanelCb, ReviewCb, ScoreCb
from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import panel as panel_repo
from bot.competitions.repo import submissions as subs_repo
from bot.core import audit
from bot.core import users as users_repo
from bot.core.errors import NotAllowed, Refusal
from bot.core.refusals import refusal_text
from bot.i18n import translator
from tests.competitions.helpers import OPENS, make_competition, place_members
from tests.competitions.test_review import coordinator, staff
from tests.conftest import ADMIN_ID, expect, t, tap
from tests.seminars.helpers import drain, forge, texts

RU = translator("ru")
CRITERIA = "Актуалдуулук / Актуальность; 3; 10\nБюджет; 1; 5"
NOT_ASSIGNED = "This submission is not assigned to you for review."
ORGANISERS = "This is for the competition's organisers only."


async def two_entered(bot):
    """Beshik-Jon (8101 ky, 8102 ru) and Masy (8201) have sent; (competition, {name: sid})."""
    beshik = await place_members(bot, "Beshik-Jon", [8101, 8102])
    masy = await place_members(bot, "Masy", [8201], ("ru",))
    competition = await make_competition(bot)
    bot.services.clock.set(OPENS + timedelta(minutes=1))
    sids = {}
    for name, member, muni in (("Beshik-Jon", 8101, beshik), ("Masy", 8201, masy)):
        sent = await bot.services.submissions.submit(
            member, competition.id, muni, "Отчёт о кампании.", 100, [], None
        )
        sids[name] = sent.submission.id
    return competition, sids


async def open_panel(admin, competition) -> None:
    await admin.send("/competitions")
    listed = await expect(
        admin, t("ru", "Competitions you run. Send /newcompetition to create one.")
    )
    await tap(admin, listed["buttons"][0][0]["text"])
    await tap(admin, "👥 " + t("ru", "Review panel"))
    await expect(admin, t("ru", "Review panel: «{title}»").format(title=competition.title_ru))


async def add_reviewer(admin, name: str) -> None:
    await tap(admin, "➕ " + t("ru", "Add a reviewer"))
    await tap(admin, name)
    await expect(admin, f"• {name} — " + t("ru", "all submissions"))


async def test_two_reviewers_score_apart_and_the_organisers_read_the_weighted_average(sbot):
    competition, sids = await two_entered(sbot)
    first = await coordinator(sbot, 8601, "osh")
    second = await coordinator(sbot, 8602, "osh")
    admin = await staff(sbot)
    await open_panel(admin, competition)
    await add_reviewer(admin, "Coordinator 8601")
    await add_reviewer(admin, "Coordinator 8602")

    await tap(admin, "📝 " + t("ru", "Set the criteria"))
    await expect(admin, "Актуалдуулук / Актуальность; 3; 10")
    await admin.send("Актуальность 3 10\nБюджет; 1; 5")
    refused = refusal_text(RU, Refusal("criterion_line", line=1))
    await expect(admin, refused)
    assert await panel_repo.criteria(sbot.services.db, competition.id) == [], "nothing saved"
    await admin.send(CRITERIA)
    await expect(admin, t("ru", "{n}. {name}: weight {weight}, scores 0 to {max}").format(
        n=1, name="Актуальность", weight=3, max=10))  # fmt: skip

    await drain(sbot)
    told = t(
        "ru",
        "You are now a reviewer of «{title}». Score the submissions assigned to you "
        "against the criteria; the organisers see your scores, other reviewers do not.",
    )
    for member in (8601, 8602):
        assert "👥 " + told.format(title=competition.title_ru) in await texts(sbot, member)

    await second.send("/submissions")
    await expect(second, t("ru", "To review"))
    await tap(second, "IC-2026-001 · Бешик-Джон")
    await tap(second, "💯 " + t("ru", "Score"))
    await expect(second, "Актуальность")
    await second.send("11")
    await expect(second, refusal_text(RU, Refusal("criterion_score", max=10)))
    await second.send("6 Мало фото встреч")
    await expect(second, "Бюджет")
    await second.send("5")
    total = t("ru", "Your total: {score}").format(
        score=t("ru", "{score} of 100").format(score=RU.number(70))
    )
    await expect(second, total)

    await first.send("/submissions")
    await tap(first, "IC-2026-001 · Бешик-Джон")
    sheet = await expect(first, t("ru", "Your scores"))
    assert "Мало фото встреч" not in sheet["text"] and "6/10" not in sheet["text"], "apart"
    await tap(first, "💯 " + t("ru", "Score"))
    await first.send("8 — Хороший охват")
    await expect(first, "Бюджет")
    await first.send("4")
    await expect(first, t("ru", "Your total: {score}").format(
        score=t("ru", "{score} of 100").format(score=RU.number(80))))  # fmt: skip

    await admin.send(f"/submissions {competition.id}")
    await tap(admin, "IC-2026-001 · Бешик-Джон")
    average = t("ru", "Panel average: {score} ({count}).").format(
        score=t("ru", "{score} of 100").format(score=RU.number(75)),
        count=t("ru", "{done} of {total} reviewers finished").format(done=2, total=2),
    )
    await expect(admin, average)
    await tap(admin, "📊 " + t("ru", "Panel scores"))
    shown = await expect(admin, t("ru", "Panel scores: {receipt}").format(receipt="IC-2026-001"))
    assert "👤 Coordinator 8601: " + RU._("{score} of 100").format(score="80") in shown["text"]
    assert "👤 Coordinator 8602: " + RU._("{score} of 100").format(score="70") in shown["text"]
    assert "«Хороший охват»" in shown["text"] and "«Мало фото встреч»" in shown["text"]

    db = sbot.services.db
    assert await db.count("SELECT COUNT(*) FROM review_scores") == 4
    actions = [e.action for e in await audit.latest(db, 50)]
    assert actions.count("reviewer_assigned") == 2 and actions.count("criteria_set") == 1
    with pytest.raises(Refusal) as late:
        await sbot.services.panel.set_criteria(ADMIN_ID, competition.id, "Новое; 1; 10")
    assert late.value.code == "criteria_scored"
    assert (await subs_repo.get(db, sids["Beshik-Jon"])).status == "received", "no decision"


async def test_a_reviewer_sees_only_what_is_assigned_and_forged_buttons_change_nothing(sbot):
    competition, sids = await two_entered(sbot)
    reviewer = await coordinator(sbot, 8601, "osh")
    admin = await staff(sbot)
    await open_panel(admin, competition)
    await add_reviewer(admin, "Coordinator 8601")
    await sbot.services.panel.set_criteria(ADMIN_ID, competition.id, CRITERIA)
    await tap(admin, "👤 Coordinator 8601")
    await tap(admin, "☑️ " + t("ru", "Choose the submissions"))
    await tap(admin, "▫️ IC-2026-001 · Бешик-Джон")
    await expect(
        admin,
        RU.ngettext(
            "Reviews {count} chosen submission.", "Reviews {count} chosen submissions.", 1
        ).format(count=1),
    )

    await reviewer.send("/status")
    line = RU.ngettext(
        "{count} submission to score on your review panel",
        "{count} submissions to score on your review panel",
        1,
    ).format(count=1)
    await expect(reviewer, line)
    await tap(reviewer, "🧮 " + RU._("Score submissions ({count})").format(count=1))
    listed = await expect(reviewer, t("ru", "To review"))
    assert "IC-2026-001" in listed["text"] and "IC-2026-002" not in listed["text"]
    await reviewer.send("/submissions")
    listed = await expect(reviewer, t("ru", "To review"))
    assert "IC-2026-001" in listed["text"] and "IC-2026-002" not in listed["text"]
    await reviewer.send(f"/submissions {competition.id}")
    listed = await expect(reviewer, t("ru", "To review"))
    assert "IC-2026-002" not in listed["text"]
    masy, beshik = sids["Masy"], sids["Beshik-Jon"]
    for data in (ScoreCb(action="open", submission_id=masy),
                 ScoreCb(action="score", submission_id=masy),
                 ScoreCb(action="files", submission_id=masy)):  # fmt: skip
        assert await forge(reviewer, data.pack()) == t("ru", NOT_ASSIGNED), data
    for data in (ScoreCb(action="scores", submission_id=beshik),
                 ReviewCb(submission_id=beshik, action="status", value="accepted"),
                 ReviewCb(submission_id=beshik, action="open"),
                 PanelCb(competition_id=competition.id, action="pick", user_id=1)):  # fmt: skip
        assert await forge(reviewer, data.pack()) == t("ru", ORGANISERS), data
    criterion = (await panel_repo.criteria(sbot.services.db, competition.id))[0]
    with pytest.raises(NotAllowed):
        await sbot.services.scoring.score(8601, masy, criterion.id, "5")
    with pytest.raises(Refusal) as outside:
        await sbot.services.scoring.score(8601, beshik, criterion.id, "12")
    assert outside.value.code == "criterion_score"

    member = sbot.phone(8101, lang="ky")
    await member.send("/start")
    assert await forge(member, ScoreCb(action="open", submission_id=beshik).pack()) == t(
        "ky", NOT_ASSIGNED
    )
    user = await users_repo.by_telegram_id(sbot.services.db, 8101)
    with pytest.raises(NotAllowed):
        await sbot.services.panel.add(ADMIN_ID, competition.id, user.id)
    db = sbot.services.db
    assert await db.count("SELECT COUNT(*) FROM review_scores") == 0
    assert (await subs_repo.get(db, beshik)).status == "received"
    assert [r.user_id for r in await panel_repo.reviewers(db, competition.id)] == [
        (await users_repo.by_telegram_id(db, 8601)).id
    ]


async def test_a_rejection_needs_its_reason_and_the_entrant_reads_it(sbot):
    competition, sids = await two_entered(sbot)
    sid = sids["Beshik-Jon"]
    reviews = sbot.services.reviews
    await reviews.set_status(ADMIN_ID, sid, "under_review")
    with pytest.raises(Refusal) as bare:
        await reviews.set_status(ADMIN_ID, sid, "rejected")
    assert bare.value.code == "reason_required"
    with pytest.raises(Refusal):
        await reviews.set_status(ADMIN_ID, sid, "rejected", "   ")
    assert (await subs_repo.get(sbot.services.db, sid)).status == "under_review"

    admin = await staff(sbot)
    entrant_id = (await subs_repo.get(sbot.services.db, sid)).entrant_id
    entrant = await comp_repo.entrant(sbot.services.db, competition, entrant_id)
    await admin.send(f"/submissions {competition.id}")
    await tap(admin, f"IC-2026-001 · {entrant.name('ru')}")
    await tap(admin, "❌ " + t("ru", "Reject"))
    await expect(admin, t(
        "ru",
        "Why is the submission of {entrant} rejected? Write the reason (up to 1000 characters); "
        "their staff will read it with the decision.",
    ).format(entrant=entrant.name("ru")))  # fmt: skip
    assert (await subs_repo.get(sbot.services.db, sid)).status == "under_review", "asked first"
    reason = "Нет фотографий встреч и списка участников."
    await admin.send(reason)
    await expect(admin, t("ru", "Reason: {reason}").format(reason=reason))
    assert (await subs_repo.get(sbot.services.db, sid)).status == "rejected"
    await drain(sbot)
    for member, lang in ((8101, "ky"), (8102, "ru")):
        tr = translator(lang)
        notice = next(x for x in await texts(sbot, member) if tr._("rejected") in x)
        assert tr._("Reason: {reason}").format(reason=reason) in notice
