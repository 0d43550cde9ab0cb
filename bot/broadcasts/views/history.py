"""/broadcasts and /mute: past broadcasts with a CSV of every recipient, announcements on or off."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from telegram import InlineKeyboardMarkup

from bot.broadcasts.callbacks import BroadcastCb
from bot.broadcasts.repo import Broadcast, Delivery
from bot.broadcasts.service.history import Health
from bot.broadcasts.views.progress import progress
from bot.core import labels
from bot.core.keyboards import button
from bot.core.programmes import views as programmes
from bot.core.programmes.repo import Programme
from bot.core.screens import Screen
from bot.i18n import Translator


def nothing_yet(tr: Translator) -> str:
    return tr._("No broadcasts yet. Start one with /broadcast.")


def health(tr: Translator, h: Health) -> str | None:
    """An outage under way, or the last one, above the history; None when there is neither."""
    if h.outage_since is not None:
        return "⚠️ " + tr.ngettext(
            "Telegram has not answered since {when} (Bishkek time). {count} message is "
            "waiting; it goes out when Telegram answers again.",
            "Telegram has not answered since {when} (Bishkek time). {count} messages are "
            "waiting; they go out when Telegram answers again.",
            h.waiting,
        ).format(when=tr.datetime(h.outage_since), count=h.waiting)
    if h.last_outage is not None:
        start, end = h.last_outage
        return tr._(
            "Last interruption: Telegram did not answer from {start} to {end} (Bishkek time). "
            "What fell due meanwhile was sent afterwards."
        ).format(start=tr.datetime(start), end=tr.datetime(end))
    return None


def item(
    tr: Translator,
    b: Broadcast,
    counts: dict[str, int],
    now: datetime,
    programme: Programme | None = None,
) -> Screen:
    """One past broadcast; headed by its programme when the reader sees several."""
    when = tr.datetime(datetime.fromisoformat(b.send_at))
    text = programmes.labelled(tr, programme, progress(tr, b, counts, now).text + "\n" + when)
    csv_button = button(tr._("Recipients (CSV)"), BroadcastCb(broadcast_id=b.id, action="csv"))
    return Screen(text, InlineKeyboardMarkup([[csv_button]]))


def deliveries_csv(tr: Translator, rows: list[Delivery]) -> bytes:
    """One line per recipient, headed and worded in the reader's language."""
    _ = tr._
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("Telegram ID"), _("Name"), _("Position"), _("Status"), _("Attempts"), _("Error"),
         _("Sent at (Bishkek time)"), _("May have received it twice")]
    )  # fmt: skip
    for r in rows:
        twice = _("yes") if r["maybe_twice"] else ""
        sent = tr.datetime(datetime.fromisoformat(r["sent_at"])) if r["sent_at"] else ""
        position = labels.position(tr, r["position"]) if r["position"] else ""
        writer.writerow(
            [r["chat_id"], _cell(r["full_name"] or ""), position, labels.delivery(tr, r["status"]),
             r["attempts"], _cell(r["last_error"] or ""), sent, twice]
        )  # fmt: skip
    return out.getvalue().encode("utf-8-sig")


def _cell(text: str) -> str:
    """A name typed as =SUM(...) stays text when the sheet is opened in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def muted(tr: Translator, known: bool, on: bool) -> str:
    if not known:
        return tr._("You are not registered yet. Send /start to register.")
    if on:
        return tr._(
            "Announcements are off. Messages about your own seminars, submissions and account "
            "still arrive. Send /unmute to turn them on."
        )
    return tr._("Announcements are on again.")
