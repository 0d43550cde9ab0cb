"""The report summary in the chat; every participant is in the XLSX file sent with it."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from bot.core import labels
from bot.core.programmes import views as programme_views
from bot.core.programmes.repo import Programme
from bot.core.screens import fit_lines
from bot.i18n import Translator
from bot.seminars.repo.report_rows import place_name
from bot.seminars.service.reports import SeminarReport, Tally


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


def summary(
    tr: Translator, report: SeminarReport, programmes: Mapping[int, Programme] | None = None
) -> str:
    """Headline first, as donors quote it: "5 seminars, 108 trained, including 13 women".
    With `programmes` (there are several), the report names its programme, or counts by
    programme when it covers more than one."""
    return programme_views.labelled(
        tr, the_programme(report, programmes), _summary(tr, report, programmes)
    )


def _summary(
    tr: Translator, report: SeminarReport, programmes: Mapping[int, Programme] | None
) -> str:
    _ = tr._
    count = len(report.seminars)
    if not count:
        return _("There are no seminars in this period.")
    seminars = tr.ngettext("{count} seminar", "{count} seminars", count).format(count=count)
    attended, women = report.total.attended, report.women.attended
    trained = tr.ngettext("{count} trained", "{count} trained", attended).format(count=attended)
    including = tr.ngettext("including {count} woman", "including {count} women", women).format(
        count=women
    )
    first, last = tr.date(report.seminars[0].starts_at), tr.date(report.seminars[-1].starts_at)
    period = first if first == last else f"{first} – {last}"
    head = f"<b>{seminars}, {trained}, {including}</b>"
    lines = [head, period, "", _line(tr, _("In total"), report.total)]
    if programmes is not None and len(report.by_programme) > 1:
        lines += ["", "<b>" + _("By programme") + "</b>"]
        lines += [
            _line(tr, _programme_name(tr, programmes, pid), t) for pid, t in report.by_programme
        ]
    lines += ["", "<b>" + _("By gender") + "</b>"]
    lines += [_line(tr, labels.gender(tr, code), t) for code, t in report.by_gender.items()]
    lines += ["", "<b>" + _("By position") + "</b>"]
    lines += [_line(tr, labels.position(tr, code), t) for code, t in report.by_position.items()]
    lines += ["", "<b>" + _("By region") + "</b>"]
    lines += [_line(tr, place_name(region, tr.lang) or "—", t) for region, t in report.by_region]
    lines += ["", _("Every participant, and the numbers by municipality, are in the file.")]
    return "\n".join(fit_lines(lines))


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
