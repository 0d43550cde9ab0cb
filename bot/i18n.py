"""Catalogs, the per-update translator, and dates in Asia/Bishkek.

Message ids are English. Catalogs are compiled from the .po files on first use when the .mo is
missing or older, so a fresh clone never needs a separate build step and .mo files stay out of git.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_time, get_day_names, get_month_names
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


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# A Kyrgyz month after "N-жылдын": the possessive, as in "2027-жылдын 25-ноябры".
KY_MONTHS_OF_YEAR = {
    1: "январы",
    2: "февралы",
    3: "марты",
    4: "апрели",
    5: "майы",
    6: "июну",
    7: "июлу",
    8: "августу",
    9: "сентябры",
    10: "октябры",
    11: "ноябры",
    12: "декабры",
}


@dataclass(frozen=True)
class Translator:
    """Strings and dates in one reader's language, dates in `tz`.

    Dates read the way a person writes them, with the year only when it is not this year
    (`now`, in `tz`; tests pass a fixed clock):

    | | ky | ru |
    |---|---|---|
    | date | 25-ноябрь | 25 ноября |
    | another year | 2027-жылдын 25-ноябры | 25 ноября 2027 г. |
    | weekday=True | 25-ноябрь, шаршемби | 25 ноября, среда |
    | datetime | 25-ноябрь, саат 10:00 | 25 ноября, 10:00 |
    | span, one day | 25-ноябрь, саат 10:00–17:00 | 25 ноября, 10:00–17:00 |
    | span, days | 25–27-ноябрь, саат 10:00–17:00 | 25–27 ноября, 10:00–17:00 |
    | across months | 30-ноябрь – 2-декабрь | 30 ноября – 2 декабря |

    English follows the same rules in its own order ("Wednesday, November 25, 10:00 AM").
    A span over several days gives the first day's start and the last day's end; with
    `weekday` it names both days: "25–27-ноябрь (шаршемби – жума)". A span over New Year
    names both years. Month and weekday names are Babel's (CLDR); "саат" and the Kyrgyz
    possessive months are ours. Kyrgyz puts the year first, with the month in the possessive
    ("2027-жылдын 25-ноябры"), the form of letters and orders; every form is nominative, so a
    sentence shows it after a colon ("Мөөнөтү: {date}"), never with a case ending on it.
    """

    lang: str
    tz: ZoneInfo
    now: Callable[[], dt.datetime] = field(default=_utc_now, compare=False, repr=False)

    @property
    def _catalog(self) -> gettext.NullTranslations:
        return _translations(self.lang)

    def _(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """For one English word with two meanings: `context` tells them apart (msgctxt)."""
        return self._catalog.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._catalog.npgettext(context, singular, plural, n)

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.lang)

    def date(
        self, value: dt.date | dt.datetime, *, weekday: bool = False, year: bool | None = None
    ) -> str:
        """The day; `year=True` always names the year (a spreadsheet outlives the year)."""
        if isinstance(value, dt.datetime):
            value = value.astimezone(self.tz).date()
        return self._days(value, value, weekday=weekday, year=year)

    def datetime(
        self, value: dt.datetime, *, weekday: bool = False, year: bool | None = None
    ) -> str:
        """A local date and time: "25-ноябрь, саат 10:00", "25 ноября, 10:00"."""
        day = value.astimezone(self.tz).date()
        return self._at(self._days(day, day, weekday=weekday, year=year), self.time(value))

    def time(self, value: dt.datetime) -> str:
        return format_time(value.astimezone(self.tz), "short", locale=self.locale)

    def span(self, start: dt.datetime, end: dt.datetime, *, weekday: bool = False) -> str:
        """One day: "25-ноябрь, саат 10:00–17:00"; several: "25–27-ноябрь, саат 10:00–17:00"."""
        first, last = start.astimezone(self.tz).date(), end.astimezone(self.tz).date()
        days = self._days(first, last, weekday=weekday)
        return self._at(days, f"{self.time(start)}–{self.time(end)}")

    def days(self, first: dt.date, last: dt.date, *, year: bool | None = None) -> str:
        """A run of days: "1–30-ноябрь", "1–30 ноября", "30 ноября – 2 декабря"."""
        return self._days(first, last, year=year)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def month_label(self, day: dt.date) -> str:
        """A month on a chart's axis, short and with its year: "Ноя 2026", "нояб. 2026"."""
        names = get_month_names("abbreviated", context="stand-alone", locale=self.locale)
        return f"{names[day.month]} {day.year}"

    def _at(self, days: str, hours: str) -> str:
        return f"{days}, саат {hours}" if self.lang == "ky" else f"{days}, {hours}"

    def _days(
        self, first: dt.date, last: dt.date, *, weekday: bool = False, year: bool | None = None
    ) -> str:
        this_year = self.now().astimezone(self.tz).year
        other_year = first.year != this_year or last.year != this_year
        show = other_year if year is None else year
        if first.year != last.year:
            text = (
                f"{self._with_year(self._day(first, True), first.year)}"
                f" – {self._with_year(self._day(last, True), last.year)}"
            )
        else:
            if first == last:
                text = self._day(first, show)
            elif first.month == last.month:
                text = self._days_of_month(first, last, show)
            else:
                text = f"{self._day(first, show)} – {self._day(last, show)}"
            text = self._with_year(text, first.year) if show else text
        if not weekday:
            return text
        if first != last:
            return f"{text} ({self._weekday(first)} – {self._weekday(last)})"
        return (
            f"{self._weekday(first)}, {text}"
            if self.lang == "en"
            else f"{text}, {self._weekday(first)}"
        )

    def _month(self, day: dt.date, of_year: bool = False) -> str:
        if self.lang == "ky" and of_year:
            return KY_MONTHS_OF_YEAR[day.month]
        return str(get_month_names("wide", locale=self.locale)[day.month])

    def _weekday(self, day: dt.date) -> str:
        return str(get_day_names("wide", locale=self.locale)[day.weekday()])

    def _day(self, day: dt.date, of_year: bool) -> str:
        month = self._month(day, of_year)
        if self.lang == "ky":
            return f"{day.day}-{month}"
        return f"{month} {day.day}" if self.lang == "en" else f"{day.day} {month}"

    def _days_of_month(self, first: dt.date, last: dt.date, of_year: bool) -> str:
        month, days = self._month(first, of_year), f"{first.day}–{last.day}"
        if self.lang == "ky":
            return f"{days}-{month}"
        return f"{month} {days}" if self.lang == "en" else f"{days} {month}"

    def _with_year(self, text: str, year: int) -> str:
        if self.lang == "ky":
            return f"{year}-жылдын {text}"
        return f"{text}, {year}" if self.lang == "en" else f"{text} {year}\u202fг."


def translator(
    lang: str, tz: str = "Asia/Bishkek", now: Callable[[], dt.datetime] | None = None
) -> Translator:
    """`now` decides which year is "this year"; the real time unless a test pins it."""
    chosen = lang if lang in LANGUAGES else "en"
    return Translator(chosen, ZoneInfo(tz), now or _utc_now)
