"""Reading a date and time that a coordinator typed, in Asia/Bishkek.

`read` takes what people write in ky, ru and en: "эртең 9да", "эртең саат 9", "бүгүн 18:00",
"дүйшөмбү 10:00", "завтра в 9", "в понедельник 10:00", "25.12 10:00", "25.12.2026 10:00",
"25 декабря в 10", "10:00", "tomorrow 9am". It says whether the reading is certain: a day named
by a date or by "today"/"tomorrow", with hours and minutes. Anything else (no day, a weekday, an
hour without minutes, a year guessed) is to be read back to the person for a yes.

`parse_local` is the strict reader of the fixed forms other screens ask for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_PATTERNS = (
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(\d{1,2}):(\d{2})$"), "dmy"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$"), "ymd"),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\s+(\d{1,2}):(\d{2})$"), "dm"),
    (re.compile(r"^(\d{1,2}):(\d{2})$"), "hm"),
)


def parse_local(text: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    """'25.11.2026 14:30', '2026-11-25 14:30', '25.11 14:30' or '14:30' (today, else tomorrow)."""
    text = text.strip()
    local_now = now.astimezone(tz)
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        n = [int(x) for x in match.groups()]
        try:
            if kind == "dmy":
                return datetime(n[2], n[1], n[0], n[3], n[4], tzinfo=tz)
            if kind == "ymd":
                return datetime(n[0], n[1], n[2], n[3], n[4], tzinfo=tz)
            if kind == "dm":
                return datetime(local_now.year, n[1], n[0], n[2], n[3], tzinfo=tz)
            when = local_now.replace(hour=n[0], minute=n[1], second=0, microsecond=0)
            return when if when > local_now else when + timedelta(days=1)
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class Reading:
    """A typed time as read: `when` in the zone it was read in; `certain` when the person said
    the day (a date, today, tomorrow) and the minutes, so nothing was guessed."""

    when: datetime
    certain: bool


# A word that names a day relative to today, by its beginning (Kyrgyz adds case endings:
# "эртеңки", "бүгүнкү"); Latin spellings as people type them without a Cyrillic keyboard.
_RELATIVE = (
    (("бүрсүгүн", "бурсугун", "послезавтра", "poslezavtra"), 2),
    (("бүгүн", "бугун", "bugun", "сегодня", "segodnya", "segodnia", "today", "tonight"), 0),
    (("эртең", "эртен", "erteng", "erten", "завтра", "zavtra", "tomorrow", "tmrw"), 1),
)
_DAY_AFTER = re.compile(r"\bday after tomorrow\b")
# Weekdays by their stems, Monday first; Kyrgyz also written with "н" for "м", or without ү/ө.
_WEEKDAYS = (
    ("дүйшөмб", "дуйшомб", "дүйшөнб", "понедельн", "monday", "duishomb", "dushomb"),
    ("шейшемб", "шейшенб", "вторн", "tuesday", "sheishemb"),
    ("шаршемб", "шаршенб", "сред", "wednesday", "sharshemb"),
    ("бейшемб", "бейшенб", "четверг", "thursday", "beishemb"),
    ("жума", "пятниц", "friday", "zhuma", "juma"),
    ("ишемб", "ишенб", "суббот", "saturday", "ishemb"),
    ("жекшемб", "жекшенб", "воскресен", "sunday", "jekshemb", "zhekshemb"),
)
_WEEKDAY_WORDS = (
    ("пн", "mon"), ("вт", "tue", "tues"), ("ср", "wed"), ("чт", "thu", "thur", "thurs"),
    ("пт", "fri"), ("сб", "sat"), ("вс", "sun"),
)  # fmt: skip
_NEXT = ("кийинки", "келерки", "следующ", "след", "next")
_MONTHS = (
    ("январ", "янв", "jan", "yanvar"), ("феврал", "фев", "feb", "fevral"), ("март", "мар", "mar"),
    ("апрел", "апр", "apr"), ("мая", "май", "may"), ("июн", "jun"), ("июл", "jul"),
    ("август", "авг", "aug", "avgust"), ("сентябр", "сен", "sep", "sentyabr"),
    ("октябр", "окт", "oct", "oktyabr"), ("ноябр", "ноя", "nov", "noyabr"),
    ("декабр", "дек", "dec", "dekabr"),
)  # fmt: skip
# Parts of the day; the Kyrgyz "эртең менен" (in the morning) is taken before "эртең" (tomorrow).
_PARTS = (
    (re.compile(r"\b(эртең|эртен|эрте) менен\b|\bтаң\w*|\bутр(а|ом)\b|\bmorning\b"), "am"),
    (re.compile(r"\bтүштөн кийин\b|\bдн(я|ём|ем)\b|\bafternoon\b"), "pm"),
    (re.compile(r"\bкеч(?!ээ)\w*|\bвечер(а|ом)\b|\bevening\b|\btonight\b"), "pm"),
    (re.compile(r"\bтүн\w*|\bноч(и|ью)\b|\bnight\b"), "night"),
)
_FILLER = frozenset(
    """в во на к ко до по at on by until the of this coming o'clock oclock и v k
    саат саатта саатка saat часов часа час ч h hrs г года году год жылы жылдын жыл жылга year
    да де до дө та те то тө га ге го гө ка ке ко кө дан ден дон дөн чейин дейин da de do
    бул ушул ушу ближайш этот эту это этой t күн күнү kun kunu""".split()  # noqa: SIM905
)
_YMD = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DMY = re.compile(r"(?<![\d.:/])(\d{1,2})[./](\d{1,2})(?:[./](\d{4}|\d{2}))?(?![\d:/]|\.\d)")
_DAY_MONTH = re.compile(r"(?<![\d.:])(\d{1,2})(?:-?(?:го|е|st|nd|rd|th|чи|сы))?[\s-]*([^\W\d_]+)")
_MONTH_DAY = re.compile(r"\b([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![:.]\d)")
_YEAR = re.compile(r"(?<![\d.:])(20\d\d)(?![\d.:])(?:\s*-?\s*(?:жыл\w*|г\.?|год\w*))?")
_AMPM = re.compile(r"(?<![\d.:])(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?")
_MARKED_HM = re.compile(r"(?:\bв|\bat|\bсаат|\bk|\bv|\bsaat)\s*(\d{1,2})[:.](\d{2})(?!\d)")
_AT = re.compile(r"(?:\bв|\bat|\bсаат|\bk|\bv|\bsaat)\s*$")
_HM = re.compile(r"(?<![\d.:])(\d{1,2})[:.](\d{2})(?![\d:])")
_HOUR = re.compile(r"(?<![\d.:/])(\d{1,2})(?![\d.:/])")
_NOON = re.compile(r"\bполдень\b|\bnoon\b|\bтүштө\b")
YEAR_BACK = 92
"""A date without a year that lies more than this many days back means next year's (typed in
December, "10.01"); a date fewer days back is simply in the past."""


@dataclass
class _Found:
    """What the text named, piece by piece."""

    day: date | None = None
    days_ahead: int | None = None
    weekday: int | None = None
    next_week: bool = False
    hour: int | None = None
    minute: int | None = None
    part: str | None = None
    year_guessed: bool = False


def read(text: str, now: datetime, tz: ZoneInfo, day_of: date | None = None) -> Reading | None:
    """The time meant by `text`, or None when it can't be read. `day_of` is the day a bare time
    means ("17:00" for a seminar's end), when the question named one."""
    rest = " " + _normal(text) + " "
    found = _Found()
    today = now.astimezone(tz).date()
    try:
        rest = _take_part(rest, found)
        rest = _take_dates(rest, found, today)
        rest = _take_days(rest, found)
        rest = _take_time(rest, found)
    except ValueError:
        return None
    if found.hour is None or not _only_filler(rest):
        return None
    hour = _hour(found)
    if hour is None or not 0 <= hour <= 23 or not 0 <= (found.minute or 0) <= 59:
        return None
    placed = _day(found, today, time(hour, found.minute or 0), now, tz, day_of)
    if placed is None:
        return None
    when = datetime.combine(*placed, tzinfo=tz)
    named = found.day is not None or found.days_ahead is not None or day_of is not None
    certain = (
        named and found.minute is not None and found.weekday is None and not found.year_guessed
    )
    return Reading(when, certain)


def _normal(text: str) -> str:
    text = (text or "").lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")
    text = re.sub(r"[,;!?«»\"()]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _cut(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " + text[match.end() :]


def _take_part(text: str, found: _Found) -> str:
    noon = _NOON.search(text)
    if noon:
        found.hour, found.minute = 12, 0
        text = _cut(text, noon)
    for pattern, part in _PARTS:
        match = pattern.search(text)
        if match:
            if found.part not in (None, part):
                raise ValueError("two parts of the day")
            found.part = part
            if match[0] == "tonight":
                found.days_ahead = 0
            text = _cut(text, match)
    return text


def _take_dates(text: str, found: _Found, today: date) -> str:
    match = _YMD.search(text)
    if match:
        y, m, d = (int(x) for x in match.groups())
        found.day = date(y, m, d)
        return _cut(text, match)
    for match in _DMY.finditer(text):
        d, m = int(match[1]), int(match[2])
        if not (1 <= d <= 31 and 1 <= m <= 12) or _AT.search(text[: match.start()]):
            continue  # "в 9.30" is a time
        year = int(match[3]) if match[3] else None
        if year is not None and year < 100:
            year += 2000
        found.day = _dated(d, m, year, today, found)
        return _cut(text, match)
    for match in _DAY_MONTH.finditer(text):
        month = _month(match[2])
        if month is not None:
            text = _cut(text, match)
            found.day = _dated(int(match[1]), month, _year(text), today, found)
            return _YEAR.sub(" ", text, count=1) if _year(text) else text
    for match in _MONTH_DAY.finditer(text):
        month = _month(match[1])
        if month is not None:
            text = _cut(text, match)
            found.day = _dated(int(match[2]), month, _year(text), today, found)
            return _YEAR.sub(" ", text, count=1) if _year(text) else text
    return text


def _year(text: str) -> int | None:
    match = _YEAR.search(text)
    return int(match[1]) if match else None


def _dated(d: int, m: int, year: int | None, today: date, found: _Found) -> date:
    """A day of the month; without a year, this year's, or next year's if it lies well back."""
    if year is not None:
        return date(year, m, d)
    day = date(today.year, m, d) if (m, d) != (2, 29) else _leap(today.year)
    if (today - day).days > YEAR_BACK:
        found.year_guessed = True
        day = date(today.year + 1, m, d) if (m, d) != (2, 29) else _leap(today.year + 1)
    return day


def _leap(year: int) -> date:
    """29 February: this year's, or the next one that has it."""
    while True:
        try:
            return date(year, 2, 29)
        except ValueError:
            year += 1


def _month(word: str) -> int | None:
    for number, stems in enumerate(_MONTHS, start=1):
        if any(word.startswith(stem) for stem in stems) and len(word) >= 3:
            return number
    return None


def _take_days(text: str, found: _Found) -> str:
    match = _DAY_AFTER.search(text)
    if match:
        found.days_ahead = 2
        text = _cut(text, match)
    kept = []
    for word in text.split():
        if (ahead := _relative(word)) is not None:
            if found.days_ahead not in (None, ahead):
                raise ValueError("two days")
            found.days_ahead = ahead
        elif (weekday := _weekday(word)) is not None:
            if found.weekday not in (None, weekday):
                raise ValueError("two weekdays")
            found.weekday = weekday
        elif any(word.startswith(stem) for stem in _NEXT):
            found.next_week = True
        else:
            kept.append(word)
    return " " + " ".join(kept) + " "


def _relative(word: str) -> int | None:
    for stems, ahead in _RELATIVE:
        if any(word.startswith(stem) for stem in stems):
            return ahead
    return None


def _weekday(word: str) -> int | None:
    for number, stems in enumerate(_WEEKDAYS):
        if any(word.startswith(stem) for stem in stems):
            return number
    for number, words in enumerate(_WEEKDAY_WORDS):
        if word.rstrip(".") in words:
            return number
    return None


def _take_time(text: str, found: _Found) -> str:
    for pattern in (_AMPM, _MARKED_HM, _HM, _HOUR):
        match = pattern.search(text)
        if match is None:
            continue
        if found.hour is not None:
            raise ValueError("two times")
        found.hour = int(match[1])
        minute = match[2] if pattern is not _HOUR else None
        found.minute = int(minute) if minute is not None else None
        if pattern is _AMPM:
            part = "am" if match[3] == "a" else "pm"
            if found.part not in (None, part) or found.hour > 12 or found.hour == 0:
                raise ValueError("12-hour clock")
            found.part = part
        text = _cut(text, match)
        if _HOUR.search(text) or _HM.search(text):
            raise ValueError("two times")
        return text
    return text


def _only_filler(text: str) -> bool:
    rest = re.sub(r"[-.:/']", " ", text)
    return all(word in _FILLER for word in rest.split())


def _hour(found: _Found) -> int | None:
    hour, part = found.hour, found.part
    assert hour is not None
    if part == "am":
        return 0 if hour == 12 else hour if hour < 12 else None
    if part == "pm":
        return hour + 12 if hour < 12 else hour
    if part == "night":
        return 0 if hour == 12 else hour if hour <= 4 else hour + 12 if hour < 12 else hour
    if found.minute is None and 1 <= hour <= 6:
        return hour + 12  # "в 3", "саат 5те": nobody meets at 3 at night
    return hour


def _day(
    found: _Found, today: date, at: time, now: datetime, tz: ZoneInfo, day_of: date | None
) -> tuple[date, time] | None:
    """The day, and the time of day once the day is known."""
    named = [d for d in (found.day, _ahead(found, today)) if d is not None]
    if len(named) == 2 and named[0] != named[1]:
        return None
    day = named[0] if named else None
    if found.weekday is not None:
        if day is not None:
            return (day, at) if day.weekday() == found.weekday else None
        return _next_weekday(found, today, at, now, tz), at
    if day is not None:
        if found.days_ahead == 0 and found.part is None and found.minute is None:
            return day, _later_today(day, at, now, tz)
        return day, at
    if day_of is not None:
        return day_of, at
    if datetime.combine(today, at, tzinfo=tz) > now:
        return today, at
    return today + timedelta(days=1), at


def _ahead(found: _Found, today: date) -> date | None:
    return today + timedelta(days=found.days_ahead) if found.days_ahead is not None else None


def _later_today(day: date, at: time, now: datetime, tz: ZoneInfo) -> time:
    """'сегодня в 9' said at 14:00 means 21:00: the hour moves to the evening when it passed."""
    if datetime.combine(day, at, tzinfo=tz) <= now and at.hour < 12:
        evening = at.replace(hour=at.hour + 12)
        if datetime.combine(day, evening, tzinfo=tz) > now:
            return evening
    return at


def _next_weekday(found: _Found, today: date, at: time, now: datetime, tz: ZoneInfo) -> date:
    """The coming one: today when the time is still ahead, unless 'next' was said."""
    assert found.weekday is not None
    day = today + timedelta(days=(found.weekday - today.weekday()) % 7)
    if day == today and (found.next_week or datetime.combine(day, at, tzinfo=tz) <= now):
        day += timedelta(days=7)
    return day
