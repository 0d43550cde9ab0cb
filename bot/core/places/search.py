"""Finding a municipality by what a person types.

People type names in Cyrillic or Latin, in Kyrgyz or Russian spelling, with typos. Every name
and the query are folded to one rough Latin spelling before fuzzy matching, so "beshik jon",
"Бешик-Жон" and "Бешик-Джон" all land on the same place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.places import repo as places
from bot.core.places.repo import Place, PlacePath
from bot.db import Database

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "j", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ү": "u", "ф": "f", "х": "h", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_LATIN_FOLDS = (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("yo", "e"), ("w", "v"))
MIN_SCORE = 70


def fold(text: str) -> str:
    """A rough common spelling: Latin, lower case, no punctuation, Kyrgyz letters flattened."""
    latin = "".join(_CYR.get(ch, ch) for ch in text.lower())
    for source, target in _LATIN_FOLDS:
        latin = latin.replace(source, target)
    latin = latin.replace("ng", "n")
    return re.sub(r"[^a-z0-9]+", "", latin)


@dataclass(frozen=True)
class Match:
    place: Place
    score: float


class Directory:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._index: list[tuple[Place, list[str]]] | None = None
        self._stamp: tuple[int, int] | None = None
        self._paths: dict[int, PlacePath] = {}

    async def _entries(self) -> list[tuple[Place, list[str]]]:
        """Rebuilt when the table changed, e.g. after an import run from the command line."""
        stamp = await places.municipalities_stamp(self.db)
        if self._index is None or stamp != self._stamp:
            self._stamp = stamp
            self._index = [
                (m, [fold(m.name_ky), fold(m.name_ru), fold(m.name_en)])
                for m in await places.all_municipalities(self.db)
            ]
        return self._index

    async def search(self, query: str, limit: int = 5) -> list[Match]:
        """Best matches first; a close-but-wrong name still gets near ones to choose from."""
        needle = fold(query)
        if not needle:
            return []
        best: dict[int, Match] = {}
        for place, names in await self._entries():
            result = process.extractOne(needle, names, scorer=score)
            if result and (place.id not in best or best[place.id].score < result[1]):
                best[place.id] = Match(place, result[1])
        ranked = sorted(best.values(), key=lambda m: (-m.score, m.place.name_en))
        return ranked[:limit]

    async def regions(self) -> list[Place]:
        """Only places a person can finish choosing in, i.e. with municipalities under them."""
        return await places.regions_with_municipalities(self.db)

    async def districts(self, region_id: int) -> list[Place]:
        return await places.districts_with_municipalities(self.db, region_id)

    async def municipalities(self, district_id: int) -> list[Place]:
        return await places.municipalities_in(self.db, district_id)

    async def path(self, municipality_id: int | None) -> PlacePath | None:
        """Kept once found: the import only adds places, it never renames or moves one."""
        if municipality_id in self._paths:
            return self._paths[municipality_id]
        found = await places.path(self.db, municipality_id)
        if found is not None and municipality_id is not None:
            self._paths[municipality_id] = found
        return found

    async def describe(self, municipality_id: int | None, lang: str) -> str:
        return await describe(self.db, municipality_id, lang)


async def describe(db: Database, municipality_id: int | None, lang: str) -> str:
    """'Beshik-Jon, Bazar-Korgon District, Jalal-Abad Region' in the reader's language."""
    found = await places.path(db, municipality_id)
    return found.describe(lang) if found is not None else "—"


def score(query: str, name: str, **kwargs: object) -> float:
    """Whole-name similarity, or a prefix typed so far ("besh" finds Beshik-Jon)."""
    whole = fuzz.ratio(query, name)
    if len(query) >= 3 and name.startswith(query):
        return max(whole, 95.0)
    partial = fuzz.partial_ratio(query, name) if len(query) >= 4 else 0.0
    return max(whole, partial * 0.9)
