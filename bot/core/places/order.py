"""Place names in the reader's alphabetical order.

Python compares code points, which puts the Kyrgyz letters ң, ө, ү after я and Ё before А. A
list of regions, districts or municipalities is sorted here instead, by the alphabet of the
language it is shown in: Kyrgyz (… н ң о ө … у ү …), Russian (… е ё ж …), or English.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from bot.core.places.repo import Place

T = TypeVar("T")

CYRILLIC = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"
"""The Kyrgyz alphabet. Russian's is the same without ң, ө, ү, so one order serves both."""
_NUMBERS = re.compile(r"([0-9]+)")
_SEPARATORS = frozenset(" -‐–—'’.,()")
"""Word breaks sort before any letter: "Ак-Суу" before "Акчий"."""


@functools.lru_cache(maxsize=8192)
def sort_key(name: str, lang: str) -> tuple[tuple[int, int], ...]:
    """Numbers by their value ("Айыл 2" before "Айыл 10"), then the reader's own script
    (Cyrillic in Kyrgyz and Russian, Latin in English), then the other one, each in its
    alphabet's order; word breaks come first."""
    own, other = (3, 2) if lang == "en" else (2, 3)
    key = []
    for part in _NUMBERS.split(name.casefold()):
        if part.isdigit():
            key.append((1, int(part)))
            continue
        for ch in part:
            if ch in _SEPARATORS:
                key.append((0, 0))
            elif ch in CYRILLIC:
                key.append((own, CYRILLIC.index(ch)))
            elif "a" <= ch <= "z":
                key.append((other, ord(ch)))
            else:
                key.append((4, ord(ch)))
    return tuple(key)


def by_name(items: Iterable[T], lang: str, name: Callable[[T], str]) -> list[T]:
    """`items` in the alphabetical order of `name(item)` for a reader of `lang`."""
    return sorted(items, key=lambda item: sort_key(name(item), lang))


def places_by_name(found: Iterable[Place], lang: str) -> list[Place]:
    """Places in the reader's order of their names in the reader's language."""
    return by_name(found, lang, lambda place: place.name(lang))
