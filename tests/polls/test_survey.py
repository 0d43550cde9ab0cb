"""A three-question survey answered one by one with "2 of 3", resumed after a restart of the
bot: where each member stands is in the database."""

from __future__ import annotations

from tests.conftest import add_members, expect, tap
from tests.polls.helpers import RU, finish, question, send, staff


async def test_a_survey_resumes_after_a_restart(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7401, 7402])
    admin = await staff(sbot)
    await admin.send("/polls")
    await tap(admin, "➕ " + RU._("New poll"))
    await question(admin, "one", (["Дүйшөмбү", "Шейшемби"], ["Понедельник", "Вторник"]))
    await tap(admin, RU._("Add a question"))
    await expect(admin, RU._("Question {n}: send it in Kyrgyz.").format(n=2))
    await question(admin, "number", ranged="1-100")
    await tap(admin, RU._("Add a question"))
    await expect(admin, RU._("Question {n}: send it in Kyrgyz.").format(n=3))
    await question(admin, "text")
    await finish(admin)
    await send(admin, 2)

    member = sbot.phone(7402)
    survey = RU.ngettext(
        "A short survey: {count} question.", "A short survey: {count} questions.", 3
    )
    await expect(member, survey.format(count=3))
    await tap(member, RU._("Start the survey"))
    await expect(member, RU._("Question {n} of {total}").format(n=1, total=3))
    await tap(member, "Вторник")
    await expect(member, RU._("Question {n} of {total}").format(n=2, total=3))

    await sbot.restart()
    await member.send("500")
    await expect(member, RU._("Please send a number from {low} to {high}. Nothing was saved.")
                 .format(low=1, high=100))  # fmt: skip
    await member.send("30")
    await expect(member, RU._("Question {n} of {total}").format(n=3, total=3))
    await member.send("Нужен проектор")
    await expect(member, RU._("Thank you! All your answers are saved."))
    db = sbot.services.db
    rows = await db.fetchall(
        "SELECT question, choice, number, text FROM poll_answers ORDER BY question"
    )
    assert [tuple(r) for r in rows] == [(0, 1, None, None), (1, None, 30.0, None),
                                        (2, None, None, "Нужен проектор")]  # fmt: skip
    user = await sbot.user(7402)
    rec = await db.fetchone(
        "SELECT answered, progress FROM poll_recipients WHERE user_id = ?", (user.id,)
    )
    assert tuple(rec) == (1, 3)
    assert await db.count("SELECT COUNT(*) FROM flows WHERE telegram_id = 7402") == 0
