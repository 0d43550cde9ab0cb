"""/broadcasts and /mute: past broadcasts with a CSV of every recipient, a scheduled one cancelled
or moved, announcements on or off."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from telegram import InlineKeyboardMarkup

from bot.broadcasts.callbacks import BroadcastCb
from bot.broadcasts.repo import Broadcast, Delivery
from bot.broadcasts.service.audience import Named
from bot.broadcasts.service.history import Health, reason
from bot.broadcasts.views.audience import reach_named
from bot.broadcasts.views.progress import progress
from bot.core import labels, timeviews
from bot.core.keyboards import button
from bot.core.programmes import views as programmes
from bot.core.programmes.repo import Programme
from bot.core.quicktimes import Pick, TimeCb
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
    names: Named | None = None,
    waiting: bool = False,
) -> Screen:
    """One broadcast and whom it reaches; headed by its programme when the reader sees several.
    One that is `waiting` (scheduled, not started) can be moved or cancelled."""
    when = tr.datetime(datetime.fromisoformat(b.send_at))
    lines = [progress(tr, b, counts, now).text]
    if names is not None:
        lines.append(reach_named(tr, names, b.total))
    lines.append(when)
    text = programmes.labelled(tr, programme, "\n".join(lines))
    keyboard = []
    if waiting:
        keyboard.append(
            [button(tr._("Move"), BroadcastCb(broadcast_id=b.id, action="move")),
             button(tr._("Cancel"), BroadcastCb(broadcast_id=b.id, action="cancel"))]
        )  # fmt: skip
    keyboard.append(
        [button(tr._("Recipients (CSV)"), BroadcastCb(broadcast_id=b.id, action="csv"))]
    )
    return Screen(text, InlineKeyboardMarkup(keyboard))


def cancel_confirm(tr: Translator, b: Broadcast, names: Named) -> Screen:
    """The consequence, with the numbers, before a scheduled broadcast is called off."""
    _ = tr._
    when = tr.datetime(datetime.fromisoformat(b.send_at))
    lines = [
        "<b>" + _("Cancel broadcast #{id}?").format(id=b.id) + "</b>",
        reach_named(tr, names, b.total),
        _("Scheduled for {when} (Bishkek time).").format(when=when),
        _("Nobody will get it, and this can't be undone."),
    ]
    keyboard = [
        [button(_("Yes, cancel it"), BroadcastCb(broadcast_id=b.id, action="cancel_yes"))],
        [button(_("Keep it"), BroadcastCb(broadcast_id=b.id, action="keep"))],
    ]
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def _time_button(broadcast_id: int) -> timeviews.Make:
    def make(action: str, minute: int) -> TimeCb:
        return TimeCb(flow="broadcast_move", step=str(broadcast_id),
                      action="at" if action == "at" else "type", minute=minute)  # fmt: skip

    return make


def _move_question(tr: Translator, b: Broadcast) -> str:
    when = tr.datetime(datetime.fromisoformat(b.send_at))
    return "\n".join(
        [
            "<b>" + tr._("Move broadcast #{id}").format(id=b.id) + "</b>",
            tr._("Now: {value}").format(value=when),
            tr._("When should it go out?"),
        ]
    )


def move_question(
    tr: Translator, b: Broadcast, picks: list[Pick], note: str | None = None
) -> Screen:
    """The new time: the quick picks, [Another time], and a way to keep the time as it is;
    `note` (a refused time, with an example) stands in place of the question."""
    text = note or timeviews.question(tr, _move_question(tr, b), picks)
    rows = timeviews.pick_rows(tr, picks, _time_button(b.id))
    keep = [button(tr._("Keep the time"), BroadcastCb(broadcast_id=b.id, action="keep"))]
    return Screen(text, InlineKeyboardMarkup([*rows, keep]))


def move_typing(tr: Translator, b: Broadcast) -> Screen:
    """After [Another time]: how to write it."""
    keep = [button(tr._("Keep the time"), BroadcastCb(broadcast_id=b.id, action="keep"))]
    return Screen(timeviews.typing(tr, _move_question(tr, b)), InlineKeyboardMarkup([keep]))


def move_read_back(tr: Translator, broadcast_id: int, pick: Pick) -> Screen:
    return timeviews.read_back(tr, pick, _time_button(broadcast_id))


def started(tr: Translator) -> str:
    """A cancel or move that came too late: the broadcast is going out."""
    return tr._("This broadcast has already started. You can still stop what has not gone out.")


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
