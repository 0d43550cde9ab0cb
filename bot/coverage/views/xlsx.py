"""Coverage as a spreadsheet: one row per municipality, those to act on first, with the chosen
seminar's or competition's figures. Blocking, and linear in the rows (`bot.core.sheets`):
the chat builds it in a worker thread."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from bot.core import labels
from bot.core.positions import POSITIONS
from bot.core.sheets import Look, Sheet, Value
from bot.coverage.repo.events import Event
from bot.coverage.repo.places import MunicipalityRow
from bot.coverage.service.coverage import CoverageReport, needs_attention, staff_count
from bot.coverage.views import events
from bot.coverage.views.screen import headline
from bot.i18n import Translator

BOLD = Look(font=Font(bold=True))


def file_name(report: CoverageReport, programme_code: str | None = None) -> str:
    event = report.event
    if event is not None:
        return f"coverage-{event.kind}-{event.id}.xlsx"
    return f"coverage-{programme_code.lower()}.xlsx" if programme_code else "coverage.xlsx"


def _event_columns(tr: Translator, event: Event | None) -> list[Value]:
    if event is None:
        return []
    if event.kind == "seminar":
        return [
            tr.pgettext("count header", "Invited"),
            tr.pgettext("count header", "Answered"),
            tr.pgettext("count header", "No answer"),
            tr.pgettext("count header", "Attended"),
        ]
    return [tr.pgettext("coverage column", "Submission")]


def _event_values(tr: Translator, event: Event | None, row: MunicipalityRow) -> list[Value]:
    f = row.figures
    if event is None:
        return []
    if event.kind == "seminar":
        return [f.invited, f.answered, f.no_answer, f.attended]
    return [tr._("submitted") if f.submitted else tr._("not submitted yet")]


def workbook(tr: Translator, report: CoverageReport) -> bytes:
    _, lang, event = tr._, tr.lang, report.event
    book = Workbook(write_only=True)
    sheet = Sheet(book, _("Coverage")[:31], freeze="A3")
    top: list[Value] = [headline(tr, report)]
    if event is not None:
        top.insert(0, events.plain_title(tr, event))
    sheet.add(top, BOLD)
    sheet.add(
        [_("Region"), _("District"), _("Municipality"), _("Approved staff")]
        + [labels.position(tr, code) for code in POSITIONS]
        + [_("Registrations pending")]
        + _event_columns(tr, event),
        BOLD,
    )
    first = [m for m in report.municipalities if needs_attention(m, event)]
    rest = [m for m in report.municipalities if not needs_attention(m, event)]
    for row in first + rest:
        values: list[Value] = [
            row.region.name(lang), row.district.name(lang), row.place.name(lang), staff_count(row)
        ]  # fmt: skip
        values += [row.approved.get(code, 0) for code in POSITIONS]
        sheet.add([*values, row.pending, *_event_values(tr, event, row)])
    sheet.write()
    out = BytesIO()
    book.save(out)
    return out.getvalue()
