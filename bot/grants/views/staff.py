"""The staff screens of grant projects: the list with what is late, and one project's card.

Titles are in the text and verbs on the buttons; the list puts late projects first, and each
line's number is on its button."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.keyboards import button, rows
from bot.core.screens import Screen, fit_lines
from bot.grants.callbacks import GrantAction, GrantCb
from bot.grants.service.records import Record
from bot.grants.views import text
from bot.i18n import Translator

SHOWN = 20


def _order(found: list[Record]) -> list[Record]:
    """Late ones first, then the open ones, the closed ones last."""
    return sorted(found, key=lambda r: (r.project.closed, not r.late))


def listing(tr: Translator, found: list[Record], note: str = "") -> Screen:
    _ = tr._
    lines = [note, ""] if note else []
    lines.append("📈 <b>" + _("Grant projects") + "</b>")
    if not found:
        lines.append(_(
            "No grant projects yet. Open a competition's published results and tap "
            "«Track the grants»."
        ))  # fmt: skip
        return Screen("\n".join(lines))
    late = sum(r.late for r in found)
    count = tr.ngettext("{count} project", "{count} projects", len(found)).format(count=len(found))
    if late:
        count += ", ⚠️ " + tr.ngettext("{count} late", "{count} late", late).format(count=late)
    lines.append(count)
    buttons: list[InlineKeyboardButton] = []
    for n, r in enumerate(_order(found)[:SHOWN], 1):
        p = r.project
        lines += ["", f"{n}. <b>{text.heading(tr, p)}</b>",
                  f"   {text.kgs(tr, p.grant_kgs)} · {text.progress(tr, p)}"]  # fmt: skip
        lines += ["   " + line for line in text.late(tr, r)]
        buttons.append(
            button(
                f"{n}. {text.plain(text.entrant(tr, p))}", GrantCb(project_id=p.id, action="open")
            )
        )
    if len(found) > SHOWN:
        rest = len(found) - SHOWN
        lines.append(
            tr.ngettext("… and {count} more", "… and {count} more", rest).format(count=rest)
        )
    return Screen("\n".join(fit_lines(lines)), InlineKeyboardMarkup(rows(buttons, 2)))


def card(tr: Translator, r: Record, now: datetime, note: str = "") -> Screen:
    _ = tr._
    p = r.project
    lines = [note, ""] if note else []
    lines += [
        "📈 <b>" + text.heading(tr, p) + "</b>",
        _("Grant: {amount}").format(amount=text.kgs(tr, p.grant_kgs)),
        _("Status: {status}").format(status=text.progress(tr, p)),
        _("Reports: {schedule}").format(schedule=text.schedule(tr, p)),
        *text.reports(tr, r),
        *text.late(tr, r),
        "",
        "<b>" + _("Milestones") + "</b>",
    ]
    today = text.today(tr, now)
    lines += [text.milestone(tr, m, today) for m in r.milestones] or [_("No milestones yet.")]
    return Screen("\n".join(fit_lines(lines)), InlineKeyboardMarkup(_card_buttons(tr, r)))


def _card_buttons(tr: Translator, r: Record) -> list[list[InlineKeyboardButton]]:
    _, pid = tr._, r.project.id

    def go(label: str, action: GrantAction) -> InlineKeyboardButton:
        return button(label, GrantCb(project_id=pid, action=action))

    found = []
    if not r.project.closed:
        found += [
            [go("🔄 " + _("Status"), "status"), go("📊 " + _("Percent"), "percent")],
            [go("🏁 " + _("Milestones"), "stones"), go("🗓 " + _("Report schedule"), "schedule")],
        ]
    found.append([go("📝 " + _("Reports received"), "reports")])
    if not r.project.closed:
        found.append([go("🔒 " + _("Close the project"), "close")])
    found.append([go("« " + _("All grant projects"), "list")])
    return found


def back(tr: Translator, project_id: int) -> list[InlineKeyboardButton]:
    return [button("« " + tr._("Back"), GrantCb(project_id=project_id, action="open"))]


def status_menu(tr: Translator, r: Record) -> Screen:
    pid = r.project.id
    buttons = [
        button(f"{text.status_icon(code)} {text.status_name(tr, code)}",
               GrantCb(project_id=pid, action="set_status", value=code))
        for code in text.STATUSES
    ]  # fmt: skip
    now = tr._("Status now: {status}. Choose the new one:").format(
        status=text.progress(tr, r.project)
    )
    head = f"<b>{text.heading(tr, r.project)}</b>\n{now}"
    return Screen(head, InlineKeyboardMarkup([*rows(buttons, 2), back(tr, pid)]))


def percent_prompt(tr: Translator, r: Record) -> Screen:
    head = f"<b>{text.heading(tr, r.project)}</b>\n" + tr._(
        "How far along is the project? Send the percent complete, from 0 to 100."
    )
    return Screen(head, InlineKeyboardMarkup([back(tr, r.project.id)]))


def milestones(tr: Translator, r: Record, now: datetime) -> Screen:
    """Each milestone numbered, a button to mark it done (or not done after all)."""
    _, pid = tr._, r.project.id
    lines = ["🏁 <b>" + _("Milestones: {project}").format(project=text.heading(tr, r.project))
             + "</b>"]  # fmt: skip
    today = text.today(tr, now)
    buttons = []
    for n, m in enumerate(r.milestones, 1):
        lines.append(f"{n}. {text.milestone(tr, m, today)}")
        label = f"↩️ {n}" if m.done else f"✅ {n}"
        value = "undo" if m.done else "done"
        buttons.append(button(label, GrantCb(project_id=pid, action="stone", item=m.id,
                                             value=value)))  # fmt: skip
    if not r.milestones:
        lines.append(_("No milestones yet."))
    else:
        lines += ["", _("✅ marks a milestone done; ↩️ takes the mark back.")]
    add = button("➕ " + _("Add milestones"), GrantCb(project_id=pid, action="add_stones"))
    keyboard = [*rows(buttons, 4), [add], back(tr, pid)]
    return Screen("\n".join(fit_lines(lines)), InlineKeyboardMarkup(keyboard))


def milestones_prompt(tr: Translator, project_id: int) -> Screen:
    head = tr._(
        "Send the milestones, one per line: what is to be done, then the date.\n"
        "For example:\n<code>Procure pumps; 15.02.2027</code>\n"
        "<code>Install the pumps; 30.04.2027</code>"
    )
    return Screen(head, InlineKeyboardMarkup([back(tr, project_id)]))


def schedule_menu(tr: Translator, r: Record) -> Screen:
    pid = r.project.id

    def pick(label: str, kind: str, days: int = 0) -> InlineKeyboardButton:
        return button(label, GrantCb(project_id=pid, action="set_schedule", item=days, value=kind))

    head = f"<b>{text.heading(tr, r.project)}</b>\n" + tr._(
        "How often should the bot ask for a report? Now: {schedule}."
    ).format(schedule=text.schedule(tr, r.project))
    keyboard = [
        [pick("🗓 " + tr._("Every month"), "monthly")],
        [pick(tr._("Every 2 weeks"), "days", 14), pick(tr._("Every week"), "days", 7)],
        [pick("🔕 " + tr._("Don't ask"), "off")],
        back(tr, pid),
    ]
    return Screen(head, InlineKeyboardMarkup(keyboard))


def close_confirm(tr: Translator, r: Record) -> Screen:
    head = f"<b>{text.heading(tr, r.project)}</b>\n" + tr._(
        "Close the project? The bot will stop asking for reports and will no longer accept "
        "them. This can't be undone."
    )
    pid = r.project.id
    yes = button("🔒 " + tr._("Yes, close it"), GrantCb(project_id=pid, action="close_yes"))
    return Screen(head, InlineKeyboardMarkup([[yes], back(tr, pid)]))
