"""Catalogs, the per-update translator, and dates in Asia/Bishkek.

Message ids are English. Catalogs are compiled from the .po files on first use when the .mo is
missing or older, so a fresh clone never needs a separate build step and .mo files stay out of git.
"""

from __future__ import annotations

import datetime as dt
import gettext
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from bot.config import LANGUAGES

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Marks a string for extraction where it is defined; it is translated where it is shown."""
    return message


def compile_catalogs(directory: Path = LOCALES_DIR) -> list[Path]:
    """Write .mo files for the .po files that changed; fuzzy entries are left out on purpose."""
    written = []
    for po_path in sorted(directory.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    compile_catalogs()
    return gettext.translation(DOMAIN, LOCALES_DIR, languages=[lang], fallback=True)


def resolve_lang(saved: str | None, telegram_code: str | None, default: str) -> str:
    """The saved choice wins, then what Telegram says about the phone, then the default."""
    if saved in LANGUAGES:
        return saved
    code = (telegram_code or "").lower().split("-")[0]
    if code in LANGUAGES:
        return code
    return default


@dataclass(frozen=True)
class Translator:
    lang: str
    tz: ZoneInfo

    @property
    def _catalog(self) -> gettext.NullTranslations:
        return _translations(self.lang)

    def _(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.lang)

    def date(self, value: dt.date | dt.datetime) -> str:
        if isinstance(value, dt.datetime):
            value = value.astimezone(self.tz).date()
        return format_date(value, "long", locale=self.locale)

    def datetime(self, value: dt.datetime) -> str:
        """A local date and time, joined the way the language joins them."""
        local = value.astimezone(self.tz)
        when = format_date(local.date(), "long", locale=self.locale)
        hour = format_time(local, "short", locale=self.locale)
        pattern: str = self.locale.datetime_formats["medium"]
        return pattern.format(hour, when)

    def time(self, value: dt.datetime) -> str:
        return format_time(value.astimezone(self.tz), "short", locale=self.locale)

    def span(self, start: dt.datetime, end: dt.datetime) -> str:
        """'25 December 2026, 10:00–17:00'; both dates when it runs over several days."""
        if start.astimezone(self.tz).date() == end.astimezone(self.tz).date():
            return f"{self.datetime(start)}–{self.time(end)}"
        return f"{self.datetime(start)} – {self.datetime(end)}"

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)


def translator(lang: str, tz: str = "Asia/Bishkek") -> Translator:
    return Translator(lang if lang in LANGUAGES else "en", ZoneInfo(tz))
