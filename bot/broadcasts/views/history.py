"""/broadcasts and /mute: past broadcasts with a CSV of every recipient, announcements on or off."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from telegram import InlineKeyboardMarkup

from bot.broadcasts.callbacks import BroadcastCb
from bot.broadcasts.repo import Broadcast, Delivery
from bot.broadcasts.service.history import Health, reason
from bot.broadcasts.views.progress import progress
from bot.core import labels
from bot.core.keyboards import button
from bot.core.programmes import views as programmes
from bot.core.programmes.repo import Programme
from bot.core.screens import Screen
from bot.i18n import N_, Translator

REASONS = {
    "blocked_earlier": N_("had blocked the bot before this announcement"),
    "blocked": N_("blocked the bot"),
    "deactivated": N_("the Telegram account was deleted"),
    "unreached": N_("has not started the bot yet"),
    "stopped": N_("the announcement was stopped by staff"),
    "expired": N_("not sent in time, so it was dropped"),
    "no_longer_applies": N_("no longer needed, so it was dropped"),
    "broadcast_gone": N_("the announcement was deleted"),
    "muted": N_("the member turned announcements off"),
    "programme_muted": N_("the member turned off this programme's announcements"),
    "programme_closed": N_("the programme was closed"),
    "erased": N_("the member deleted their personal data"),
    "internal": N_("an error on our side"),
    "retry": N_("Telegram did not take it yet; it will be tried again"),
    "refused": N_("Telegram refused the message"),
}
"""The CSV's reasons, by the code the service gives (bot.broadcasts.service.history.reason)."""


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
    """One line per recipient, headed and worded in the reader's language; why a message did
    not go is said in words, with Telegram's own answer, untranslated, in the next column."""
    _ = tr._
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("Telegram ID"), _("Name"), _("Position"), _("Status"), _("Attempts"), _("Error"),
         _("Telegram's answer"), _("Sent at (Bishkek time)"), _("May have received it twice")]
    )  # fmt: skip
    for r in rows:
        twice = _("yes") if r["maybe_twice"] else ""
        sent = tr.datetime(datetime.fromisoformat(r["sent_at"])) if r["sent_at"] else ""
        position = labels.position(tr, r["position"]) if r["position"] else ""
        why = reason(r["status"], r["last_error"])
        writer.writerow(
            [r["chat_id"], _cell(r["full_name"] or ""), position, labels.delivery(tr, r["status"]),
             r["attempts"], _(REASONS[why.code]) if why.code else "", _cell(why.telegram), sent,
             twice]
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
