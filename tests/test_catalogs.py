"""The catalogs are complete: a missing, fuzzy or mismatched string fails here, not in a chat."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR, compile_catalogs, resolve_lang, translator

ROOT = LOCALES_DIR.parent
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def catalog(lang: str):
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def source_msgids() -> set[str]:
    found = set()
    for sub in ("bot", "handlers"):
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            ROOT / sub, method_map=[("emulator/**.py", "ignore"), ("**.py", "python")]
        ):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_every_string_in_the_code_is_in_the_catalog(lang):
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog(lang) if m.id}
    missing = source_msgids() - ids
    assert not missing, f"run scripts/update-catalogs; missing in {lang}: {sorted(missing)[:5]}"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_translations_are_complete_not_fuzzy_and_keep_placeholders(lang):
    problems = []
    for message in catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(" ".join(ids)))
        if message.fuzzy:
            problems.append(("fuzzy", ids[0]))
        for text in strings:
            if not text:
                problems.append(("untranslated", ids[0]))
            elif set(PLACEHOLDER.findall(text)) != wanted:
                problems.append(("placeholders", ids[0]))
    assert not problems, problems[:10]


def test_russian_has_three_plural_forms():
    compile_catalogs()
    tr = translator("ru")
    one, few, many = (
        tr.ngettext("{count} registration is waiting:", "{count} registrations are waiting:", n)
        for n in (1, 3, 5)
    )
    assert len({one, few, many}) == 3, (one, few, many)


def test_dates_are_shown_in_bishkek_time_in_each_language():
    moment = datetime(2026, 3, 1, 4, 30, tzinfo=UTC)  # 10:30 in Bishkek
    ky, ru = translator("ky").datetime(moment), translator("ru").datetime(moment)
    assert "10:30" in ky and "10:30" in ru
    assert "марта" in ru
    assert "март" in ky.lower()


def test_language_choice_order():
    assert resolve_lang("ru", "ky", "ky") == "ru"
    assert resolve_lang(None, "ru-RU", "ky") == "ru"
    assert resolve_lang(None, "de", "ky") == "ky"
