"""Results through the emulator: recording shared places, an incentive prize and a conditional
winner with grants, publishing once after a preview, and what each member then reads."""

from __future__ import annotations

from datetime import timedelta

from bot.competitions.callbacks import CompetitionCb, ResultCb
from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import submissions as subs_repo
from bot.i18n import translator
from tests.competitions.helpers import DEADLINE, OPENS, make_competition, place_members
from tests.conftest import ADMIN_ID, expect, t, tap
from tests.seminars.helpers import drain, forge, texts

CONDITION = "Провести сход граждан до 1 марта."
CONDITION_QUESTION = (
    "What must the conditional winner do? Write the condition (up to 1000 characters)."
)
GRANT_QUESTION = "The grant amount in KGS, a whole number (for example 500000). Or skip it."
UNTIL_QUESTION = (
    "Until when must the condition be met? Bishkek time, for example 01.03.2027 18:00. "
    "After the results are published, the entrant may send its revised version until then."
)
UNTIL = "01.03.2027 18:00"
ENTRANTS = (("Beshik-Jon", [8101, 8102], ("ky", "ru")), ("Masy", [8201, 8202], ("ky", "ru")),
            ("Dostuk", [8301], ("ky",)), ("Burgondu", [8401], ("ru",)),
            ("Kenesh", [8501], ("ru",)), ("Toktogul", [8601], ("ky",)))  # fmt: skip
"""Toktogul is eligible but sends nothing; Kenesh sends but wins nothing."""


async def entered(bot):
    ids = {
        name: await place_members(bot, name, members, langs) for name, members, langs in ENTRANTS
    }
    competition = await make_competition(bot)
    bot.services.clock.set(OPENS + timedelta(minutes=1))
    for name, members, _ in ENTRANTS[:5]:
        await bot.services.submissions.submit(
            members[0], competition.id, ids[name], "Отчёт о кампании.", 100, [], None
        )
    names = {}
    for name, entrant_id in ids.items():
        names[name] = await comp_repo.entrant(bot.services.db, competition, entrant_id)
    return competition, names


async def record(admin, entrant, award: str, grant: str | None, condition: str | None = None):
    await tap(admin, f"{entrant.name('ru')} · —")
    menu = t("ru", "Result for {entrant} ({receipt}):").split(" (")[0]
    await expect(admin, menu.format(entrant=entrant.name("ru")))
    await tap(admin, t("ru", award))
    if condition:
        await expect(admin, t("ru", CONDITION_QUESTION))
        await admin.send(condition)
        await expect(admin, t("ru", UNTIL_QUESTION))
        await admin.send(UNTIL)
    await expect(admin, t("ru", GRANT_QUESTION))
    if grant is None:
        await tap(admin, t("ru", "Skip"))
    else:
        await admin.send(grant)
    await expect(admin, "✅ " + t("ru", "Saved."))


async def own_results(bot, member: int, lang: str, c) -> list[str]:
    tr = translator(lang)
    head = tr._("The results of «{title}» are published.").format(
        title=c.title_ky if lang == "ky" else c.title_ru
    )
    return [x for x in await texts(bot, member) if head in x]


def winners(lang: str, c, names) -> str:
    tr = translator(lang)
    five = tr._("{amount} KGS").format(amount=tr.number(5_000_000))
    two = tr._("{amount} KGS").format(amount=tr.number(2_000_000))
    title = c.title_ky if lang == "ky" else c.title_ru
    return "\n".join([
        "🏆 " + tr._("Winners of «{title}»").format(title=title), "",
        "🥇 " + tr._("1st place"),
        f"• {names['Beshik-Jon'].name(lang)} — {five}",
        f"• {names['Masy'].name(lang)} — {five}", "",
        "🎖 " + tr._("Incentive prizes"),
        f"• {names['Dostuk'].name(lang)}", "",
        "📌 " + tr._("Conditional winners"),
        f"• {names['Burgondu'].name(lang)} — {two}",
    ])  # fmt: skip


async def test_results_are_recorded_published_once_and_read_in_each_language(sbot):
    competition, names = await entered(sbot)
    admin = sbot.phone(ADMIN_ID, lang="ru", first_name="Админ")
    await admin.send(f"/submissions {competition.id}")
    await tap(admin, "🏆 " + t("ru", "Results"))
    await expect(admin, t("ru", "No results recorded yet."))
    publish = CompetitionCb(competition_id=competition.id, action="publish_yes").pack()
    assert await forge(admin, publish) == t("ru", "Record at least one result before publishing.")
    await record(admin, names["Beshik-Jon"], "1st place", "5 000 000")
    await record(admin, names["Masy"], "1st place", "5000000")
    await record(admin, names["Dostuk"], "Incentive prize", None)
    await record(admin, names["Burgondu"], "Conditional winner", "2000000", CONDITION)
    await tap(admin, "📣 " + t("ru", "Publish"))
    preview = await expect(admin, winners("ru", competition, names))
    assert CONDITION not in preview["text"]
    await tap(admin, "⚠️ " + t("ru", "Publish before the deadline"))
    await expect(admin, t("ru", "The deadline has not passed yet."))
    await tap(admin, "📣 " + t("ru", "Yes, publish now"))
    told = translator("ru").ngettext(
        "The results are published; {count} member is being told.",
        "The results are published; {count} members are being told.",
        8,
    )
    await expect(admin, told.format(count=8))
    assert await forge(admin, publish) == t("ru", "The results have already been published.")
    beshik = await subs_repo.of_entrant(sbot.services.db, competition.id, names["Beshik-Jon"].id)
    again = ResultCb(submission_id=beshik.id, award="place2").pack()
    assert await forge(admin, again) == t("ru", "The results have already been published.")

    await drain(sbot)
    for member, lang in ((8101, "ky"), (8102, "ru"), (8301, "ky"), (8401, "ru"), (8501, "ru"),
                         (8601, "ky")):  # fmt: skip
        received = await texts(sbot, member)
        table = winners(lang, competition, names).split("\n\n", 1)[1]
        about = [x for x in received if table in x]
        assert len(about) == 1, f"{member}: one message with the winners, not two"
        assert any("5\u00a0000\u00a0000 сом" in x for x in received), "Babel's group separator"
    ky, ru = translator("ky"), translator("ru")
    own = {
        m: await own_results(sbot, m, lang, competition)
        for m, lang in ((8101, "ky"), (8102, "ru"), (8401, "ru"), (8501, "ru"), (8601, "ky"))
    }
    five_ky = ky._("{amount} KGS").format(amount=ky.number(5_000_000))
    assert (
        "🎉 " + ky._("Congratulations!") + f" Бешик-Жон: {ky._('1st place')}.\n"
        + ky._("Grant: {amount}.").format(amount=five_ky)
    ) in own[8101][-1]  # fmt: skip
    assert (
        "🎉 " + ru._("Congratulations!") + f" Бургонду: {ru._('Conditional winner')}.\n"
        + ru._("Grant: {amount}.").format(
            amount=ru._("{amount} KGS").format(amount="2\u00a0000\u00a0000")
        )
        + "\n"
        + ru._("Condition: {condition}").format(condition=CONDITION)
    ) in own[8401][-1]  # fmt: skip
    not_this_time = ru._("{entrant} is not among the winners this time. Thank you for taking part!")
    assert not_this_time.format(entrant="Кенеш") in own[8501][-1]
    assert ru._("Congratulations!") not in own[8501][-1]
    assert own[8601] == [] and len(own[8102]) == 1
    assert winners("ky", competition, names) in await texts(sbot, 8601), "the winners alone"

    member = sbot.phone(8202, lang="ru")
    await member.send("/results")
    shown = await expect(member, winners("ru", competition, names).split("\n\n", 1)[1])
    lines = shown["text"].splitlines()
    assert lines[0] == "🏆 " + competition.title_ru and lines[2].startswith(
        f"Массы: {ru._('1st place')}."
    )


async def test_long_conditions_keep_the_board_openable_and_publishing_closes_an_open_result(sbot):
    competition, names = await entered(sbot)
    db, results = sbot.services.db, sbot.services.results
    sids = {}
    for name, _, _ in ENTRANTS[:5]:
        sids[name] = (await subs_repo.of_entrant(db, competition.id, names[name].id)).id
    for n, name in enumerate(("Beshik-Jon", "Masy", "Dostuk", "Burgondu")):
        await results.choose(ADMIN_ID, sids[name], "conditional")
        await results.text(ADMIN_ID, (f"Условие {n} & сход. " * 60)[:1000])
        await results.text(ADMIN_ID, UNTIL)
        await results.text(ADMIN_ID, "1000000")
    await results.choose(ADMIN_ID, sids["Kenesh"], "incentive")
    admin = sbot.phone(ADMIN_ID, lang="ru", first_name="Админ")
    await admin.send(f"/submissions {competition.id}")
    await tap(admin, "🏆 " + t("ru", "Results"))
    board = await expect(admin, t("ru", "Not published yet."))
    assert len(board["text"]) < 4096 and "Условие 3 & сход." in board["text"]
    assert "…" in board["text"]
    sbot.services.clock.set(DEADLINE + timedelta(minutes=1))
    await tap(admin, "📣 " + t("ru", "Publish"))
    await tap(admin, "✅ " + t("ru", "Publish and send"))
    await expect(admin, t("ru", "Published on {date}.").split("{")[0])
    await admin.send("500")
    await expect(admin, t("ru", "The results have already been published."))
    assert await sbot.services.current_flow(ADMIN_ID) is None
    assert len(await subs_repo.results(db, competition.id)) == 4
