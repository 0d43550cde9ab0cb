"""What a typed question is about: one of the questions the bot answers from the reader's own
data, an entry staff added with /faq, or nothing it knows; and the municipality it names, if any.

People write in Kyrgyz, Russian or English, in Cyrillic or Latin letters, with typos and without
punctuation. Every word is folded to one rough Latin spelling, as the municipality search does
(`bot.core.places.search.fold`), and compared with the start of each cue word, so the endings
both languages add ("семинарга", "табыштамабыз", "заявку") and a slip of a letter or two
("семнар", "заяка") still count. Pure: no database, no clock; the service gives it the FAQ
entries and the municipalities' names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from bot.core.places.search import fold

Kind = Literal["seminar", "competition", "submission", "registration", "language", "faq", "none"]
Topic = Literal["seminar", "competition", "submission", "registration", "language", "contact"]
TOPICS: tuple[Topic, ...] = (
    "seminar",
    "submission",
    "competition",
    "registration",
    "language",
    "contact",
)
"""In this order when two score the same: a seminar word names the question's subject, a
submission word is more particular than the competition it belongs to. "contact" (how to reach
the coordinator) gets the answer for text the bot does not understand, which names them."""

MIN_SCORE = 2.0
"""A question needs at least one word that names its subject: "когда?" alone is not enough."""
FAQ_MIN = 0.75
"""The share of an entry's phrase that must be found in the question for its answer."""
FUZZY_MIN = 80.0
"""rapidfuzz's ratio for a cue of five letters or more: one letter wrong, missing or extra."""
EXACT_BELOW = 5
"""Cues shorter than this must start the word exactly ("тил", "окуу", "срок")."""
ENDING_MAX = 5
"""How many letters a case ending may add to a municipality's name ("Кызыл-Суунун")."""
PLACE_FUZZY_MIN = 88.0
PLACE_MIN_LETTERS = 4
WEAK = 0.25
"""What a question word ("когда", "качан", "как") counts for in a FAQ phrase."""

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

Weights = Mapping[Topic, float]

_CUES: tuple[tuple[tuple[str, ...], Weights], ...] = (
    # What the question is about.
    (("семинар", "seminar", "тренинг", "training", "обучени", "окуу"), {"seminar": 4}),
    (("чакыруу", "чакырыл", "приглаш", "invitation"), {"seminar": 1}),
    (("сынак", "конкурс", "грант", "competition", "contest"), {"competition": 2}),
    (("жарыя",), {"competition": 1}),
    (("заявк", "заяв", "табыштама", "submission", "application"), {"submission": 2,
                                                                     "competition": 1}),
    (("регистрац", "зарегистр", "registr", "каттоо", "каттал", "профил", "анкет", "данные",
      "profile", "аккаунт", "account", "подтвержд"), {"registration": 3}),
    (("язык", "тил", "language", "кыргызча", "орусча", "русск", "кыргызск", "англис", "english",
      "english"), {"language": 3}),
    (("координатор", "coordinator", "телефон", "байланыш", "связаться"), {"contact": 3}),
    # When it ends, how long is left, how to take part.
    (("дедлайн", "deadline", "срок", "мөөнөт", "осталось", "калды", "заканчива", "кончает",
      "бүтөт", "бүтүү", "бүтөбү", "числа", "открыт", "ачык", "участв", "катыш", "подать",
      "подачи", "подавать", "сдачи", "тапшыруу", "тапшырабыз", "жабыл", "закрыва", "закроет",
      "узарт", "продл", "left"), {"competition": 2}),
    (("чейин",), {"competition": 1}),
    # Whether ours arrived, and where it stands.
    (("дошл", "дошел", "получил", "получен", "пришл", "пришел", "принял", "принят", "статус",
      "номер", "келди", "келдиби", "жетти", "кабыл", "текшер", "провер", "абал", "тапшырд",
      "тапшырган", "тапшырды", "подал", "отправил", "отправлен", "жөнөтт", "жөнөткөн",
      "жиберген", "жибердик", "arrived", "received", "status", "receipt"), {"submission": 2}),
    (("жөнөт", "жибер", "отправ", "документ"), {"submission": 1}),
    # Approval, and changing things, lean on registration and language.
    (("одобр", "бекит", "approved"), {"registration": 2}),
    (("поменя", "смени", "измени", "өзгөрт", "алмаштыр", "change"), {"language": 0.5,
                                                                       "registration": 0.5}),
)  # fmt: skip

_PHRASE_CUES: tuple[tuple[tuple[str, ...], Weights], ...] = (
    (("до", "скольки"), {"competition": 2}),
    (("до", "какого"), {"competition": 2}),
    (("сколько", "времени"), {"competition": 2}),
    (("сколько", "дней"), {"competition": 2}),
    (("канча", "күн"), {"competition": 2}),
    (("канча", "убакыт"), {"competition": 2}),
)

_QUESTION_WORDS = frozenset(
    fold(w)
    for w in (
        "как", "когда", "где", "куда", "что", "какой", "можно", "мне", "нам", "наш", "наша",
        "мы", "я", "вы", "по", "на", "в", "с", "до", "от", "и", "качан", "кайда", "кантип",
        "кандай", "эмне", "биз", "биздин", "мен", "менин", "сиз", "барбы", "бар", "the", "when",
        "where", "how", "is", "our", "my", "did",
    )
)  # fmt: skip


@dataclass(frozen=True)
class Cue:
    stems: tuple[str, ...]
    weights: Weights


def _cues(table: Iterable[tuple[tuple[str, ...], Weights]]) -> tuple[Cue, ...]:
    return tuple(Cue(tuple(fold(w) for w in words), weights) for words, weights in table)


CUES = _cues(_CUES)
PHRASE_CUES = _cues(_PHRASE_CUES)


@dataclass(frozen=True)
class FaqPhrases:
    """One FAQ entry as the matcher sees it: its id and the phrases it answers."""

    entry_id: int
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class PlaceNames:
    """One municipality as the matcher sees it: its id and its names in every language."""

    place_id: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class Found:
    kind: Kind
    faq_id: int | None = None
    place_id: int | None = None
    """A municipality the question names; whose data that is is the service's question."""


def words(text: str) -> list[str]:
    """The question's words, each folded to the common spelling; empty ones dropped."""
    return [w for w in (fold(raw) for raw in _WORD.findall(text or "")) if w]


def _starts_like(word: str, stem: str) -> float:
    """How well the start of `word` reads as `stem`, 0 to 100. A slip is forgiven after the
    first letter only: "добрый" is not a misspelt "одобр"."""
    if word.startswith(stem):
        return 100.0
    if len(stem) < EXACT_BELOW or len(word) < len(stem) - 1 or word[0] != stem[0]:
        return 0.0
    n = len(stem)
    return max(fuzz.ratio(word[:k], stem) for k in (n - 1, n, n + 1))


def _cue_score(word: str, cue: Cue) -> float:
    return max(_starts_like(word, stem) for stem in cue.stems)


def topic_scores(found: Sequence[str]) -> dict[Topic, float]:
    """Each word counts for its best cue only (the closest, then the weightiest); a two-word
    cue takes both its words."""
    scores: dict[Topic, float] = dict.fromkeys(TOPICS, 0.0)
    taken: set[int] = set()
    for cue in PHRASE_CUES:
        size = len(cue.stems)
        for at in range(len(found) - size + 1):
            window = found[at : at + size]
            if any(at + i in taken for i in range(size)):
                continue
            if all(w.startswith(s) for w, s in zip(window, cue.stems, strict=True)):
                taken |= set(range(at, at + size))
                _add(scores, cue.weights)
    for at, word in enumerate(found):
        if at in taken:
            continue
        ranked = [(_cue_score(word, cue), sum(cue.weights.values()), cue) for cue in CUES]
        fits = [r for r in ranked if r[0] >= FUZZY_MIN]
        if fits:
            _add(scores, max(fits, key=lambda r: r[:2])[2].weights)
    return scores


def _add(scores: dict[Topic, float], weights: Weights) -> None:
    for topic, weight in weights.items():
        scores[topic] += weight


def topic(found: Sequence[str]) -> Topic | None:
    scores = topic_scores(found)
    best = max(TOPICS, key=lambda t: (scores[t], -TOPICS.index(t)))
    return best if scores[best] >= MIN_SCORE else None


def _same_word(a: str, b: str) -> bool:
    """Two words with the same stem: one starts the other, or they share most of their start
    ("тапшырам", "тапшырабыз"), or they differ by a typo."""
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return True
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    if common >= max(4, int(0.6 * len(short) + 0.5)):
        return True
    return len(short) >= EXACT_BELOW and fuzz.ratio(a, b) >= FUZZY_MIN


def _weight(word: str) -> float:
    return WEAK if word in _QUESTION_WORDS else 1.0


def phrase_score(found: Sequence[str], phrase: str) -> float:
    """The share of the phrase's words (question words count little) found in the question."""
    wanted = words(phrase)
    total = sum(_weight(w) for w in wanted)
    if not total:
        return 0.0
    got = sum(_weight(w) for w in wanted if any(_same_word(w, f) for f in found))
    return got / total


def best_faq(found: Sequence[str], entries: Iterable[FaqPhrases]) -> tuple[int, float] | None:
    best: tuple[int, float] | None = None
    for entry in entries:
        score = max((phrase_score(found, p) for p in entry.phrases), default=0.0)
        if score >= FAQ_MIN and (best is None or score > best[1]):
            best = (entry.entry_id, score)
    return best


def find_place(found: Sequence[str], places: Iterable[PlaceNames]) -> int | None:
    """A municipality named in the question: one to three words that spell one of its names,
    perhaps with a case ending ("Кызыл-Суунун", "Масыдан") or a slip of a letter."""
    grams = [
        "".join(found[at : at + size]) for size in (3, 2, 1) for at in range(len(found) - size + 1)
    ]
    best: tuple[float, int, int] | None = None
    for place in places:
        for name in place.names:
            if len(name) < PLACE_MIN_LETTERS:
                continue
            for gram in grams:
                score = _place_score(gram, name)
                if score and (best is None or (score, len(name)) > best[:2]):
                    best = (score, len(name), place.place_id)
    return best[2] if best is not None else None


def _place_score(gram: str, name: str) -> float:
    if gram == name:
        return 100.0
    if gram.startswith(name) and len(gram) - len(name) <= ENDING_MAX:
        return 99.0
    if len(name) < 6 or abs(len(gram) - len(name)) > 2:
        return 0.0
    score = fuzz.ratio(gram, name)
    return score if score >= PLACE_FUZZY_MIN else 0.0


def place_names(place_id: int, *names: str) -> PlaceNames:
    return PlaceNames(place_id, tuple(sorted({fold(n) for n in names if n})))


def match(text: str, faq: Iterable[FaqPhrases] = (), places: Iterable[PlaceNames] = ()) -> Found:
    """An entry staff added wins over the bot's own questions: staff add one where the bot
    answered wrongly or not at all."""
    found = words(text)
    place = find_place(found, places)
    entry = best_faq(found, faq)
    if entry is not None:
        return Found("faq", faq_id=entry[0], place_id=place)
    kind = topic(found)
    if kind is None or kind == "contact":
        return Found("none", place_id=place)
    return Found(kind, place_id=place)
