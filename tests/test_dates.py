"""Dates as a person writes them: Kyrgyz without Babel's "2026-ж., 25-ноябрь", the year only
when it is not this year (in Bishkek), the weekday where a day must be planned, Bishkek's clock
across the date line; and pgettext for one English word with two meanings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.i18n import translator

NOV_20 = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)  # "now" in these tests: 2026 in Bishkek
START = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)  # Wednesday 25 November, 10:00 in Bishkek
END = START + timedelta(hours=7)  # 17:00


def tr(lang: str, now: datetime = NOV_20):
    return translator(lang, now=lambda: now)


def test_a_day_in_this_year_has_no_year_and_kyrgyz_has_no_babel_abbreviation():
    assert tr("ky").date(START) == "25-ноябрь"
    assert tr("ru").date(START) == "25 ноября"
    assert tr("ky").datetime(START) == "25-ноябрь, саат 10:00"
    assert tr("ru").datetime(START) == "25 ноября, 10:00"
    assert "ж.," not in tr("ky").datetime(START)


def test_a_same_day_time():
    assert tr("ky").span(START, END) == "25-ноябрь, саат 10:00–17:00"
    assert tr("ru").span(START, END) == "25 ноября, 10:00–17:00"


def test_the_weekday_form():
    assert tr("ky").datetime(START, weekday=True) == "25-ноябрь, шаршемби, саат 10:00"
    assert tr("ru").datetime(START, weekday=True) == "25 ноября, среда, 10:00"
    assert tr("ky").span(START, END, weekday=True) == "25-ноябрь, шаршемби, саат 10:00–17:00"
    assert tr("ru").span(START, END, weekday=True) == "25 ноября, среда, 10:00–17:00"
    assert tr("ky").date(START, weekday=True) == "25-ноябрь, шаршемби"
    assert tr("en").datetime(START, weekday=True) == "Wednesday, November 25, 10:00\u202fAM"


def test_kyrgyz_weekdays_monday_to_sunday():
    monday = date(2026, 11, 23)
    names = [tr("ky").date(monday + timedelta(days=n), weekday=True) for n in range(7)]
    assert [n.split(", ")[1] for n in names] == [
        "дүйшөмбү", "шейшемби", "шаршемби", "бейшемби", "жума", "ишемби", "жекшемби",
    ]  # fmt: skip


def test_a_multi_day_span_names_the_month_once_and_no_year():
    last = END + timedelta(days=2)  # Friday 27 November, 17:00
    assert tr("ky").span(START, last) == "25–27-ноябрь, саат 10:00–17:00"
    assert tr("ru").span(START, last) == "25–27 ноября, 10:00–17:00"
    assert tr("ky").span(START, last, weekday=True) == (
        "25–27-ноябрь (шаршемби – жума), саат 10:00–17:00"
    )
    assert tr("ru").span(START, last, weekday=True) == (
        "25–27 ноября (среда – пятница), 10:00–17:00"
    )


def test_a_span_across_months():
    first = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)
    last = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)
    assert tr("ky").span(first, last) == "30-ноябрь – 2-декабрь, саат 10:00–17:00"
    assert tr("ru").span(first, last) == "30 ноября – 2 декабря, 10:00–17:00"


def test_a_date_in_another_year():
    later = START.replace(year=2027)  # a Thursday
    assert tr("ky").datetime(later) == "2027-жылдын 25-ноябры, саат 10:00"
    assert tr("ru").datetime(later) == "25 ноября 2027\u202fг., 10:00"
    assert tr("ky").datetime(later, weekday=True) == "2027-жылдын 25-ноябры, бейшемби, саат 10:00"
    assert tr("ru").datetime(later, weekday=True) == "25 ноября 2027\u202fг., четверг, 10:00"
    last = later + timedelta(days=2, hours=7)
    assert tr("ky").span(later, last) == "2027-жылдын 25–27-ноябры, саат 10:00–17:00"
    assert tr("ru").span(later, last) == "25–27 ноября 2027\u202fг., 10:00–17:00"
    assert tr("ky").date(START, year=True) == "2026-жылдын 25-ноябры"


def test_a_span_over_new_year_names_both_years():
    first = datetime(2026, 12, 30, 4, 0, tzinfo=UTC)
    last = datetime(2027, 1, 2, 11, 0, tzinfo=UTC)
    assert tr("ky").span(first, last) == (
        "2026-жылдын 30-декабры – 2027-жылдын 2-январы, саат 10:00–17:00"
    )
    assert (
        tr("ru").span(first, last) == "30 декабря 2026\u202fг. – 2 января 2027\u202fг., 10:00–17:00"
    )


def test_midnight_across_the_date_line():
    late = datetime(2026, 11, 25, 18, 30, tzinfo=UTC)  # 00:30 on Thursday 26 November in Bishkek
    assert tr("ky").datetime(late) == "26-ноябрь, саат 00:30"
    assert tr("ru").datetime(late) == "26 ноября, 00:30"
    assert tr("ky").datetime(late, weekday=True) == "26-ноябрь, бейшемби, саат 00:30"
    assert tr("ru").date(late, weekday=True) == "26 ноября, четверг"


def test_this_year_is_bishkeks_year():
    new_year_in_bishkek = datetime(2026, 12, 31, 19, 0, tzinfo=UTC)  # 1 January 2027, 01:00
    january = datetime(2027, 1, 5, 4, 0, tzinfo=UTC)
    assert tr("ky", new_year_in_bishkek).date(january) == "5-январь"
    assert tr("ky", new_year_in_bishkek).date(START) == "2026-жылдын 25-ноябры"
    assert tr("ru", new_year_in_bishkek).date(START) == "25 ноября 2026\u202fг."


def test_without_a_pinned_clock_today_has_no_year():
    now = datetime.now(UTC)
    assert str(now.year) not in translator("ky").date(now)
    assert str(now.year) not in translator("ru").datetime(now)


@pytest.mark.parametrize(
    ("lang", "count", "column"),
    [
        ("ky", "Келгендер", "Келди"),
        ("ru", "Пришли", "Присутствовал(а)"),
        ("en", "Attended", "Attended"),
    ],
)
def test_one_english_word_two_meanings(lang, count, column):
    """The report's count header and the participant sheet's yes/no column (msgctxt)."""
    assert translator(lang).pgettext("count header", "Attended") == count
    assert translator(lang).pgettext("yes/no column", "Attended") == column
