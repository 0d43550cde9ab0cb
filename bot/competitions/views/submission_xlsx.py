"""A competition's submissions as a spreadsheet for the jury and donors: one row per submission,
then every version, every file (with where it is in the archive), every eligible entrant, and the
audit log.

Times are real date cells in Bishkek time, so they sort and filter; text that people typed is
written as text, never as a formula. Blocking, and linear in the rows (`sheet.Sheet`): callers
run `workbook` in a worker thread.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from bot.competitions.service.export import EntrantRow, Export, FileRow, SubmissionRow
from bot.competitions.views import submission_labels as labels
from bot.competitions.views import text
from bot.competitions.views.submission_zip import path_in_zip
from bot.core.audience.repo import Names
from bot.core.sheets import Look, Sheet, sheet_title
from bot.i18n import N_, Translator

DATE_FORMAT = "dd.mm.yyyy hh:mm"
HEAD = Look(font=Font(bold=True))
BODY = Look(alignment=Alignment(vertical="top", wrap_text=False), date_format=DATE_FORMAT,
            every_cell=True)  # fmt: skip
MAX_WIDTH = 50
MB = 1024 * 1024
SHEETS = (N_("Submissions"), N_("Versions"), N_("Files"), N_("Eligible"), N_("Log"))
Cell = str | int | float | datetime | None


def workbook(export: Export, tr: Translator) -> bytes:
    book = Workbook(write_only=True)
    fill = (_submissions, _versions, _files, _eligible, _log)
    for title, write in zip(SHEETS, fill, strict=True):
        ws = Sheet(book, sheet_title(tr._(title)), freeze="A2", max_width=MAX_WIDTH)
        write(ws, export, tr)
        ws.write()
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _place_heads(tr: Translator, export: Export) -> list[str]:
    if export.competition.for_clusters:
        return [tr._("Municipalities in the cluster")]
    return [tr._("Region"), tr._("District")]


def _place_cells(tr: Translator, export: Export, row: EntrantRow) -> list[str]:
    lang = tr.lang
    if export.competition.for_clusters:
        return [", ".join(_name(m, lang) for m in row.members)]
    return [_name(row.region, lang), _name(row.district, lang)]


def _submissions(ws: Sheet, export: Export, tr: Translator) -> None:
    _ = tr._
    _head(ws, [
        _("Receipt"), _("Entrant"), _("Entrant kind"), *_place_heads(tr, export), _("Status"),
        _("Version"), _("Sent at (Bishkek)"), _("Sent by"), _("Description"),
        _("Residents reached"), _("Files"), _("Archived"), _("Not archived"), _("Score"),
        _("Reviewer's comment"), _("Revision deadline (Bishkek)"), _("Result"), _("Grant, KGS"),
    ])  # fmt: skip
    for row in export.submissions:
        _append(ws, _submission_row(tr, export, row), tr)


def _submission_row(tr: Translator, export: Export, row: SubmissionRow) -> list[Cell]:
    s, v, files = row.submission, row.latest, row.latest_files
    archived = sum(f.archived for f in files)
    result = row.result
    return [
        s.receipt, row.entrant.entrant.name(tr.lang),
        labels.entrant_kind(tr, row.entrant.entrant.kind), *_place_cells(tr, export, row.entrant),
        text.status(tr, s.status), v.version, _when(v.submitted_at), v.submitted_by_name or "—",
        v.description, v.residents, len(files), archived, len(files) - archived, s.score,
        s.review_comment or "", s.revision_deadline if s.status == "needs_revision" else None,
        labels.result(tr, result) if result else "", result.grant_kgs if result else None,
    ]  # fmt: skip


def _versions(ws: Sheet, export: Export, tr: Translator) -> None:
    _ = tr._
    _head(ws, [_("Receipt"), _("Entrant"), _("Version"), _("Sent at (Bishkek)"), _("Sent by"),
               _("Description"), _("Residents reached"), _("Files")])  # fmt: skip
    for row in export.submissions:
        name = row.entrant.entrant.name(tr.lang)
        for v in row.versions:
            _append(ws, [row.submission.receipt, name, v.version, _when(v.submitted_at),
                         v.submitted_by_name or "—", v.description, v.residents,
                         len(v.files)], tr)  # fmt: skip


def _files(ws: Sheet, export: Export, tr: Translator) -> None:
    _ = tr._
    _head(ws, [_("Receipt"), _("Version"), _("No."), _("Kind"), _("File name"), _("Size, MB"),
               _("Archive"), _("Path in the ZIP"), _("File ID in Telegram")])  # fmt: skip
    for row in export.submissions:
        for f in row.files:
            _append(ws, _file_row(tr, export, f), tr)


def _file_row(tr: Translator, export: Export, row: FileRow) -> list[Cell]:
    f = row.file
    size = round(f.file_size / MB, 3) if f.file_size is not None else None
    status = "missing" if row.missing else f.archive_status
    return [row.receipt, row.version, f.position, labels.file_kind(tr, f.kind),
            f.file_name or "", size, labels.archive(tr, status),
            path_in_zip(export, row, tr.lang) or "", f.file_id]  # fmt: skip


def _eligible(ws: Sheet, export: Export, tr: Translator) -> None:
    _ = tr._
    _head(ws, [_("Entrant"), *_place_heads(tr, export), _("Submitted"), _("Receipt"),
               _("Status"), _("Extended until (Bishkek)")])  # fmt: skip
    for row in export.eligible:
        s = row.submission
        status = text.status(tr, s.status) if s else ""
        _append(ws, [row.entrant.name(tr.lang), *_place_cells(tr, export, row),
                     _("yes") if s else _("no"), s.receipt if s else "", status,
                     row.entrant.extended_until], tr)  # fmt: skip


def _log(ws: Sheet, export: Export, tr: Translator) -> None:
    _ = tr._
    _head(ws, [_("When (Bishkek)"), _("Who"), _("Receipt"), _("Entrant"), _("Action"),
               _("From"), _("To"), _("Comment")])  # fmt: skip
    for e in export.log:
        entrant = export.entrant(e.entrant_id)
        _append(ws, [_when(e.at), e.actor_name or "—", e.receipt or "",
                     entrant.name(tr.lang) if entrant else "", labels.action(tr, e.action),
                     labels.log_state(tr, e.action, e.from_status),
                     labels.log_state(tr, e.action, e.to_status),
                     labels.log_comment(tr, e.action, e.comment)], tr)  # fmt: skip


def _name(place: Names | None, lang: str) -> str:
    if place is None:
        return "—"
    names = {"ky": place["name_ky"], "ru": place["name_ru"], "en": place["name_en"]}
    return names.get(lang) or place["name_ru"] or place["name_en"] or "—"


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _head(ws: Sheet, heads: list[str]) -> None:
    ws.add(heads, HEAD)


def _append(ws: Sheet, values: list[Cell], tr: Translator) -> None:
    """Times become Bishkek wall-clock cells (Excel has no time zones)."""
    local = [v.astimezone(tr.tz).replace(tzinfo=None) if isinstance(v, datetime) and v.tzinfo
             else v for v in values]  # fmt: skip
    ws.add(local, BODY)


def caption(tr: Translator, export: Export) -> str:
    """Under the file: which competition, and how many of those who could have sent did."""
    head = "📊 <b>" + text.title(tr, export.competition.content()) + "</b>"
    total = len(export.eligible)
    counts = tr.ngettext(
        "Submissions: {count} of {total} eligible entrant.",
        "Submissions: {count} of {total} eligible entrants.",
        total,
    ).format(count=len(export.submissions), total=total)
    return f"{head}\n{counts}"
