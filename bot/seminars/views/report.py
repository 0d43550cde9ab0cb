"""The report summary in the chat; every participant is in the XLSX file sent with it."""

from __future__ import annotations

from bot.core import labels
from bot.core.screens import fit_lines
from bot.i18n import Translator
from bot.seminars.repo.report_rows import place_name
from bot.seminars.service.reports import SeminarReport, Tally


def _line(tr: Translator, label: str, tally: Tally) -> str:
    return tr._("{label}: attended {attended} · said yes {yes} · invited {invited}").format(
        label=label, attended=tally.attended, yes=tally.yes, invited=tally.invited
    )


def summary(tr: Translator, report: SeminarReport) -> str:
    """Headline first, as donors quote it: "5 seminars, 108 trained, including 13 women"."""
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
    lines += ["", "<b>" + _("By gender") + "</b>"]
    lines += [_line(tr, labels.gender(tr, code), t) for code, t in report.by_gender.items()]
    lines += ["", "<b>" + _("By position") + "</b>"]
    lines += [_line(tr, labels.position(tr, code), t) for code, t in report.by_position.items()]
    lines += ["", "<b>" + _("By region") + "</b>"]
    lines += [_line(tr, place_name(region, tr.lang) or "—", t) for region, t in report.by_region]
    lines += ["", _("Every participant, and the numbers by municipality, are in the file.")]
    return "\n".join(fit_lines(lines))


def period_hint(tr: Translator) -> str:
    return tr._("Please write two dates, like: /report 01.11.2026 30.11.2026")
