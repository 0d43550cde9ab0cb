"""The catalogs keep the glossary (locales/GLOSSARY.md): no word it rejects, and nothing
`msgfmt -c` would refuse."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.core.places.importer import import_municipalities
from bot.db import open_database
from tests.conftest import PILOT_CSV, ROOT, database_for

LOCALES = ROOT / "locales"
Rule = tuple[str, re.Pattern[str], str]


def rules() -> list[Rule]:
    found = []
    for line in (LOCALES / "glossary-forbidden.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, pattern, instead = line.split("\t")
            found.append((lang, re.compile(pattern), instead))
    return found


def entries(lang: str) -> list[tuple[str, str]]:
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    found = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [(key, text) for text in texts if text]
    return found


def violations(lang: str, text: str, names: list[str], found: list[Rule]) -> list[str]:
    """Rules broken outside the directory's place names (a name may hold such a word)."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "‹name›")
    return [f"{r.pattern} → {instead}" for rule_lang, r, instead in found
            if rule_lang == lang and r.search(text)]  # fmt: skip


async def place_names(tmp_path: Path) -> list[str]:
    db = await open_database(database_for(tmp_path / "names.sqlite3"))
    try:
        await import_municipalities(db, PILOT_CSV)
        names = []
        for table in ("regions", "districts", "municipalities"):
            rows = await db.fetchall(f"SELECT name_ky, name_ru FROM {table}")
            names += [n for row in rows for n in row if n]
        return names
    finally:
        await db.close()


@pytest.mark.parametrize("lang", ["ky", "ru"])
async def test_no_catalog_entry_uses_a_word_the_glossary_rejects(lang, tmp_path):
    names, found = await place_names(tmp_path), rules()
    broken = {key: v for key, text in entries(lang) if (v := violations(lang, text, names, found))}
    assert not broken, "\n".join(f"{k!r}: {v}" for k, v in broken.items())


def test_a_rejected_word_inside_a_place_name_is_allowed():
    found = rules()
    text = "Конкурс-Тала айыл аймагынан бир табыштама"
    assert violations("ky", text, ["Конкурс-Тала"], found) == []
    assert violations("ky", "Конкурс-Тала: конкурс", ["Конкурс-Тала"], found)


def test_every_rule_of_the_glossary_still_catches_its_word():
    """A rule that stopped matching what it is for would pass forever."""
    samples = {"ky": "Долбоорду улантуу, арызды жөнөтүү", "ru": "Спасибо, Вы в листе ожидания"}
    for lang, text in samples.items():
        assert len(violations(lang, text, [], rules())) >= 2, lang


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_catalog_passes_msgfmt_checks(lang):
    """No msgid that gettext reads as a printf format (it would refuse translations of it), real
    translator headers, and GNU msgfmt -c itself where it is installed."""
    path = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    flagged = [m.id for m in catalog if m.id and "python-format" in m.flags]
    assert not flagged, flagged
    assert "FULL NAME" not in str(catalog.last_translator)
    assert "LL@li.org" not in str(catalog.language_team)
    msgfmt = shutil.which("msgfmt")
    if msgfmt is not None:
        done = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(path)], capture_output=True)
        assert done.returncode == 0, done.stderr.decode()
