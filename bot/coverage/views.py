"""/coverage in the reader's language: the headline, the municipalities with nobody registered
first, then each region or district as a line and a button; and the same as a spreadsheet."""

from __future__ import annotations

from html import escape
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from telegram import InlineKeyboardMarkup

from bot.core import labels
from bot.core.keyboards import button, rows
from bot.core.positions import POSITIONS
from bot.core.programmes.repo import Programme
from bot.core.refusals import Wording
from bot.core.screens import Screen, fit_lines
from bot.core.sheets import Look, Sheet, Value
from bot.core.texts import clip
from bot.coverage.callbacks import CoverageCb
from bot.coverage.repo import MunicipalityRow
from bot.coverage.service import CoverageReport, Group, staff_count
from bot.i18n import N_, Translator

NOBODY_SHOWN = 40
"""Past this many, the list of municipalities with nobody points to the regions below."""
LABEL = 28

WORDINGS: dict[str, Wording] = {
    "coverage_other_region": N_(
        "This region is outside the regions you coordinate. Send /coverage to see yours."
    ),
}


def headline(tr: Translator, report: CoverageReport) -> str:
    total = len(report.municipalities)
    return tr.ngettext(
        "{count} municipality: {registered} registered, {nobody} with nobody",
        "{count} municipalities: {registered} registered, {nobody} with nobody",
        total,
    ).format(count=total, registered=report.registered, nobody=len(report.nobody))


def _staff(tr: Translator, row: MunicipalityRow) -> str:
    parts = [
        f"{labels.position(tr, code)} {row.approved[code]}"
        for code in POSITIONS
        if row.approved.get(code)
    ]
    text = f"{staff_count(row)} ({', '.join(parts)})" if parts else "0"
    if row.pending:
        text += " · " + tr._("{count} pending").format(count=row.pending)
    return escape(text)


def _group(tr: Translator, group: Group, lang: str) -> str:
    return "• " + escape(group.place.name(lang)) + ": " + tr._(
        "{registered} of {total} registered · {staff} staff · {pending} pending"
    ).format(
        registered=group.registered, total=group.municipalities, staff=group.staff,
        pending=group.pending,
    )  # fmt: skip


def screen(tr: Translator, report: CoverageReport, programme: Programme | None) -> Screen:
    _, lang = tr._, tr.lang
    title = "🗺 <b>" + _("Coverage") + "</b>"
    where = [p.name(lang) for p in (report.region, report.district) if p is not None]
    if programme is not None:
        where.insert(0, programme.name(lang))
    if where:
        title += " · " + escape(" · ".join(where))
    lines = [title, "<b>" + headline(tr, report) + "</b>"]
    lines.append(_("Approved staff: {staff} · registrations pending: {pending}").format(
        staff=report.staff, pending=report.pending))  # fmt: skip
    nobody = report.nobody
    if nobody:
        lines += ["", "❗ <b>" + _("With nobody registered:") + "</b>"]
        for row in nobody[:NOBODY_SHOWN]:
            place = row.place.name(lang)
            if report.district is None:
                place += ", " + row.district.name(lang)
            lines.append("• " + escape(place))
        if len(nobody) > NOBODY_SHOWN:
            lines.append(_("…and {count} more: open a region below.").format(
                count=len(nobody) - NOBODY_SHOWN))  # fmt: skip
    if report.groups:
        heading = _("By district:") if report.region is not None else _("By region:")
        lines += ["", "<b>" + heading + "</b>"]
        lines += [_group(tr, g, lang) for g in report.groups]
    if report.district is not None:
        lines += ["", "<b>" + _("Approved staff by municipality:") + "</b>"]
        lines += [
            "• " + escape(row.place.name(lang)) + ": " + _staff(tr, row)
            for row in report.municipalities
        ]
    pid = report.programme_id
    buttons = [
        button(
            clip(g.place.name(lang), LABEL),
            CoverageCb(pid, g.place.id, 0)
            if report.region is None
            else CoverageCb(pid, report.region.id, g.place.id),
        )
        for g in report.groups
    ]
    keyboard = rows(buttons, per_row=2)
    if report.district is not None and report.region is not None:
        keyboard.append([button("« " + _("Back"), CoverageCb(pid, report.region.id, 0))])
    elif report.region is not None:
        keyboard.append([button("« " + _("Back"), CoverageCb(pid, 0, 0))])
    return Screen("\n".join(fit_lines(lines)), InlineKeyboardMarkup(keyboard) if keyboard else None)


BOLD = Look(font=Font(bold=True))


def workbook(tr: Translator, report: CoverageReport) -> bytes:
    """One row per municipality, those with nobody registered first."""
    _, lang = tr._, tr.lang
    book = Workbook(write_only=True)
    sheet = Sheet(book, _("Coverage")[:31], freeze="A3")
    sheet.add([headline(tr, report)], BOLD)
    sheet.add(
        [_("Region"), _("District"), _("Municipality"), _("Approved staff")]
        + [labels.position(tr, code) for code in POSITIONS]
        + [_("Registrations pending")],
        BOLD,
    )
    ordered = report.nobody + [m for m in report.municipalities if staff_count(m)]
    for row in ordered:
        values: list[Value] = [
            row.region.name(lang), row.district.name(lang), row.place.name(lang), staff_count(row)
        ]  # fmt: skip
        values += [row.approved.get(code, 0) for code in POSITIONS]
        sheet.add([*values, row.pending])
    sheet.write()
    out = BytesIO()
    book.save(out)
    return out.getvalue()
