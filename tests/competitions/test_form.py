"""/newcompetition: the wizard creates competitions between municipalities or clusters, the
call reaches each member in their language at the opening time, bad answers are refused
clearly without losing the good ones, and a restart carries on where the wizard was."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.competitions.callbacks import CompetitionFormCb
from bot.competitions.repo import competitions as repo
from bot.i18n import translator
from tests.competitions.helpers import make_cluster, place_members
from tests.conftest import alert, button_shown, expect, t, tap
from tests.seminars.helpers import drain, forge, texts
from tests.seminars.test_seminars import staff

RU, KY = translator("ru"), translator("ky")
OPENING = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)  # 23.11.2026 10:00 in Bishkek
TITLE_KY = "Таза айыл сынагы"
TITLE_RU = "Конкурс «Чистое село»"


async def latest(sbot):
    rows = await repo.listing(sbot.services.db)
    return rows[0]


def _called(lang: str) -> str:
    return translator(lang)._("A competition is open.")


async def test_a_municipality_competition_reaches_each_member_in_their_language(sbot):
    await place_members(sbot, "Beshik-Jon", [8401, 8402])
    await place_members(sbot, "Masy", [8403])
    admin = await staff(sbot)
    await admin.send("/newcompetition")
    await expect(admin, t("ru", "Write the competition's title in Kyrgyz."))
    for answer in (TITLE_KY, TITLE_RU, "Айылды тазалаңыз.", "Уберите село."):
        await admin.send(answer)
    await expect(
        admin, t("ru", "The rules in Kyrgyz: who may enter, what counts, how it is judged.")
    )
    await tap(admin, t("ru", "Skip"))
    await expect(admin, t("ru", "The rules in Russian."))
    for answer in (
        "Одна заявка от айылного аймака.",
        "1-орун: 500 000 сом",
        "1 место: 500 000 сом",
    ):
        await admin.send(answer)
    await admin.send("ic")
    await tap(admin, t("ru", "Municipalities"))
    await tap(admin, t("ru", "By municipality"))
    await tap(admin, "Бешик-Джон")
    await tap(admin, t("ru", "Done"))
    await expect(admin, RU._("When does the competition open? Members get the call at that time."))
    await admin.send("23.11.2026 10:00")
    await admin.send("10.12.2026 18:00")
    await tap(admin, RU.ngettext("{count} file", "{count} files", 10).format(count=10))
    await tap(admin, t("ru", "Yes"))
    ky_call = await expect(admin, TITLE_KY)
    assert _called("ky") in ky_call["text"] and "Айылды тазалаңыз." in ky_call["text"]
    ru_call = await expect(admin, TITLE_RU)
    assert "Одна заявка от айылного аймака." in ru_call["text"]
    preview = await expect(admin, t("ru", "Preview"))
    reach = RU.ngettext(
        "{count} municipality may take part.", "{count} municipalities may take part.", 1
    )
    assert reach.format(count=1) in preview["text"] and "IC-2026-001" in preview["text"]
    await tap(admin, "✅ " + t("ru", "Create the competition"))
    await expect(admin, RU.ngettext(
        "The competition is created: {count} municipality may take part.",
        "The competition is created: {count} municipalities may take part.", 1,
    ).format(count=1))  # fmt: skip
    competition = await latest(sbot)
    assert (competition.code, competition.max_files, competition.needs_residents) == (
        "IC",
        10,
        True,
    )
    assert competition.opens_at == OPENING and competition.rules_ky is None
    await drain(sbot)
    assert not any(_called("ky") in x for x in await texts(sbot, 8401))
    sbot.services.clock.set(OPENING + timedelta(minutes=1))
    await drain(sbot)
    assert any(TITLE_KY in x and _called("ky") in x for x in await texts(sbot, 8401))
    assert any(TITLE_RU in x and _called("ru") in x for x in await texts(sbot, 8402))
    assert not any(TITLE_RU in x or TITLE_KY in x for x in await texts(sbot, 8403))


async def test_a_cluster_competition_opens_now_for_the_chosen_clusters(sbot):
    await place_members(sbot, "Kenesh", [8501, 8502])
    await place_members(sbot, "Toktogul", [8503])
    await make_cluster(sbot, "BZ", ["Beshik-Jon", "Kenesh"])
    await make_cluster(sbot, "TK", ["Toktogul", "Masy"])
    admin = await staff(sbot)
    await admin.send("/newcompetition")
    await admin.send(TITLE_KY)
    await admin.send(TITLE_RU)
    for _ in range(6):
        await tap(admin, t("ru", "Skip"))
    await admin.send("SIAP")
    await tap(admin, t("ru", "Clusters"))
    await button_shown(admin, t("ru", "All clusters"))
    state = await admin.state()
    labels = {b["text"] for row in state["messages"][-1]["buttons"] for b in row}
    assert t("ru", "By region") not in labels and t("ru", "By position") not in labels
    await tap(admin, t("ru", "By cluster"))
    await tap(admin, "BZ ru")
    await tap(admin, t("ru", "Done"))
    await tap(admin, t("ru", "Now"))
    await admin.send("10.12.2026 18:00")
    await admin.send("0")
    await tap(admin, t("ru", "No"))
    preview = await expect(admin, t("ru", "Preview"))
    assert t("ru", "The call goes out as soon as you confirm.") in preview["text"]
    await tap(admin, "✅ " + t("ru", "Create the competition"))
    await expect(admin, t("ru", "The call is going out now."))
    competition = await latest(sbot)
    assert competition.entrant_kind == "cluster" and competition.code == "SIAP"
    await drain(sbot)
    assert any(TITLE_KY in x for x in await texts(sbot, 8501))
    assert any(TITLE_RU in x for x in await texts(sbot, 8502))
    assert not any(TITLE_RU in x or TITLE_KY in x for x in await texts(sbot, 8503))


async def test_bad_answers_are_refused_and_a_restart_loses_nothing(sbot):
    await place_members(sbot, "Beshik-Jon", [8601])
    member = sbot.phone(8601)
    admin = await staff(sbot)
    await admin.send("/newcompetition")
    await admin.send("Ж" * 201)
    await expect(admin, RU.ngettext(
        "This answer can have at most {limit} character.",
        "This answer can have at most {limit} characters.", 200,
    ).format(limit=200))  # fmt: skip
    await tap(admin, t("ru", "Skip: Russian only"))
    await tap(admin, t("ru", "Skip: Kyrgyz only"))
    assert await alert(admin) == t("ru", "Please write the text in at least one language.")
    await admin.send(TITLE_RU)
    for _ in range(6):
        await tap(admin, t("ru", "Skip"))
    for bad in ("I", "IC1", "ТЕСТ", "ABCDEFG"):
        await admin.send(bad)
        await expect(
            admin, t("ru", "The code is 2 to 6 Latin capital letters, for example IC or SIAP.")
        )
    await admin.send("ic")
    forged = CompetitionFormCb(action="confirm", value="-").pack()
    assert await forge(member, forged) == t("ky", "This is for the competition's organisers only.")
    await tap(admin, t("ru", "Municipalities"))
    await expect(admin, t("ru", "Which of them may take part?"))
    await sbot.restart()
    await tap(admin, t("ru", "All municipalities"))
    await admin.send("23.11.2026 10:00")
    await admin.send("22.11.2026 18:00")
    await expect(admin, t("ru", "The deadline must be after the opening time."))
    await admin.send("20.11.2026 10:00")
    await expect(admin, t("ru", "This time has already passed. Please give a time in the future."))
    await admin.send("10.12.2026 18:00")
    for bad, error in (("31", "Please send a number of files from 0 to 30."),
                       ("abc", "Please send a whole number, in digits only.")):  # fmt: skip
        await admin.send(bad)
        await expect(admin, t("ru", error))
    await admin.send("5")
    stale = CompetitionFormCb(action="skip", value="-").pack()
    await button_shown(admin, t("ru", "Yes"))
    assert await forge(admin, stale) == t(
        "ru", "This button is from an earlier step. Here is where you are now:"
    )
    await tap(admin, t("ru", "No"))
    await expect(admin, t("ru", "Preview"))
    await tap(admin, "✅ " + t("ru", "Create the competition"))
    await expect(admin, t("ru", "The call goes out on {date}.").format(date=RU.datetime(OPENING)))
    competition = await latest(sbot)
    assert (competition.title_ky, competition.title_ru, competition.code) == (None, TITLE_RU, "IC")
    assert (competition.max_files, competition.needs_residents) == (5, False)
    assert await sbot.services.current_flow(900_001) is None


async def test_members_cannot_start_the_wizards(sbot):
    await place_members(sbot, "Beshik-Jon", [8701], langs=("ru",))
    member = sbot.phone(8701)
    for command in ("/newcompetition", "/newcluster"):
        await member.send(command)
        await expect(member, t("ru", "This command is for project staff."))
    assert await sbot.services.current_flow(8701) is None


async def test_a_cluster_competition_needs_a_cluster(sbot):
    admin = await staff(sbot)
    await admin.send("/newcompetition")
    await admin.send(TITLE_RU)
    await tap(admin, t("ru", "Skip: Kyrgyz only"))
    for _ in range(6):
        await tap(admin, t("ru", "Skip"))
    await admin.send("IC")
    await tap(admin, t("ru", "Clusters"))
    assert await alert(admin) == t(
        "ru", "There are no clusters yet. Create one with /newcluster first."
    )
    await tap(admin, t("ru", "Municipalities"))
    await expect(admin, t("ru", "Which of them may take part?"))
