"""Press release drafts read back with python-docx: the figures are the report's (distinct
people, women with the right word), the towns and regions as the directory names them, in ky,
ru and en; competitions with shared places, incentive prizes, clusters and conditions; drafts
refused when there is nothing true to announce; the buttons send the file in the chat."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.errors import Refusal
from bot.i18n import translator
from bot.seminars.callbacks import SeminarCb
from tests.competitions.helpers import DEADLINE
from tests.conftest import ADMIN_ID, tap
from tests.press.helpers import (
    GRANT,
    PERIOD,
    TOWNS,
    cluster_scene,
    competition_draft,
    period_draft,
    places_scene,
    read_back,
    seminar_scene,
)
from tests.seminars.helpers import forge, make_seminar
from tests.seminars.test_seminars import staff


async def _region_names(sbot, lang: str) -> list[str]:
    rows = await sbot.services.db.fetchall(
        f"SELECT name_{lang} FROM regions WHERE code IN ('jalal-abad', 'issyk-kul')"
    )
    return [r[0] for r in rows]


@pytest.mark.parametrize("lang", ["ru", "ky", "en"])
async def test_the_period_draft_holds_the_reports_figures_in_each_language(sbot, lang):
    await seminar_scene(sbot)
    text, props = await period_draft(sbot, lang)
    tr = translator(lang)
    report = await sbot.services.donor_reports.for_period(ADMIN_ID, *PERIOD)
    assert report.seminars.people.people == 12 and report.seminars.total.attended == 13
    women = tr.ngettext("including {count} woman", "including {count} women", 3).format(count=3)
    seminars = tr.ngettext("at {count} seminar", "at {count} seminars", 3).format(count=3)
    regions = await _region_names(sbot, lang)
    figure = tr.ngettext(
        "{count} head or staff member of municipalities ({regions}) was trained {seminars}"
        " ({towns}), {women}.",
        "{count} heads and staff of municipalities ({regions}) were trained {seminars}"
        " ({towns}), {women}.",
        12,
    )
    assert figure.split("{count}")[1].split("(")[0].strip() in text
    line = next(p for p in text.splitlines() if p.startswith("12 "))
    assert women in line and seminars in line, "12 different people, not 13 trainings"
    for town in TOWNS:
        assert town in line
    for region in regions:
        assert region in line
    if lang == "ru":
        assert "3 женщины" in line, "the few form"
    assert props.category == "draft" and "draft" in props.keywords
    assert props.title == tr._("DRAFT: {headline}").format(headline=text.splitlines()[0])
    assert tr._("Sources for checking") in text


async def test_a_seminar_with_nobody_marked_is_refused(sbot):
    seminar = await make_seminar(sbot)
    with pytest.raises(Refusal) as refused:
        await sbot.services.press.seminar(ADMIN_ID, seminar.id)
    assert refused.value.code == "press_no_attendance"


async def test_places_shared_2_2_3_and_incentive_prizes(sbot):
    competition = await places_scene(sbot)
    text, _ = await competition_draft(sbot, competition.id, "ru")
    ru = translator("ru")
    for line in (
        ru._("1st place: {names}."),
        ru._("2nd place: {names}."),
        ru._("3rd place: {names}."),
    ):
        assert line.split("{names}")[0] in text
    third = next(p for p in text.splitlines() if p.startswith(ru._("3rd place: {names}.")[:6]))
    assert third.count(",") + third.count(" и ") == 2, "three municipalities share third place"
    others = ru.ngettext(
        "The other {count} participant received an incentive prize.",
        "The other {count} participants received incentive prizes.",
        4,
    ).format(count=4)
    assert others in text
    en, _ = await competition_draft(sbot, competition.id, "en")
    assert "1st place: Beshik-Jon and Teplokluchenka." in en
    assert "2nd place: " in en and "3rd place: " in en
    assert "The other 4 participants received incentive prizes." in en


async def test_clusters_with_their_municipalities_grants_and_conditions(sbot):
    competition = await cluster_scene(sbot)
    text, _ = await competition_draft(sbot, competition.id, "en")
    assert "2 of them were named winners:" in text
    amount = translator("en")._("{amount} KGS").format(amount="5,000,000")
    assert f"TEPLO (Kerege-Tash, Oktyabr, and Teplokluchenka): a grant of {amount}" in text
    assert "SARUU (Darhan and Saruu): a grant of " in text
    assert "1 was named a conditional winner" in text
    assert "NOOKEN (Dostuk and Masy): a grant of " in text
    assert "Condition: Доработать план к марту" in text
    ru, _ = await competition_draft(sbot, competition.id, "ru")
    assert translator("ru").number(GRANT) in ru
    assert "Kerege-Tash" not in ru and "Кереге-Таш" in ru, "the directory's Russian names"


async def test_an_open_competition_drafts_the_call_and_a_closed_unpublished_one_is_refused(
    sbot,
):
    competition = await places_scene(sbot, published=False)
    ru = translator("ru")
    text, _ = await competition_draft(sbot, competition.id, "ru")
    headline = ru._("Call for entries: the competition “{title}”").format(
        title=competition.title_ru
    )
    assert text.splitlines()[0] == headline
    deadline = ru.datetime(DEADLINE, year=True)
    assert (
        ru._("The competition “{title}” is open: entries are accepted until {deadline}.").format(
            title=competition.title_ru, deadline=deadline
        )
        in text
    )
    assert ru._("Aiyl okmotus may take part.") in text
    assert competition.rules_ru in text and competition.prizes_ru in text
    assert ru._("1st place: {names}.").split("{names}")[0] not in text, "no results yet"
    sbot.clock.set(DEADLINE + timedelta(minutes=1))
    with pytest.raises(Refusal) as refused:
        await sbot.services.press.competition(ADMIN_ID, competition.id)
    assert refused.value.code == "press_not_published"


async def test_the_seminar_cards_button_sends_the_draft(sbot):
    made = await seminar_scene(sbot)
    admin = await staff(sbot)
    await forge(admin, SeminarCb(seminar_id=made[0].id, action="open").pack())
    ru = translator("ru")
    await tap(admin, "📰 " + ru._("Press release"))
    state = await admin.wait_state(
        lambda st: any((m.get("document") or {}).get("file_name", "").endswith(".docx")
                       for m in st["messages"])
    )  # fmt: skip
    doc = next(m["document"] for m in state["messages"] if m.get("document"))
    assert doc["file_name"] == f"press-seminar-{made[0].id}-ru-draft.docx"
    text, props = read_back(await admin.download(doc["file_id"]))
    assert props.category == "draft"
    figure = next(p for p in text.splitlines() if p.startswith("5 "))
    women = ru.ngettext("including {count} woman", "including {count} women", 2).format(count=2)
    assert women in figure, "5 people at the first seminar, 2 of them women"
    assert made[0].description_ru in text


async def test_the_period_reports_button_sends_the_draft(sbot):
    await seminar_scene(sbot)
    admin = await staff(sbot)
    await admin.send("/report 01.11.2026 31.12.2026")
    ru = translator("ru")
    await tap(admin, "📰 " + ru._("Press release"), timeout=30)
    state = await admin.wait_state(
        lambda st: any((m.get("document") or {}).get("file_name", "") == (
            "press-period-ru-draft.docx") for m in st["messages"]), timeout=30,
    )  # fmt: skip
    doc = next(m["document"] for m in state["messages"]
               if (m.get("document") or {}).get("file_name", "").endswith(".docx"))  # fmt: skip
    text, _ = read_back(await admin.download(doc["file_id"]))
    assert "3 женщины" in text and all(town in text for town in TOWNS)


async def test_the_footer_is_the_programmes_unless_staff_wrote_one(sbot, tmp_path, monkeypatch):
    await seminar_scene(sbot)
    await sbot.services.db.execute(
        "UPDATE programmes SET donor = 'Swiss Agency for Development and Cooperation',"
        " implementers = 'Helvetas, DPI'"
    )
    sbot.services.programmes.forget()
    text, _ = await period_draft(sbot, "ru")
    assert "При поддержке Swiss Agency for Development and Cooperation" in text
    assert "Helvetas и DPI провели семинары" in text, "the organisers lead the release"
    footer = tmp_path / "footer.yaml"
    footer.write_text("ru: |\n  Проект ГОИ\n  www.example.kg\nky: Долбоор\n", encoding="utf-8")
    monkeypatch.setenv("MUNIBOT_PRESS_FOOTER", str(footer))
    text, _ = await period_draft(sbot, "ru")
    assert text.splitlines()[-2:] == ["Проект ГОИ", "www.example.kg"]
    assert "При поддержке" not in text
    ky, _ = await period_draft(sbot, "ky")
    assert ky.splitlines()[-1] == "Долбоор"
