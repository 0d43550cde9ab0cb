"""The donor report's charts as specs, in the reader's language: who took part by region and
gender, by position, and the trainings month by month. Drawn by `charts.render`, out of the
bot's process; a chart with nothing to show is left out."""

from __future__ import annotations

from bot.core import labels
from bot.i18n import Translator
from bot.reports.charts import Chart, Series
from bot.reports.service import DonorReport
from bot.seminars.repo.report_rows import Place, place_name

GENDER_COLOURS = {"female": "#c2185b", "male": "#1565c0", "undisclosed": "#9e9e9e"}
UNKNOWN = "#bdbdbd"
BAR = "#2e7d32"
SECOND = "#a5d6a7"
MAX_BARS = 12
"""The most regions or positions drawn, the largest ones; the spreadsheet has them all."""


def charts(tr: Translator, report: DonorReport) -> list[Chart]:
    found = []
    if report.seminars.people.people:
        found += [_regions(tr, report), _positions(tr, report)]
    if any(m.attended for m in report.months):
        found.append(_months(tr, report))
    return found


def _place(tr: Translator, place: Place) -> str:
    return place_name(place, tr.lang) or place.get("name_en") or "—"


def _regions(tr: Translator, report: DonorReport) -> Chart:
    rows = report.seminars.people.by_region_gender[:MAX_BARS]
    genders = list(dict.fromkeys(g for _, counts in rows for g in counts))
    series = [
        Series(
            labels.gender_heading(tr, g),
            GENDER_COLOURS.get(g or "", UNKNOWN),
            [counts.get(g, 0) for _, counts in rows],
        )
        for g in genders
    ]
    return Chart(
        "participants-by-region",
        tr._("Participants by region and gender"),
        tr._("People (each counted once)"),
        [_place(tr, place) for place, _ in rows],
        series,
        "stacked",
    )


def _positions(tr: Translator, report: DonorReport) -> Chart:
    items = list(report.seminars.people.by_position.items())[:MAX_BARS]
    return Chart(
        "participants-by-position",
        tr._("Participants by position"),
        tr._("People (each counted once)"),
        [labels.position(tr, code) for code, _ in items],
        [Series(tr._("People (each counted once)"), BAR, [n for _, n in items])],
    )


def _months(tr: Translator, report: DonorReport) -> Chart:
    months = report.months
    trained = tr._("Trainings (a person at two seminars counts twice)")
    people = tr._("People (each counted once)")
    return Chart(
        "trainings-by-month",
        tr._("Trainings by month"),
        tr._("People"),
        [tr.month_label(m.first_day) for m in months],
        [
            Series(trained, BAR, [m.attended for m in months]),
            Series(people, SECOND, [m.people for m in months]),
        ],
        "side_by_side",
    )
