"""The grants section of the donor report: in the chat's summary, and as a sheet of its
spreadsheet. Amounts, progress and what is late, as the projects stand today."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from bot.core.sheets import Look, Sheet, sheet_title
from bot.grants.service.donor import GrantFigures
from bot.grants.views import text
from bot.i18n import Translator

SHOWN = 10
BOLD = Look(font=Font(bold=True))


def summary_lines(tr: Translator, g: GrantFigures) -> list[str]:
    """Empty when no grant project was under way in the period."""
    if not g.records:
        return []
    _ = tr._
    count = len(g.records)
    projects = tr.ngettext(
        "{count} grant project, {amount} in all", "{count} grant projects, {amount} in all", count
    ).format(count=count, amount=text.kgs(tr, g.amount))
    lines = ["<b>" + _("Grants") + "</b>", projects]
    if g.progress is not None:
        lines.append(_("Progress, weighted by the grant: {percent}").format(
            percent=_("{percent}%").format(percent=g.progress)
        ))  # fmt: skip
    done = tr.ngettext("{count} done", "{count} done", g.done).format(count=g.done)
    late = tr.ngettext("{count} late", "{count} late", g.late).format(count=g.late)
    lines.append(f"{done} · ⚠️ {late}" if g.late else done)
    for r in sorted(g.records, key=lambda r: not r.late)[:SHOWN]:
        p = r.project
        mark = " ⚠️" if r.late else ""
        lines.append(f"• {text.heading(tr, p)}: {text.kgs(tr, p.grant_kgs)}, "
                     f"{text.progress(tr, p)}{mark}")  # fmt: skip
    if count > SHOWN:
        more = tr.ngettext("… and {count} more", "… and {count} more", count - SHOWN)
        lines.append(more.format(count=count - SHOWN))
    return [*lines, ""]


def add_sheet(book: Workbook, g: GrantFigures, tr: Translator) -> Sheet:
    """One row a project; the caller writes it with the other sheets."""
    _ = tr._
    ws = Sheet(book, sheet_title(_("Grants")), freeze="A2", max_width=50)
    ws.add([_("Competition"), _("Entrant"), _("Grant, KGS"), _("Status"), _("Percent complete"),
            _("Milestones"), _("Milestones done"), _("Milestones late"), _("Report overdue"),
            _("Last report"), _("Closed")], BOLD)  # fmt: skip
    for r in g.records:
        p = r.project
        ws.add([
            text.plain(text.title(tr, p)), text.plain(text.entrant(tr, p)), p.grant_kgs,
            text.status_name(tr, p.status), p.percent, len(r.milestones),
            sum(m.done for m in r.milestones), len(r.late_milestones),
            _yes_no(tr, r.report_overdue),
            tr.date(r.last_report_at, year=True) if r.last_report_at else "",
            _yes_no(tr, p.closed),
        ])  # fmt: skip
    return ws


def _yes_no(tr: Translator, value: bool) -> str:
    if value:
        return tr.pgettext("spreadsheet cell", "yes")
    return tr.pgettext("spreadsheet cell", "no")
