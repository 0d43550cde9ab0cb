"""The issue's scene read back from the Word drafts in ru, ky and en: 108 people (not 114
trainings) with 13 women in the language's word, the five towns; places shared 2-2-3 with 20
incentive prizes; five cluster winners of 5,000,000 KGS with their municipalities and the four
conditional winners with their condition."""

from __future__ import annotations

import pytest

from bot.i18n import translator
from bot.press.views.competitions import PLACES
from tests.conftest import ADMIN_ID
from tests.press.helpers import GRANT, PERIOD, competition_draft, period_draft
from tests.press.scenario import (
    CONDITION,
    PEOPLE,
    TOWNS,
    TWICE,
    WOMEN,
    clusters_scene,
    places_scene,
    seminars_scene,
)

LANGS = ("ru", "ky", "en")


async def test_five_seminars_108_people_13_women_in_each_language(sbot):
    await seminars_scene(sbot)
    report = (await sbot.services.donor_reports.for_period(ADMIN_ID, *PERIOD)).seminars
    assert (report.people.people, report.people.women) == (PEOPLE, WOMEN)
    assert report.total.attended == PEOPLE + TWICE
    for lang in LANGS:
        tr = translator(lang)
        text, _ = await period_draft(sbot, lang)
        line = next(p for p in text.splitlines() if p.startswith(f"{PEOPLE} "))
        women = tr.ngettext("including {count} woman", "including {count} women", WOMEN)
        assert women.format(count=WOMEN) in line, (lang, line)
        seminars = tr.ngettext("at {count} seminar", "at {count} seminars", 5).format(count=5)
        assert seminars in line, (lang, line)
        for town in TOWNS:
            assert town in line, (lang, town)
        assert str(PEOPLE + TWICE) not in line, "trainings are not people"
    ru, _ = await period_draft(sbot, "ru")
    assert "из них 13 женщин" in ru, "the Russian many form after 13"
    ky, _ = await period_draft(sbot, "ky")
    assert "анын ичинде 13 аял" in ky, "Kyrgyz keeps the noun singular after a number"
    en, _ = await period_draft(sbot, "en")
    assert "108 heads and staff of municipalities" in en and "including 13 women" in en


@pytest.mark.parametrize("lang", LANGS)
async def test_places_shared_2_2_3_and_20_incentive_prizes(sbot, lang):
    competition = await places_scene(sbot)
    tr = translator(lang)
    text, _ = await competition_draft(sbot, competition.id, lang)
    lines = text.splitlines()
    for place, shared in ((1, 2), (2, 2), (3, 3)):
        head = tr._(PLACES[place]).split("{names}")[0]
        [line] = [p for p in lines if p.startswith(head)]
        names = line[len(head) :]
        assert len([n for n in _split(tr, names) if n]) == shared, (lang, line)
    others = tr.ngettext(
        "The other {count} participant received an incentive prize.",
        "The other {count} participants received incentive prizes.",
        20,
    ).format(count=20)
    assert others in lines


def _split(tr, names: str) -> list[str]:
    """A list as the language joins it: "A, B and C", "A, B и C", "A, B жана C"."""
    for word in (" and ", " и ", " жана ", ", and "):
        names = names.replace(word, ", ")
    return [n.strip(" .") for n in names.split(",")]


@pytest.mark.parametrize("lang", LANGS)
async def test_five_cluster_winners_with_municipalities_and_four_conditional(sbot, lang):
    competition, clusters = await clusters_scene(sbot)
    tr = translator(lang)
    text, _ = await competition_draft(sbot, competition.id, lang)
    took_part = tr.ngettext(
        "{count} cluster of municipalities took part.",
        "{count} clusters of municipalities took part.",
        9,
    ).format(count=9)
    assert took_part in text
    won = tr.ngettext(
        "{count} of them was named a winner:", "{count} of them were named winners:", 5
    ).format(count=5)
    assert won in text
    amount = tr._("{amount} KGS").format(amount=tr.number(GRANT))
    suffix = {"ru": " ru", "ky": " ky", "en": ""}[lang]
    for n, (code, members) in enumerate(clusters.items()):
        [line] = [p for p in text.splitlines() if p.startswith(f"{code} ")]
        for member in members:
            assert member + suffix in line, (lang, line)
        assert amount in line, (lang, line)
        assert (CONDITION in line) == (n >= 5), (lang, line)
    conditional = tr.ngettext(
        "{count} was named a conditional winner, on the condition below:",
        "{count} were named conditional winners, on the conditions below:",
        4,
    ).format(count=4)
    assert conditional in text
