"""/coverage in the reader's language: the headline, the municipalities to act on first (nobody
registered; or, for a seminar or competition, no answer or nothing submitted), then each region
or district as a line and a button."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core import labels
from bot.core.keyboards import button, rows
from bot.core.positions import POSITIONS
from bot.core.programmes.repo import Programme
from bot.core.screens import Screen, fit_lines
from bot.core.texts import clip
from bot.coverage.callbacks import EVENT_LETTERS, CoverageAction, CoverageCb, EventLetter
from bot.coverage.repo.places import MunicipalityRow
from bot.coverage.service.coverage import CoverageReport, Group, staff_count
from bot.coverage.views import audience, events
from bot.i18n import Translator

NOBODY_SHOWN = 40
"""Past this many, the list of municipalities to act on points to the regions below."""
LABEL = 28
XLSX = "📥 XLSX"


def headline(tr: Translator, report: CoverageReport) -> str:
    total = len(report.municipalities)
    if report.event is not None:
        return events.headline(tr, report.event, report.figures, total)
    return tr.ngettext(
        "{count} municipality: {registered} registered, {nobody} with nobody",
        "{count} municipalities: {registered} registered, {nobody} with nobody",
        total,
    ).format(count=total, registered=report.registered, nobody=len(report.nobody))


def staff(tr: Translator, row: MunicipalityRow) -> str:
    """Plain text: the approved staff by position, and the registrations pending."""
    parts = [
        f"{labels.position(tr, code)} {row.approved[code]}"
        for code in POSITIONS
        if row.approved.get(code)
    ]
    text = f"{staff_count(row)} ({', '.join(parts)})" if parts else "0"
    if row.pending:
        text += " · " + tr._("{count} pending").format(count=row.pending)
    return text


def _group(tr: Translator, report: CoverageReport, group: Group) -> str:
    if report.event is not None:
        figures = events.group_figures(tr, report.event, group.figures)
    else:
        figures = tr._(
            "{registered} of {total} registered · {staff} staff · {pending} pending"
        ).format(
            registered=group.registered, total=group.municipalities, staff=group.staff,
            pending=group.pending,
        )  # fmt: skip
    return "• " + escape(group.place.name(tr.lang)) + ": " + figures


def _municipality(tr: Translator, report: CoverageReport, row: MunicipalityRow) -> str:
    if report.event is not None:
        figures = events.municipality_figures(tr, report.event, row.figures)
    else:
        figures = escape(staff(tr, row))
    return "• " + escape(row.place.name(tr.lang)) + ": " + figures


def _title(tr: Translator, report: CoverageReport, programme: Programme | None) -> list[str]:
    lang = tr.lang
    title = "🗺 <b>" + tr._("Coverage") + "</b>"
    where = [p.name(lang) for p in (report.region, report.district) if p is not None]
    if programme is not None:
        where.insert(0, programme.name(lang))
    if where:
        title += " · " + escape(" · ".join(where))
    lines = [title]
    if report.event is not None:
        lines.append(events.title(tr, report.event))
    lines.append("<b>" + escape(headline(tr, report)) + "</b>")
    if report.event is None:
        lines.append(tr._("Approved staff: {staff} · registrations pending: {pending}").format(
            staff=report.staff, pending=report.pending))  # fmt: skip
    elif not report.municipalities:
        lines.append(events.empty(tr, report.event))
    elif note := events.cluster_note(tr, report.event):
        lines.append("<i>" + escape(note) + "</i>")
    return lines


def _attention(tr: Translator, report: CoverageReport) -> list[str]:
    found = report.attention
    if not found:
        return []
    heading = (
        events.attention_heading(tr, report.event)
        if report.event is not None
        else tr._("With nobody registered:")
    )
    lines = ["", "❗ <b>" + escape(heading) + "</b>"]
    for row in found[:NOBODY_SHOWN]:
        place = row.place.name(tr.lang)
        if report.district is None:
            place += ", " + row.district.name(tr.lang)
        if report.event is not None and report.event.kind == "seminar":
            place += f" — {row.figures.no_answer}"
        lines.append("• " + escape(place))
    if len(found) > NOBODY_SHOWN:
        lines.append(tr._("…and {count} more: open a region below.").format(
            count=len(found) - NOBODY_SHOWN))  # fmt: skip
    return lines


def screen(tr: Translator, report: CoverageReport, programme: Programme | None) -> Screen:
    lines = _title(tr, report, programme) + _attention(tr, report)
    if report.groups:
        heading = tr._("By district:") if report.region is not None else tr._("By region:")
        lines += ["", "<b>" + heading + "</b>"]
        lines += [_group(tr, report, g) for g in report.groups]
    if report.district is not None:
        heading = (
            tr._("By municipality:")
            if report.event is not None
            else tr._("Approved staff by municipality:")
        )
        lines += ["", "<b>" + heading + "</b>"]
        lines += [_municipality(tr, report, row) for row in report.municipalities]
    return Screen("\n".join(fit_lines(lines)), InlineKeyboardMarkup(keyboard(tr, report)))


def _letter(report: CoverageReport) -> tuple[EventLetter, int]:
    event = report.event
    return (EVENT_LETTERS[event.kind], event.id) if event is not None else ("-", 0)


def keyboard(tr: Translator, report: CoverageReport) -> list[list[InlineKeyboardButton]]:
    """A button per region or district; back up a level; the file; a seminar or competition
    to count for, or back to registered staff."""
    pid, (letter, event_id) = report.programme_id, _letter(report)
    region = report.region.id if report.region is not None else 0

    def to(region_id: int, district_id: int, action: CoverageAction = "open") -> CoverageCb:
        return CoverageCb(pid, region_id, district_id, letter, event_id, action)

    buttons = [
        button(clip(g.place.name(tr.lang), LABEL),
               to(g.place.id, 0) if report.region is None else to(region, g.place.id))
        for g in report.groups
    ]  # fmt: skip
    keyboard = rows(buttons, per_row=2)
    if report.district is not None:
        keyboard.append([button("« " + tr._("Back"), to(region, 0))])
    elif report.region is not None:
        keyboard.append([button("« " + tr._("Back"), to(0, 0))])
    pick = CoverageCb(pid, action="pick")
    if report.event is None:
        keyboard.append([button(tr._("For a seminar or competition…"), pick)])
    else:
        keyboard.append([button(tr._("Another seminar or competition…"), pick)])
        keyboard.append([button("« " + tr._("Registered staff"), CoverageCb(pid))])
    keyboard += audience.buttons(tr, report)
    keyboard.append([button(XLSX, to(0, 0, "xlsx"))])
    return keyboard
