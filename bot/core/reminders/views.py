"""How an event's reminders read to staff: a line for a summary, the wizard's question, the
card where they are changed (the refusals of a list that can't be used are in `errors`).

Seminars and competitions show the same screens; their buttons carry each feature's own
callback data, made by the `Make` each passes in.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import CallbackData
from bot.core.keyboards import button
from bot.core.reminders.settings import DEFAULTS, Event, Settings
from bot.core.screens import Screen
from bot.i18n import Translator

Make = Callable[[str], CallbackData]
"""A button's payload for an action: "default", "off", "on", "times", "text_ky", "text_ru",
"no_text", "open"."""
Quiet = tuple[int, int] | None


def times(tr: Translator, settings: Settings) -> str:
    """Like «7 days, 3 days, 1 day, 3 hours», in the reader's language."""
    found = []
    for o in settings.offsets:
        if o.unit == "d":
            found.append(tr.ngettext("{count} day", "{count} days", o.amount))
        else:
            found.append(tr.ngettext("{count} hour", "{count} hours", o.amount))
        found[-1] = found[-1].format(count=o.amount)
    return ", ".join(found)


def summary(tr: Translator, settings: Settings, event: Event) -> str:
    """One line: when they go, or that they are off, and whether staff wrote their own text."""
    if not settings.enabled or not settings.offsets:
        return tr._("no reminders")
    if event == "seminar":
        parts = [tr._("{times} before the start").format(times=times(tr, settings))]
    else:
        parts = [tr._("{times} before the deadline").format(times=times(tr, settings))]
    if settings.hour is not None and settings.has_days:
        parts.append(tr._("reminders in days go at {time}").format(time=_clock(settings.hour)))
    if settings.own_text:
        parts.append(tr._("own text"))
    return "; ".join(parts)


def _clock(hour: int, minute: int = 0) -> str:
    return f"{hour:02d}:{minute:02d}"


def quiet_note(tr: Translator, quiet: Quiet) -> str | None:
    if quiet is None:
        return None
    start, end = (_clock(*divmod(m, 60)) for m in quiet)
    return tr._("Quiet hours {start}–{end}: a reminder due then goes at {end}.").format(
        start=start, end=end
    )


def how_to_write(tr: Translator, event: Event) -> str:
    if event == "seminar":
        head = tr._(
            "Write how long before the start each reminder goes, in days (d) and hours (h), "
            "for example «3d 1d 2h»."
        )
    else:
        head = tr._(
            "Write how long before the deadline each reminder goes, in days (d) and hours (h), "
            "for example «7d 3d 1d 3h»."
        )
    return head + " " + tr._("To send the day ones at a set hour, add it: «3d 1d 2h 10:00».")


def _who(tr: Translator, event: Event) -> str:
    if event == "seminar":
        return tr._("Reminders go to those who will attend.")
    return tr._("Reminders go to entrants that have not sent their submission yet.")


def wizard_step(
    tr: Translator,
    settings: Settings,
    event: Event,
    quiet: Quiet,
    make: Make,
    extra: list[list[InlineKeyboardButton]],
) -> Screen:
    """The wizard's question: the defaults in one tap, none, or a typed list. `extra` holds the
    wizard's own buttons (keep, cancel)."""
    default = summary(tr, DEFAULTS[event], event)
    lines = [
        "⏰ " + _who(tr, event),
        tr._("Now: {value}").format(value=summary(tr, settings, event)),
        tr._("Default: {value}").format(value=default),
        "",
        how_to_write(tr, event),
    ]
    note = quiet_note(tr, quiet)
    if note:
        lines += ["", "<i>" + note + "</i>"]
    keyboard = [
        [button("✅ " + tr._("Default reminders"), make("default"))],
        [button("🔕 " + tr._("No reminders"), make("off"))],
        *extra,
    ]
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def card(
    tr: Translator, title: str, settings: Settings, event: Event, quiet: Quiet, make: Make
) -> Screen:
    """The event's reminders, and a button for each change; each change is saved at once."""
    lines = ["<b>⏰ " + tr._("Reminders") + "</b>", escape(title), "", summary(tr, settings, event)]
    if settings.enabled:
        lines.append(_who(tr, event))
    for lang, text in (("ky", settings.text_ky), ("ru", settings.text_ru)):
        if text:
            label = tr._("Own text in Kyrgyz") if lang == "ky" else tr._("Own text in Russian")
            lines += ["", f"<b>{label}:</b>", escape(text)]
    note = quiet_note(tr, quiet)
    if note:
        lines += ["", "<i>" + note + "</i>"]
    keyboard = [[button("⏰ " + tr._("Change times"), make("times"))]]
    if settings.offsets != DEFAULTS[event].offsets or settings.hour is not None:
        keyboard.append([button("✅ " + tr._("Default reminders"), make("default"))])
    if settings.enabled:
        keyboard.append([button("🔕 " + tr._("Turn reminders off"), make("off"))])
    else:
        keyboard.append([button("🔔 " + tr._("Turn reminders on"), make("on"))])
    keyboard.append([button("✍️ " + tr._("Own text in Kyrgyz"), make("text_ky")),
                     button("✍️ " + tr._("Own text in Russian"), make("text_ru"))])  # fmt: skip
    if settings.own_text:
        keyboard.append([button("🗑 " + tr._("Standard text"), make("no_text"))])
    keyboard.append([button("« " + tr._("Back"), make("back"))])
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def ask_times(tr: Translator, event: Event, make: Make) -> Screen:
    back = InlineKeyboardMarkup([[button(tr._("Cancel"), make("open"))]])
    return Screen(how_to_write(tr, event), back)


def ask_text(tr: Translator, lang: str, event: Event, make: Make) -> Screen:
    if lang == "ky":
        head = tr._("Write the reminder's text in Kyrgyz.")
    else:
        head = tr._("Write the reminder's text in Russian.")
    if event == "seminar":
        tail = tr._("It replaces the standard text; the title, time and place follow it.")
    else:
        tail = tr._("It replaces the standard text; the deadline follows it.")
    back = InlineKeyboardMarkup([[button(tr._("Cancel"), make("open"))]])
    return Screen(head + "\n" + tail, back)
