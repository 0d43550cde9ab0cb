"""The matcher on the questions people actually type (tests/data/questions.yaml): Kyrgyz and
Russian, typos, Latin letters, no punctuation. Nine in ten must get the right answer."""

from __future__ import annotations

import csv
from collections import Counter

import yaml

from bot.questions.service.matcher import FaqPhrases, Found, match, place_names
from tests.conftest import PILOT_CSV, ROOT

DATA = ROOT / "tests" / "data" / "questions.yaml"
KINDS = {"seminar", "competition", "submission", "registration", "language", "none"}


def load() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def places() -> tuple[list, dict[int, str]]:
    """The pilot municipalities, as the service folds them, by their English names."""
    with PILOT_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    index = [place_names(n, r["name_ky"], r["name_ru"], r["name_en"]) for n, r in enumerate(rows)]
    return index, {n: r["name_en"] for n, r in enumerate(rows)}


def kind_of(found: Found, keys: dict[int, str]) -> str:
    if found.kind == "faq":
        return f"faq:{keys[found.faq_id]}"
    return found.kind


def test_the_file_holds_enough_real_questions_in_both_languages():
    data = load()
    questions = data["questions"]
    langs = Counter(q["lang"] for q in questions)
    assert len(questions) >= 80
    assert langs["ky"] >= 40 and langs["ru"] >= 40
    faq_keys = {f"faq:{e['key']}" for e in data["faq"]}
    assert {q["kind"] for q in questions} <= KINDS | faq_keys
    assert {q["kind"] for q in questions} >= KINDS | faq_keys, "every kind is tried"


def test_nine_in_ten_get_the_right_answer():
    data = load()
    faq = [FaqPhrases(n, tuple(e["phrases"])) for n, e in enumerate(data["faq"])]
    keys = {n: e["key"] for n, e in enumerate(data["faq"])}
    index, names = places()
    wrong = []
    for q in data["questions"]:
        found = match(q["text"], faq, index)
        got = (
            kind_of(found, keys),
            names.get(found.place_id) if found.place_id is not None else None,
        )
        if got != (q["kind"], q.get("place")):
            wrong.append(f"{q['text']!r}: {got}, expected {(q['kind'], q.get('place'))}")
    right = 1 - len(wrong) / len(data["questions"])
    assert right >= 0.9, "\n".join(wrong)


def test_a_municipality_is_found_with_a_case_ending_or_in_latin():
    index, names = places()
    for text, name in [
        ("Кызыл-Суунун табыштамасы", "Kyzyl-Suu"),
        ("масыдан ким келет", "Masy"),
        ("beshik jon", "Beshik-Jon"),
        ("Бешик-Джоне заявка", "Beshik-Jon"),
        ("кызыл суу", "Kyzyl-Suu"),
    ]:
        found = match(text, (), index)
        assert found.place_id is not None and names[found.place_id] == name, text
    for text in ("когда семинар", "салам", "наша заявка дошла", "кыз"):
        assert match(text, (), index).place_id is None, text


def test_an_entry_staff_added_wins_over_the_bots_own_answer():
    faq = [FaqPhrases(7, ("грант акчасы качан которулат",))]
    assert match("грант акчасы качан которулат", faq).kind == "faq"
    assert match("грант сынагы барбы", faq).kind == "competition"
    assert match("качан", faq).kind == "none"
