"""Conditional winners through the emulator, on the controlled clock: the entrant hears its
condition and deadline with the results, sends the revised version through the revision loop
after publication, and staff settle it once. One meets it (a winner now, every eligible member
told); one does not (told, gone from the winners); "met" after the deadline is refused, and a
second tap changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.competitions.callbacks import ConditionCb
from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import submissions as subs_repo
from bot.core import audit
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.i18n import translator
from tests.competitions.helpers import DEADLINE, OPENS, make_competition, place_members
from tests.competitions.test_review import staff
from tests.competitions.test_submissions import review_head
from tests.conftest import ADMIN_ID, expect, t, tap
from tests.seminars.helpers import drain, forge, pushes, texts

CONDITION = "Пересмотреть смету: не больше 30% на оборудование."
UNTIL = "01.03.2027 18:00"
UNTIL_AT = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)  # 18:00 in Bishkek
RU, KY = translator("ru"), translator("ky")


async def published(bot):
    """Beshik-Jon (8101 ky, 8102 ru) a conditional winner with a grant, Masy (8201 ru) first;
    Toktogul (8601 ky) could enter and sent nothing. Published after the deadline."""
    beshik = await place_members(bot, "Beshik-Jon", [8101, 8102])
    masy = await place_members(bot, "Masy", [8201], ("ru",))
    await place_members(bot, "Toktogul", [8601], ("ky",))
    competition = await make_competition(bot)
    bot.services.clock.set(OPENS + timedelta(minutes=1))
    svc = bot.services
    sids = {}
    for name, member, muni in (("Beshik-Jon", 8101, beshik), ("Masy", 8201, masy)):
        sent = await svc.submissions.submit(member, competition.id, muni, "План.", 100, [], None)
        sids[name] = sent.submission.id
        await svc.reviews.set_status(ADMIN_ID, sent.submission.id, "under_review")
        await svc.reviews.set_status(ADMIN_ID, sent.submission.id, "accepted")
    await svc.results.record(ADMIN_ID, sids["Beshik-Jon"], "conditional", CONDITION, "2000000",
                             UNTIL)  # fmt: skip
    await svc.results.record(ADMIN_ID, sids["Masy"], "place1", "", "5000000")
    svc.clock.set(DEADLINE + timedelta(days=1))
    await svc.results.publish(ADMIN_ID, competition.id)
    await drain(bot)
    return competition, sids


async def test_the_conditional_winner_meets_the_condition_and_every_eligible_member_is_told(sbot):
    competition, sids = await published(sbot)
    db, svc = sbot.services.db, sbot.services
    sid = sids["Beshik-Jon"]
    told = next(x for x in await texts(sbot, 8101) if KY._("Condition: {condition}").format(
        condition=CONDITION) in x)  # fmt: skip
    assert KY._("Deadline for the condition: {date}.").format(date=KY.datetime(UNTIL_AT)) in told
    again = await subs_repo.get(db, sid)
    assert again.status == "needs_revision" and again.revision_deadline == UNTIL_AT
    assert again.review_comment == CONDITION

    member = sbot.phone(8102, lang="ru")
    await tap(member, "✏️ " + t("ru", "Send the revised version"))
    await expect(member, review_head("ru"))
    await tap(member, "✅ " + t("ru", "Send"))
    await expect(member, "IC-2026-001")
    resent = await subs_repo.get(db, sid)
    assert resent.version == 2 and resent.status == "received", "back to the reviewers"

    admin = await staff(sbot)
    await admin.send(f"/submissions {competition.id}")
    await tap(admin, "IC-2026-001 · Бешик-Джон")
    await expect(admin, t("ru", "The condition: {state}").format(
        state=t("ru", "waiting for the revised version")))  # fmt: skip
    await tap(admin, "📌 " + t("ru", "Settle the condition"))
    await expect(admin, t("ru", "Conditional winner: {entrant}").format(entrant="Бешик-Джон"))
    before = len(await _settled_pushes(sbot))
    await tap(admin, "✅ " + t("ru", "Condition met"))
    await expect(admin, t("ru", "The condition: {state}").format(
        state=t("ru", "met: now a winner")))  # fmt: skip
    met = ConditionCb(submission_id=sid, action="met").pack()
    await forge(admin, met)
    await expect(admin, t("ru", "This condition was settled already; nothing changed."))
    notices = await _settled_pushes(sbot)
    assert before == 0 and len(notices) == 4, "8101, 8102 congratulated; 8201, 8601 told once"

    result = await subs_repo.result_of(db, competition.id, again.entrant_id)
    assert result.condition_state == "met" and result.grant_kgs == 2_000_000
    assert (await subs_repo.get(db, sid)).status == "accepted"
    assert [e.action for e in await audit.latest(db, 50)].count("condition_met") == 1
    log = [e for e in await subs_repo.history(db, sid) if e.action == "condition"]
    assert [(e.to_status, e.comment) for e in log] == [("met", CONDITION)]

    await drain(sbot)
    congratulated = KY._(
        "Congratulations! {entrant} has met the condition and is now a winner of «{title}»."
    ).format(entrant="Бешик-Жон", title=competition.title_ky)
    assert any(congratulated in x for x in await texts(sbot, 8101))
    news = RU._(
        "The results of «{title}» have changed: {entrant} has met its condition and is "
        "now a winner."
    ).format(title=competition.title_ru, entrant="Бешик-Джон")
    heading = "🏅 " + RU._("Winners (condition met)") + "\n• Бешик-Джон"
    assert any(news in x and heading in x for x in await texts(sbot, 8201))
    news_ky = KY._(
        "The results of «{title}» have changed: {entrant} has met its condition and "
        "is now a winner."
    ).format(title=competition.title_ky, entrant="Бешик-Жон")
    assert any(news_ky in x for x in await texts(sbot, 8601))
    reader = sbot.phone(8201, lang="ru")
    await reader.send("/results")
    await expect(reader, heading)
    figures = await donor_figures(sbot, competition.id)
    assert [e.name_ru for e in figures.awarded("winner")] == ["Бешик-Джон"]
    assert figures.awarded("conditional") == [], "the donor report reads it as a win now"
    with pytest.raises(Refusal) as closed:
        await svc.submissions.submit(8101, competition.id, again.entrant_id, "Ещё.", 1, [], 2)
    assert closed.value.code in ("results_published", "final_decision")


async def donor_figures(bot, competition_id: int):
    """The competition as the donor report counts it (its deadline's year, every region)."""
    deadline = (await bot.services.competitions.get(competition_id)).deadline.date()
    report = await bot.services.donor_reports.for_period(
        ADMIN_ID, deadline.replace(month=1, day=1), deadline.replace(month=12, day=31)
    )
    return next(f for f in report.competitions if f.competition.id == competition_id)


async def _settled_pushes(bot) -> list[dict]:
    found = []
    for template in ("condition_met_own", "condition_met", "condition_not_met_own"):
        found += await pushes(bot, template)
    return found


async def test_a_condition_not_met_is_told_and_met_after_the_deadline_is_refused(sbot):
    competition, sids = await published(sbot)
    db, svc = sbot.services.db, sbot.services
    sid = sids["Beshik-Jon"]
    entrant_id = (await subs_repo.get(db, sid)).entrant_id
    svc.clock.set(UNTIL_AT + timedelta(minutes=1))
    with pytest.raises(Refusal) as late_send:
        await svc.submissions.submit(8101, competition.id, entrant_id, "Поздно.", 1, [], 1)
    assert late_send.value.code == "closed"

    member = sbot.phone(8101, lang="ky")
    await member.send("/results")
    await expect(member, "Бешик-Жон")
    for action in ("met", "not_met", "ask"):
        forged = ConditionCb(submission_id=sid, action=action).pack()
        assert await forge(member, forged) == t(
            "ky", "This is for the competition's organisers only."
        )
    assert (await subs_repo.result_of(db, competition.id, entrant_id)).condition_state == "pending"

    admin = await staff(sbot)
    await admin.send(f"/submissions {competition.id}")
    await tap(admin, "🏆 " + t("ru", "Results"))
    await tap(
        admin, "📌 " + t("ru", "{entrant}: settle the condition").format(entrant="Бешик-Джон")
    )
    await expect(admin, t("ru", "Conditional winner: {entrant}").format(entrant="Бешик-Джон"))
    late = refusal_text(RU, Refusal("condition_deadline_passed", date=UNTIL_AT))
    assert await forge(admin, ConditionCb(submission_id=sid, action="met").pack()) == late
    assert (await subs_repo.result_of(db, competition.id, entrant_id)).condition_state == "pending"

    await tap(admin, "❌ " + t("ru", "Condition not met"))
    await expect(admin, t("ru", "The condition: {state}").format(state=t("ru", "not met")))
    settled = t("ru", "This condition has already been settled; it can't be changed.")
    assert await forge(admin, ConditionCb(submission_id=sid, action="met").pack()) == settled
    await drain(sbot)
    lapsed = RU._(
        "{entrant} did not meet the condition of its conditional win in «{title}», so the win "
        "has lapsed. If you have questions, please write to the project coordinator."
    )
    assert any(lapsed.format(entrant="Бешик-Джон", title=competition.title_ru) in x
               for x in await texts(sbot, 8102))  # fmt: skip
    assert len(await pushes(sbot, "condition_not_met_own")) == 2
    assert await pushes(sbot, "condition_met") == [], "nobody else is told"
    assert [e.action for e in await audit.latest(db, 50)].count("condition_not_met") == 1

    figures = await donor_figures(sbot, competition.id)
    assert figures.awarded("conditional") == [] and figures.awarded("winner") == []
    assert all(e.grant_kgs is None for e in figures.entrants if e.name_ru == "Бешик-Джон")
    reader = sbot.phone(8201, lang="ru")
    await reader.send("/results")
    shown = await expect(reader, RU._("1st place"))
    assert "Бешик-Джон" not in shown["text"].split(RU._("1st place"), 1)[1], "off the winners"
    entrant = await comp_repo.entrant(db, competition, entrant_id)
    assert entrant is not None
