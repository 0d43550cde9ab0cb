"""/audit and its spreadsheet: the record of staff actions in the reader's language."""

from __future__ import annotations

from datetime import datetime
from html import escape
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from bot.core.audit import Entry
from bot.core.screens import Screen, fit_lines
from bot.core.sheets import Look, Sheet, Value
from bot.i18n import N_, Translator

ACTIONS = {
    "registration_approved": N_("registration approved"),
    "registration_rejected": N_("registration rejected"),
    "role_changed": N_("role changed"),
    "broadcast_confirmed": N_("announcement confirmed"),
    "broadcast_stopped": N_("announcement stopped"),
    "broadcast_moved": N_("announcement moved"),
    "broadcast_cancelled": N_("announcement cancelled"),
    "seminar_created": N_("seminar created"),
    "seminar_edited": N_("seminar edited"),
    "seminar_moved": N_("seminar moved"),
    "seminar_cancelled": N_("seminar cancelled"),
    "attendance_marked": N_("attendance marked by hand"),
    "review_decided": N_("submission reviewed"),
    "deadline_moved": N_("competition deadline moved"),
    "deadline_extended": N_("competition deadline extended"),
    "results_published": N_("competition results published"),
    "account_erased": N_("account erased"),
    "programme_closed": N_("programme closed"),
    "member_deactivated": N_("member deactivated"),
    "member_reactivated": N_("member reactivated"),
    "coorganiser_added": N_("co-organiser added"),
    "coorganiser_removed": N_("co-organiser removed"),
    "walkin_recorded": N_("walk-in recorded"),
    "handouts_sent": N_("handouts sent"),
    "seminar_file_added": N_("seminar file added"),
    "reviewer_assigned": N_("reviewer assigned"),
    "reviewer_removed": N_("reviewer removed"),
    "criteria_set": N_("review criteria set"),
    "condition_met": N_("condition met: conditional winner became a winner"),
    "condition_not_met": N_("condition not met: conditional win lapsed"),
    "certificates_sent": N_("certificates of attendance sent"),
    "reminders_set": N_("reminders set"),
    "grant_tracked": N_("grants tracked"),
    "grant_updated": N_("grant project updated"),
    "grant_closed": N_("grant project closed"),
    "poll_sent": N_("poll sent"),
    "poll_closed": N_("poll closed"),
    "poll_shared": N_("poll results shared"),
    "quote_marked": N_("quote marked for the press"),
}
KINDS = {
    "user": N_("member"),
    "broadcast": N_("announcement"),
    "seminar": N_("seminar"),
    "competition": N_("competition"),
    "submission": N_("submission"),
    "programme": N_("programme"),
    "grant_project": N_("grant project"),
    "poll": N_("poll"),
}


def action_name(tr: Translator, action: str) -> str:
    return tr._(ACTIONS[action]) if action in ACTIONS else action


def kind_name(tr: Translator, kind: str) -> str:
    return tr._(KINDS[kind]) if kind in KINDS else kind


def who(tr: Translator, entry: Entry) -> str:
    """The staff member's name, else their users id; a configured admin with no row, or a
    member erasing their own account, has none."""
    if entry.actor_name:
        return entry.actor_name
    if entry.actor_id is not None:
        return f"#{entry.actor_id}"
    if entry.action == "account_erased":
        return tr._("the member themselves")
    return tr._("administrator")


def what(tr: Translator, entry: Entry) -> str:
    """The object as "seminar #12"; an erased account whose row went has no id."""
    kind = kind_name(tr, entry.object_kind)
    return f"{kind} #{entry.object_id}" if entry.object_id is not None else kind


def listing(tr: Translator, entries: list[Entry]) -> Screen:
    _ = tr._
    lines = ["📜 <b>" + _("Staff actions") + "</b>"]
    if not entries:
        lines.append(_("Nothing on the record yet."))
    for entry in entries:
        when = tr.datetime(datetime.fromisoformat(entry.at), year=True)
        line = (
            f"{escape(when)} · <b>{escape(who(tr, entry))}</b>: "
            f"{escape(action_name(tr, entry.action))}, {escape(what(tr, entry))}"
        )
        if entry.detail:
            line += f" ({escape(entry.detail)})"
        lines.append(line)
    return Screen("\n".join(fit_lines(lines)))


BOLD = Look(font=Font(bold=True))
WHEN = Look(date_format="dd.mm.yyyy hh:mm")


def header(tr: Translator) -> list[str]:
    _ = tr._
    return [_("When"), _("Who"), _("Users id"), _("Action"), _("Object"), _("Id"), _("Detail")]


def sheet_row(tr: Translator, entry: Entry) -> tuple[Value, ...]:
    at = datetime.fromisoformat(entry.at).astimezone(tr.tz).replace(tzinfo=None)
    return (
        at, who(tr, entry), entry.actor_id, action_name(tr, entry.action),
        kind_name(tr, entry.object_kind), entry.object_id, entry.detail,
    )  # fmt: skip


def workbook(tr: Translator, entries: list[Entry]) -> bytes:
    """The whole record, oldest first, one row per action (built in a worker thread)."""
    book = Workbook(write_only=True)
    sheet = Sheet(book, tr._("Staff actions")[:31], freeze="A2")
    sheet.add(header(tr), BOLD)
    for entry in entries:
        sheet.add(sheet_row(tr, entry), WHEN)
    sheet.write()
    out = BytesIO()
    book.save(out)
    return out.getvalue()
