"""The report summary in the chat; every participant is in the XLSX file sent with it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from html import escape

from telegram import InlineKeyboardMarkup

from bot.core import labels
from bot.core.keyboards import button
from bot.core.programmes import views as programme_views
from bot.core.programmes.repo import Programme
from bot.core.screens import Screen, fit_lines
from bot.i18n import Translator
from bot.seminars.callbacks import ReportCb, ReportPeriod
from bot.seminars.repo.report_rows import place_name
from bot.seminars.service.reports import Guests, SeminarReport, Tally


def _line(tr: Translator, label: str, tally: Tally) -> str:
    return tr._("{label}: attended {attended} · said yes {yes} · invited {invited}").format(
        label=label, attended=tally.attended, yes=tally.yes, invited=tally.invited
    )


def the_programme(
    report: SeminarReport, programmes: Mapping[int, Programme] | None
) -> Programme | None:
    """The one programme a report was asked for, to name it (None: one of several, or all)."""
    if programmes is None or report.programme_ids is None or len(report.programme_ids) != 1:
        return None
    return programmes.get(report.programme_ids[0])


Period = tuple[date, date]
"""The first and the last day a report covers, both included."""


def summary(
    tr: Translator,
    report: SeminarReport,
    programmes: Mapping[int, Programme] | None = None,
    period: Period | None = None,
) -> str:
    """Headline first, as donors quote it: "5 seminars, 108 trained, including 13 women".
    With `programmes` (there are several), the report names its programme, or counts by
    programme when it covers more than one. With `period`, the one asked for is named (else
    the seminars' own dates)."""
    return programme_views.labelled(
        tr, the_programme(report, programmes), _summary(tr, report, programmes, period)
    )


def period_text(tr: Translator, period: Period) -> str:
    """As "1–30 November 2026": always with the year, as a report is quoted later."""
    return tr.days(*period, year=True)


def _summary(
    tr: Translator,
    report: SeminarReport,
    programmes: Mapping[int, Programme] | None,
    period: Period | None,
) -> str:
    _ = tr._
    count = len(report.seminars)
    if not count and period is not None:
        return _("No seminars in the period {period}.").format(period=period_text(tr, period))
    if not count:
        return _("There are no seminars in this period.")
    seminars = tr.ngettext("{count} seminar", "{count} seminars", count).format(count=count)
    attended, women = report.total.attended, report.women.attended
    trained = tr.ngettext("{count} trained", "{count} trained", attended).format(count=attended)
    including = tr.ngettext("including {count} woman", "including {count} women", women).format(
        count=women
    )
    first, last = tr.date(report.seminars[0].starts_at), tr.date(report.seminars[-1].starts_at)
    dates = first if first == last else f"{first} – {last}"
    if period is not None:
        dates = _("Period: {period}").format(period=period_text(tr, period))
    head = f"<b>{seminars}, {trained}, {including}</b>"
    lines = [head, *guests_lines(tr, report.guests), dates, ""]
    lines.append(_line(tr, _("In total"), report.total))
    if programmes is not None and len(report.by_programme) > 1:
        lines += ["", "<b>" + _("By programme") + "</b>"]
        lines += [by_programme_line(tr, programmes, pid, t) for pid, t in report.by_programme]
    lines += ["", "<b>" + _("By gender") + "</b>"]
    lines += [_line(tr, labels.gender(tr, code), t) for code, t in report.by_gender.items()]
    lines += ["", "<b>" + _("By position") + "</b>"]
    lines += [_line(tr, labels.position(tr, code), t) for code, t in report.by_position.items()]
    lines += ["", "<b>" + _("By region") + "</b>"]
    lines += [_line(tr, place_name(region, tr.lang) or "—", t) for region, t in report.by_region]
    lines += ["", _("Every participant, and the numbers by municipality, are in the file.")]
    return "\n".join(fit_lines(lines))


def guests_lines(tr: Translator, guests: Guests) -> list[str]:
    """Said under the headline whenever guests are in it, so nobody counts them twice."""
    if not guests.count:
        return []
    return [
        tr.ngettext(
            "Of them {count} guest without registration ({women} women): counted as trained"
            " and among the women, not among the different people.",
            "Of them {count} guests without registration ({women} women): counted as trained"
            " and among the women, not among the different people.",
            guests.count,
        ).format(count=guests.count, women=guests.women)
    ]


def by_programme_line(
    tr: Translator, programmes: Mapping[int, Programme], pid: int | None, tally: Tally
) -> str:
    """One programme's counts: "Programme: attended 5 · said yes 7 · invited 9"."""
    return _line(tr, _programme_name(tr, programmes, pid), tally)


def _programme_name(tr: Translator, programmes: Mapping[int, Programme], pid: int | None) -> str:
    found = programmes.get(pid) if pid is not None else None
    return escape(found.name(tr.lang)) if found is not None else "—"


def period_hint(tr: Translator, code: str | None = None) -> str:
    """`code`: a programme's, for the example, when there are several to ask a report for."""
    text = tr._("Please write two dates, like: /report 01.11.2026 30.11.2026")
    if code:
        text += "\n" + tr._(
            "To count one programme only, add its code: /report {code} 01.11.2026 30.11.2026"
        ).format(code=escape(code))
    return text


def _picker_buttons(tr: Translator, code: str | None) -> InlineKeyboardMarkup:
    _ = tr._
    choices: tuple[tuple[ReportPeriod, str], ...] = (
        ("month", "📅 " + _("This month")),
        ("last_month", "⏮ " + _("Last month")),
        ("quarter", "🗓 " + _("This quarter")),
        ("year", "📆 " + _("This year")),
        ("other", "✏️ " + _("Another period")),
    )
    rows = [[button(label, ReportCb(period=p, code=code or "-"))] for p, label in choices]
    return InlineKeyboardMarkup(rows)


def _report_head(tr: Translator, code: str | None) -> str:
    head = "📊 <b>" + tr._("Report") + "</b>"
    return head + f" · {escape(code)}" if code else head


def picker(tr: Translator, code: str | None = None) -> Screen:
    """Which period: the usual ones as buttons, any other typed."""
    text = (
        _report_head(tr, code)
        + "\n"
        + tr._("Seminars, competitions and registrations: which period should the report cover?")
    )
    return Screen(text, _picker_buttons(tr, code))


def nothing_in(tr: Translator, period: Period, code: str | None = None) -> Screen:
    """An empty period, named, with the picker to try another."""
    text = tr._(
        "Nothing in the period {period}: no seminars, no competition deadlines, no new members."
    ).format(period=period_text(tr, period))
    return Screen(text + "\n" + tr._("Choose another period:"), _picker_buttons(tr, code))


def ask_dates(tr: Translator, code: str | None = None) -> Screen:
    return Screen(
        _report_head(tr, code)
        + "\n"
        + tr._("Write the first and the last day of the period, like: 01.11.2026 30.11.2026")
    )


def bad_dates(tr: Translator, code: str | None = None) -> Screen:
    """Typed dates that could not be read: the example again, and the usual periods."""
    text = "⚠️ " + tr._(
        "I couldn't read two dates. Write the first and the last day, like: 01.11.2026 30.11.2026"
    )
    return Screen(text, _picker_buttons(tr, code))
