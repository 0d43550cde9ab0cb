"""The words every grant screen shares: a project's name, status, progress, schedule, and
what is late. Names and titles are escaped here, so screens put them in HTML as they are."""

from __future__ import annotations

from datetime import date, datetime
from html import escape, unescape

from bot.core.texts import text_for
from bot.grants.repo.projects import Milestone, Project
from bot.grants.service.records import Record
from bot.i18n import N_, Translator

STATUSES = {
    "not_started": ("⚪", N_("not started")),
    "in_progress": ("🔵", N_("in progress")),
    "done": ("✅", N_("done")),
    "delayed": ("🟠", N_("delayed")),
}


def status_name(tr: Translator, code: str) -> str:
    return tr._(STATUSES[code][1]) if code in STATUSES else code


def status_icon(code: str) -> str:
    return STATUSES[code][0] if code in STATUSES else "•"


def title(tr: Translator, p: Project) -> str:
    return escape(text_for(tr.lang, p.title_ky, p.title_ru))


def entrant(tr: Translator, p: Project) -> str:
    name = {"ky": p.name_ky, "ru": p.name_ru}.get(tr.lang) or p.name_en or p.name_ru
    return escape(name)


def kgs(tr: Translator, amount: int) -> str:
    return tr._("{amount} KGS").format(amount=tr.number(amount))


def heading(tr: Translator, p: Project) -> str:
    """ "Beshik-Jon — «Information campaign»"."""
    return tr._("{entrant} — «{title}»").format(entrant=entrant(tr, p), title=title(tr, p))


def progress(tr: Translator, p: Project) -> str:
    """ "🔵 in progress · 40%", or closed."""
    if p.closed:
        return "🔒 " + tr._("closed")
    percent = tr._("{percent}%").format(percent=p.percent)
    return f"{status_icon(p.status)} {status_name(tr, p.status)} · {percent}"


def schedule(tr: Translator, p: Project) -> str:
    if p.schedule == "off":
        return tr._("not requested")
    if p.schedule == "days" and p.every_days:
        return tr.ngettext("every {count} day", "every {count} days", p.every_days).format(
            count=p.every_days
        )
    return tr._("every month")


def milestone(tr: Translator, m: Milestone, today: date) -> str:
    when = tr.date(m.due_on)
    if m.done:
        return f"✅ {escape(m.title)} — {when}"
    if m.due_on < today:
        return "⚠️ " + tr._("{title} — {date}, late").format(title=escape(m.title), date=when)
    return f"▫️ {escape(m.title)} — {when}"


def late(tr: Translator, r: Record) -> list[str]:
    """What is late, one line each; none for a closed project."""
    if r.project.closed:
        return []
    found = []
    if r.late_milestones:
        count = len(r.late_milestones)
        found.append("⚠️ " + tr.ngettext(
            "{count} milestone is past its date", "{count} milestones are past their date", count
        ).format(count=count))  # fmt: skip
    if r.report_overdue:
        found.append("⚠️ " + tr._("The report is overdue."))
    return found


def reports(tr: Translator, r: Record) -> list[str]:
    """The last report, and when the next is asked for."""
    if r.last_report_at is not None:
        lines = [tr._("Last report: {date}").format(date=tr.date(r.last_report_at))]
    else:
        lines = [tr._("No reports yet.")]
    p = r.project
    if p.next_request_at is not None and p.asking:
        lines.append(tr._("Next report due: {date}").format(date=tr.date(p.next_request_at)))
    return lines


def today(tr: Translator, now: datetime) -> date:
    return now.astimezone(tr.tz).date()


def plain(html: str) -> str:
    """A button or a spreadsheet cell shows text, not HTML: an escaped name read back."""
    return unescape(html)
