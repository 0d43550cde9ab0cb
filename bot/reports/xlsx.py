"""The donor report as a spreadsheet: an overview with native charts beside its tables, the
competitions' entrants, then the seminars' own sheets (counts and every participant).

The charts are Excel's own (openpyxl), drawn from the cells next to them, so staff can restyle
them or copy them into a brief. Blocking and linear in the rows: call it in a worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from bot.competitions.views import text as competition_text
from bot.competitions.views.results import award_name
from bot.core import labels
from bot.core.programmes.repo import Programme
from bot.core.sheets import Look, Sheet, sheet_title
from bot.grants.views import donor as grant_views
from bot.i18n import Translator
from bot.reports.service import NOT_SENT, DonorReport
from bot.reports.views import STATUS_ORDER, poll_title
from bot.seminars.repo.report_rows import place_name
from bot.seminars.views.report import period_text
from bot.seminars.views.xlsx import add_sheets

BOLD = Look(font=Font(bold=True))
TITLE = Look(font=Font(bold=True, size=14))
CHART_COLUMN = "F"


def workbook(
    report: DonorReport,
    tr: Translator,
    programmes: Mapping[int, Programme] | None = None,
    region: str | None = None,
) -> bytes:
    book = Workbook(write_only=True)
    overview = Sheet(book, sheet_title(tr._("Overview")), max_width=40)
    _overview(overview, report, tr, programmes, region)
    sheets = [overview]
    if report.competitions:
        entrants = Sheet(book, sheet_title(tr._("Entrants")), freeze="A2", max_width=50)
        _entrants(entrants, report, tr)
        sheets.append(entrants)
    if report.grants.records:
        sheets.append(grant_views.add_sheet(book, report.grants, tr))
    if report.seminars.seminars:
        sheets += add_sheets(book, report.seminars, tr, programmes, tr._("Seminars"))
    for sheet in sheets:
        sheet.write()
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _overview(
    ws: Sheet,
    report: DonorReport,
    tr: Translator,
    programmes: Mapping[int, Programme] | None,
    region: str | None,
) -> None:
    _ = tr._
    ws.add([_("Donor report")], TITLE)
    ws.add([_("Period"), period_text(tr, (report.first_day, report.last_day))])
    ids = report.programme_ids
    if programmes is not None and ids is not None and len(ids) == 1 and ids[0] in programmes:
        ws.add([_("Programme"), programmes[ids[0]].name(tr.lang)])
    if region:
        ws.add([_("Region"), region])
    s = report.seminars
    ws.blank()
    ws.add([_("Seminars"), len(s.seminars)], BOLD)
    ws.add([_("Trainings (a person at two seminars counts twice)"), s.total.attended])
    ws.add([_("Of them women"), s.women.attended])
    ws.add([_("People (each counted once)"), s.people.people])
    ws.add([_("Of them women"), s.people.women])
    rate = round(s.attendance_rate * 100) if s.attendance_rate is not None else None
    ws.add([_("Came of those who said yes, %"), rate])
    average = round(s.rating.average, 2) if s.rating.average is not None else None
    ws.add([_("Average rating (1–5)"), average])
    ws.add([_("Ratings given"), s.rating.count])
    ws.blank()
    ws.add([_("Approved members at the end of the period"), report.registrations.approved], BOLD)
    ws.add([_("New in the period"), report.registrations.new])
    if s.people.people:
        _regions_table(ws, report, tr)
        _positions_table(ws, report, tr)
    if any(m.attended for m in report.months):
        _months_table(ws, report, tr)
    if report.competitions:
        _competitions_table(ws, report, tr)
    if report.polls:
        _polls_table(ws, report, tr)


def _chart(ws: Sheet, title: str, head_row: int, last_row: int, columns: int) -> None:
    """A bar chart of the table whose header is at `head_row` (names in column A, `columns`
    series beside them), set to the right of it: one series lies down, several stand side
    by side."""
    chart = BarChart()
    chart.type = "bar" if columns == 1 else "col"
    chart.title = title
    chart.height, chart.width = 7.5, 15
    data = Reference(ws.ws, min_col=2, max_col=1 + columns, min_row=head_row, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws.ws, min_col=1, min_row=head_row + 1, max_row=last_row))
    ws.ws.add_chart(chart, f"{CHART_COLUMN}{head_row}")


def _regions_table(ws: Sheet, report: DonorReport, tr: Translator) -> None:
    """Distinct people by region, a column per gender, stacked in the chart."""
    _ = tr._
    people = report.seminars.people
    genders = list(dict.fromkeys(g for _, counts in people.by_region_gender for g in counts))
    ws.blank()
    head = ws.next_row
    ws.add([_("Region"), *(labels.gender_heading(tr, g) for g in genders), _("People")], BOLD)
    for place, counts in people.by_region_gender:
        name = place_name(place, tr.lang) or place.get("name_en") or "—"
        ws.add([name, *(counts.get(g, 0) for g in genders), sum(counts.values())])
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
    chart.title = _("Participants by region and gender")
    chart.height, chart.width = 7.5, 15
    last = ws.next_row - 1
    chart.add_data(
        Reference(ws.ws, min_col=2, max_col=1 + len(genders), min_row=head, max_row=last),
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws.ws, min_col=1, min_row=head + 1, max_row=last))
    ws.ws.add_chart(chart, f"{CHART_COLUMN}{head}")
    _pad(ws, head)


def _positions_table(ws: Sheet, report: DonorReport, tr: Translator) -> None:
    _ = tr._
    ws.blank()
    head = ws.next_row
    ws.add([_("Position"), _("People")], BOLD)
    for code, n in report.seminars.people.by_position.items():
        ws.add([labels.position(tr, code), n])
    _chart(ws, _("Participants by position"), head, ws.next_row - 1, 1)
    _pad(ws, head)


def _months_table(ws: Sheet, report: DonorReport, tr: Translator) -> None:
    _ = tr._
    ws.blank()
    head = ws.next_row
    ws.add([_("Month"), _("Trainings"), _("People"), _("Seminars")], BOLD)
    for m in report.months:
        ws.add([tr.month_label(m.first_day), m.attended, m.people, m.seminars])
    _chart(ws, _("Trainings by month"), head, ws.next_row - 1, 2)
    _pad(ws, head)


def _pad(ws: Sheet, head: int) -> None:
    """Room for the chart beside a short table, so the next one does not run under it."""
    while ws.next_row < head + 16:
        ws.blank()


def _competitions_table(ws: Sheet, report: DonorReport, tr: Translator) -> None:
    _ = tr._
    statuses = [_status(tr, code) for code in STATUS_ORDER]
    ws.blank()
    ws.add([_("Competition"), _("Deadline"), _("Eligible"), _("Submitted"), *statuses,
            _("Winners"), _("Grants, KGS")], BOLD)  # fmt: skip
    for f in report.competitions:
        counts = f.by_status
        ws.add([
            competition_text.pick(tr, f.competition.content(), "title"),
            tr.date(f.competition.deadline, year=True),
            f.eligible, f.submitted, *(counts.get(code, 0) for code in STATUS_ORDER),
            len(f.winners), f.grants_kgs,
        ])  # fmt: skip


def _polls_table(ws: Sheet, report: DonorReport, tr: Translator) -> None:
    """Answered of asked, as the poll's card counts it."""
    _ = tr._
    ws.blank()
    ws.add([_("Poll"), _("Sent"), _("Asked"), _("Answered")], BOLD)
    for r in report.polls:
        sent = tr.date(datetime.fromisoformat(r.poll.sent_at), year=True)
        ws.add([f"#{r.poll.id} {poll_title(tr, r)}", sent, r.asked, r.answered])


def _entrants(ws: Sheet, report: DonorReport, tr: Translator) -> None:
    _ = tr._
    ws.add([_("Competition"), _("Entrant"), _("Status"), _("Result"), _("Grant, KGS")], BOLD)
    for f in report.competitions:
        title = competition_text.pick(tr, f.competition.content(), "title")
        for e in f.entrants:
            name = {"ky": e.name_ky, "ru": e.name_ru}.get(tr.lang, e.name_en)
            result = award_name(tr, e.award, e.place) if e.award else ""
            ws.add([title, name, _status(tr, e.status or NOT_SENT), result, e.grant_kgs])


def _status(tr: Translator, code: str) -> str:
    return tr._("not submitted") if code == NOT_SENT else competition_text.status(tr, code)
