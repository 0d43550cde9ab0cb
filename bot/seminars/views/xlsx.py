"""A seminar report as a spreadsheet for donors and project staff: totals, then every invitation.

Text that members typed (names, comments) is written as text, never as a formula, so a comment
starting with "=" cannot run anything in the reader's Excel. Blocking, and linear in the rows
(`sheet.Sheet`): handlers call `workbook` in a worker thread.

With `programmes` (there are several), the file names the one programme it covers, or, covering
more, counts by programme and gives each participant's.
"""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from bot.core import labels
from bot.core.programmes.repo import Programme
from bot.core.sheets import Look, Sheet, sheet_title
from bot.core.texts import text_for
from bot.i18n import N_, Translator
from bot.seminars.repo.guests import Guest
from bot.seminars.repo.report_rows import Place, place_name
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.reports import Participant, SeminarReport, Tally

ANSWER_LABELS = {
    "invited": N_("no answer"),
    "going": N_("going"),
    "waitlist": N_("on the waitlist"),
    "declined": N_("not going"),
}
VIA_LABELS = {
    "code": N_("check-in code"),
    "link": N_("check-in link"),
    "staff": N_("marked by staff"),
}
BOLD = Look(font=Font(bold=True))
TITLE = Look(font=Font(bold=True, size=14))
MAX_WIDTH = 50


Programmes = Mapping[int, Programme]


def workbook(report: SeminarReport, tr: Translator, programmes: Programmes | None = None) -> bytes:
    book = Workbook(write_only=True)
    for sheet in add_sheets(book, report, tr, programmes, tr._("Summary")):
        sheet.write()
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def add_sheets(
    book: Workbook,
    report: SeminarReport,
    tr: Translator,
    programmes: Programmes | None,
    summary_title: str,
) -> list[Sheet]:
    """The counts and every participant, as two sheets of `book` (not yet written): the
    donor report puts them after its own."""
    summary = Sheet(book, sheet_title(summary_title), max_width=MAX_WIDTH)
    several = programmes if programmes is not None and len(report.by_programme) > 1 else None
    _summary(summary, report, tr, programmes, several)
    people = Sheet(book, sheet_title(tr._("Participants")), freeze="A2", max_width=MAX_WIDTH)
    _participants(people, report, tr, several)
    return [summary, people]


def _summary(
    ws: Sheet,
    report: SeminarReport,
    tr: Translator,
    programmes: Programmes | None,
    several: Programmes | None,
) -> None:
    """`several`: the programmes, when the report covers more than one of them."""
    _ = tr._
    ws.add([_("Seminar report")], TITLE)
    one = (
        report.programme_ids[0] if report.programme_ids and len(report.programme_ids) == 1 else None
    )
    if programmes is not None and one is not None:
        ws.add([_("Programme"), _programme_name(programmes, one, tr.lang)])
    ws.add([_("Seminars"), len(report.seminars)])
    _table(ws, [""], [([_("Total")], report.total), ([_("Of them women")], report.women)], tr)
    if several is not None:
        by_programme = [
            ([_programme_name(several, pid, tr.lang)], t) for pid, t in report.by_programme
        ]
        _table(ws, [_("Programme")], by_programme, tr)
    seminars = [
        ([_title(tr, s.title_ky, s.title_ru), tr.date(s.starts_at, year=True), s.city], t)
        for s, t in report.by_seminar
    ]
    _table(ws, [_("Seminar"), _("Date"), _("City")], seminars, tr)
    genders = [([labels.gender(tr, g)], t) for g, t in report.by_gender.items()]
    _table(ws, [_("Gender")], genders, tr)
    positions = [([labels.position(tr, p)], t) for p, t in report.by_position.items()]
    _table(ws, [_("Position")], positions, tr)
    regions = [([_name(r, tr.lang)], t) for r, t in report.by_region]
    _table(ws, [_("Region")], regions, tr)
    district_of = {p.municipality.get("id"): p.district for p in report.participants}
    munis = [
        ([_name(m, tr.lang), _name(district_of.get(m.get("id"), {}), tr.lang)], t)
        for m, t in report.by_municipality
    ]
    _table(ws, [_("Municipality"), _("District")], munis, tr)


def _table(
    ws: Sheet, head: list[str], items: list[tuple[list[str], Tally]], tr: Translator
) -> None:
    """A blank row, a bold header, then one row per group with its three counts."""
    ws.blank()
    counts = [
        tr.pgettext("count header", "Invited"),
        tr._("Answered yes"),
        tr.pgettext("count header", "Attended"),
    ]
    ws.add([*head, *counts], BOLD)
    for cells, t in items:
        ws.add([*cells, t.invited, t.yes, t.attended])


def _participants(
    ws: Sheet, report: SeminarReport, tr: Translator, several: Programmes | None
) -> None:
    """A last column with each one's programme when the report covers more than one."""
    _ = tr._
    ws.add([
        _("Seminar"), _("Date"), _("Name"), _("Gender"), _("Position"), _("Municipality"),
        _("District"), _("Region"), _("Phone"), _("Answer"),
        tr.pgettext("yes/no column", "Attended"), _("How"),
        _("Rating"), _("Comment"), *([_("Programme")] if several is not None else []),
    ], BOLD)  # fmt: skip
    programme_of = {s.id: s.programme_id for s in report.seminars}
    for p in report.participants:
        row = _participant_row(p, tr)
        if several is not None:
            row.append(_programme_name(several, programme_of.get(p.seminar_id), tr.lang))
        ws.add(row)
    seminar_of = {s.id: s for s in report.seminars}
    for guest in report.guests.listed:
        seminar = seminar_of[guest.seminar_id]
        row = _guest_row(guest, seminar, tr)
        if several is not None:
            row.append(_programme_name(several, seminar.programme_id, tr.lang))
        ws.add(row)


def _guest_row(guest: Guest, seminar: Seminar, tr: Translator) -> list[Any]:
    """Someone who came without being registered: trained, with no place or phone known."""
    _ = tr._
    return [
        _title(tr, seminar.title_ky, seminar.title_ru), tr.date(seminar.starts_at, year=True),
        guest.full_name, labels.gender(tr, guest.gender), _("Guest, not registered with the bot"),
        "", "", "", "", "", _("yes"), _(VIA_LABELS["staff"]), None, "",
    ]  # fmt: skip


def _participant_row(p: Participant, tr: Translator) -> list[Any]:
    _ = tr._
    return [
        _title(tr, p.seminar_title_ky, p.seminar_title_ru),
        tr.date(p.starts_at, year=True),
        p.full_name or "—",
        labels.gender(tr, p.gender),
        labels.position(tr, p.position, p.position_detail),
        _name(p.municipality, tr.lang),
        _name(p.district, tr.lang),
        _name(p.region, tr.lang),
        p.phone or "",
        _(ANSWER_LABELS[p.status]) if p.status in ANSWER_LABELS else p.status,
        _("yes") if p.attended else _("no"),
        _(VIA_LABELS[p.attended_via]) if p.attended_via in VIA_LABELS else "",
        p.rating,
        p.comment or "",
    ]


def _title(tr: Translator, ky: str | None, ru: str | None) -> str:
    return text_for(tr.lang, ky, ru)


def _programme_name(programmes: Programmes, programme_id: int | None, lang: str) -> str:
    found = programmes.get(programme_id) if programme_id is not None else None
    return found.name(lang) if found is not None else "—"


def _name(place: Place, lang: str) -> str:
    return place_name(place, lang) or place.get("name_en") or "—"
