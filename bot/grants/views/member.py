"""The entrant's side: the report's steps, the request that asks for one, and the project's
record as /status shows it."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.grants.callbacks import ReportCb
from bot.grants.repo.projects import Project
from bot.grants.service.records import Record
from bot.grants.service.reporting import MAX_FILES, Sent
from bot.grants.views import text
from bot.i18n import Translator

SHOWN_MILESTONES = 5


def _cancel(tr: Translator, project_id: int) -> list[InlineKeyboardButton]:
    return [button("✖️ " + tr._("Cancel"), ReportCb(project_id=project_id, action="abort"))]


def ask_text(tr: Translator, p: Project) -> Screen:
    head = "📝 <b>" + tr._("Report: {project}").format(project=text.heading(tr, p)) + "</b>"
    body = tr._(
        "Write what was done since the last report: the work, the money spent, any problems. "
        "Photos and documents come next."
    )
    return Screen(head + "\n" + body, InlineKeyboardMarkup([_cancel(tr, p.id)]))


def ask_files(tr: Translator, project_id: int, count: int) -> Screen:
    """The files step: how many are attached, and Done."""
    _ = tr._
    if count:
        head = "📎 " + tr.ngettext(
            "{count} file attached.", "{count} files attached.", count
        ).format(count=count)
    else:
        head = "✅ " + _("The text is kept.")
    body = tr.ngettext(
        "Now send photos or documents (up to {limit}), or tap Done to send the report.",
        "Now send photos or documents (up to {limit}), or tap Done to send the report.",
        MAX_FILES,
    ).format(limit=MAX_FILES)
    done = button("✅ " + _("Done, send the report"), ReportCb(project_id=project_id,
                                                               action="done"))  # fmt: skip
    return Screen(head + "\n" + body, InlineKeyboardMarkup([[done], _cancel(tr, project_id)]))


def sent(tr: Translator, s: Sent) -> Screen:
    thanks = tr._("Thank you! The report is saved, and the project staff have been told.")
    return Screen(f"✅ {thanks}\n{text.heading(tr, s.project)}")


def cancelled(tr: Translator) -> Screen:
    return Screen(tr._("The report was not sent; nothing was saved."))


def request(tr: Translator, p: Project) -> tuple[str, InlineKeyboardMarkup]:
    """The push that asks for a report: why the reader gets it, and the button to start."""
    _ = tr._
    lines = [
        "📝 <b>" + _("Time for a report on the grant project") + "</b>",
        _("You get this as a member of {entrant}, which won a grant in «{title}».").format(
            entrant=text.entrant(tr, p), title=text.title(tr, p)
        ),
        _("Status: {status}").format(status=text.progress(tr, p)),
        _("Tell what was done since the last report and add photos or documents."),
    ]
    start = button("✍️ " + _("Send a report"), ReportCb(project_id=p.id, action="start"))
    return "\n".join(lines), InlineKeyboardMarkup([[start]])


def project_lines(tr: Translator, r: Record, now: datetime) -> list[str]:
    """One project's record as /status shows it, its heading first (without a bullet):
    progress, milestones, reports, what is late."""
    p = r.project
    lines = [f"{text.heading(tr, p)}: {text.kgs(tr, p.grant_kgs)}", "  " + text.progress(tr, p)]
    today = text.today(tr, now)
    lines += ["  " + text.milestone(tr, m, today) for m in r.milestones[:SHOWN_MILESTONES]]
    if len(r.milestones) > SHOWN_MILESTONES:
        rest = len(r.milestones) - SHOWN_MILESTONES
        more = tr.ngettext("… and {count} more", "… and {count} more", rest)
        lines.append("  " + more.format(count=rest))
    return lines + ["  " + line for line in [*text.reports(tr, r), *text.late(tr, r)]]


def status_heading(tr: Translator) -> str:
    return "📈 <b>" + tr._("Grant projects") + "</b>"


def report_door(tr: Translator, r: Record) -> tuple[str, str, ReportCb] | None:
    """/status's button for a project that takes reports."""
    if r.project.closed:
        return None
    return "✍️", tr._("Send a report"), ReportCb(project_id=r.project.id, action="start")
