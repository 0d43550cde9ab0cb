"""The people directory as a spreadsheet: one row a person, in the reader's language, with
when they last wrote to the bot and whether they are still active; times in Bishkek.

Blocking and linear in the rows (`sheets.Sheet`): call `workbook` in a worker thread. Names
and other typed text are written as text, never as formulas.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Font

from bot.accounts.repo.people import PersonRow
from bot.core import labels
from bot.core.sheets import Look, Sheet
from bot.i18n import Translator

BOLD = Look(font=Font(bold=True))
DATE = "dd.mm.yyyy hh:mm"
DATED = Look(date_format=DATE)


def workbook(rows: list[PersonRow], tr: Translator) -> bytes:
    _ = tr._
    book = Workbook(write_only=True)
    sheet = Sheet(book, _("People")[:31], freeze="A2")
    sheet.add(
        [_("Name"), _("Role"), _("Position"), _("Organisation"), _("Municipality"),
         _("District"), _("Region"), _("Phone"), _("Language"), _("Telegram id"),
         _("Registered"), _("Last active"), _("Status")],
        BOLD,
    )  # fmt: skip
    for row in rows:
        sheet.add(
            [
                row.full_name,
                labels.role(tr, row.role),
                labels.position(tr, row.position, row.position_detail) if row.position else None,
                row.organisation,
                _name(row.municipality, tr.lang),
                _name(row.district, tr.lang),
                _name(row.region, tr.lang),
                row.phone,
                labels.language_name(row.lang) if row.lang else None,
                row.telegram_id,
                _local(row.registered, tr.tz),
                _local(row.last_active, tr.tz),
                labels.status(tr, row.status),
            ],
            DATED,
        )
    sheet.write()
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _name(names: dict[str, str] | None, lang: str) -> str | None:
    return None if names is None else names.get(lang) or names["en"]


def _local(stamp: str | None, tz: ZoneInfo) -> datetime | None:
    """A stored UTC time as the project's wall clock, which Excel shows as it is."""
    if not stamp:
        return None
    return datetime.fromisoformat(stamp).astimezone(tz).replace(tzinfo=None)


def caption(tr: Translator, count: int) -> str:
    return tr.ngettext(
        "People directory: {count} person", "People directory: {count} people", count
    ).format(count=count)
