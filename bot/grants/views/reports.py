"""Reports as staff read them: the notice of a new one, and the project's latest reports."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.core.keyboards import button
from bot.core.screens import Screen, fit_lines
from bot.grants.callbacks import GrantCb
from bot.grants.repo.projects import Project
from bot.grants.repo.reports import Report
from bot.grants.views import text
from bot.grants.views.staff import back
from bot.i18n import Translator

NOTICE_TEXT = 2500
LIST_TEXT = 400


def _cut(raw: str, limit: int) -> str:
    return raw if len(raw) <= limit else raw[: limit - 1].rstrip() + "…"


def _files(tr: Translator, count: int) -> str:
    return "📎 " + tr.ngettext("{count} file", "{count} files", count).format(count=count)


def received(tr: Translator, p: Project, r: Report) -> tuple[str, InlineKeyboardMarkup]:
    """The notice to staff: who reported on what, the text, and the files a tap away."""
    _ = tr._
    who = escape(r.author or "—")
    lines = [
        "📝 <b>" + _("New report: {project}").format(project=text.heading(tr, p)) + "</b>",
        _("From {name}, {date}").format(name=who, date=tr.datetime(r.created_at)),
        "",
        escape(_cut(r.text, NOTICE_TEXT)),
    ]
    keyboard = []
    if r.files:
        lines += ["", _files(tr, r.files)]
        show = GrantCb(project_id=p.id, action="files", item=r.id)
        keyboard.append([button("📎 " + _("Show the files"), show)])
    keyboard.append(
        [button("📂 " + _("Open the project"), GrantCb(project_id=p.id, action="open"))]
    )
    return "\n".join(lines), InlineKeyboardMarkup(keyboard)


def latest(tr: Translator, p: Project, found: list[Report]) -> Screen:
    _ = tr._
    lines = ["📝 <b>" + _("Reports: {project}").format(project=text.heading(tr, p)) + "</b>"]
    if not found:
        lines.append(_("No reports yet."))
    keyboard = []
    for n, r in enumerate(found, 1):
        head = f"{n}. {tr.date(r.created_at)} — {escape(r.author or '—')}"
        lines += ["", f"<b>{head}</b>", escape(_cut(r.text, LIST_TEXT))]
        if r.files:
            lines.append(_files(tr, r.files))
            label = "📎 " + _("Files of report {number}").format(number=n)
            keyboard.append([button(label, GrantCb(project_id=p.id, action="files", item=r.id))])
    keyboard.append(back(tr, p.id))
    return Screen("\n".join(fit_lines(lines)), InlineKeyboardMarkup(keyboard))
