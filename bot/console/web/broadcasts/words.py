"""Every text of the broadcast pages, in the reader's language (see bot.console.web.words).
Where the chat already words a thing (the preview, cancelling, the recipients' reasons), the
same msgid is used, so the browser and the chat say it alike."""

from __future__ import annotations

from bot.core import labels
from bot.core.audience.views import kind_label
from bot.i18n import Translator


def history(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Announcements"),
        "new": _("New announcement"),
        "number": tr.pgettext("number sign", "#"),
        "when": _("When"),
        "programme": _("Programme"),
        "audience": _("Who receives it"),
        "text": tr.pgettext("announcement", "Text"),
        "sent": tr.pgettext("delivery figures", "Delivered"),
        "waiting": tr.pgettext("delivery figures", "Waiting"),
        "failed": tr.pgettext("delivery figures", "Failed"),
        "blocked": tr.pgettext("delivery figures", "Blocked the bot"),
        "cancel": _("Cancel") + "…",
        "none": _("No announcements yet."),
        "shown": _("The newest 50 are shown."),
        "done_now": _("The announcement is being sent."),
        "done_later": _("The announcement is scheduled."),
        "cancelled": _("The announcement was cancelled: nobody will get it."),
    }


def state(tr: Translator, code: str) -> str:
    """Where a broadcast stands, as the history's status column names it."""
    _ = tr._
    return {
        "scheduled": tr.pgettext("announcement status", "Scheduled"),
        "sending": tr.pgettext("announcement status", "Being sent"),
        "finished": tr.pgettext("announcement status", "Finished"),
        "stopped": tr.pgettext("announcement status", "Stopped"),
    }[code]


def one(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Announcement #{id}"),
        "back": _("All announcements"),
        "ky": _("In Kyrgyz"),
        "ru": _("In Russian"),
        "unwritten": _("Not written: these readers get the other language with a note."),
        "figures": _("Delivery"),
        "twice": _("May have received it twice"),
        "unreached": labels.delivery(tr, "unreached"),
        "not_sent": labels.delivery(tr, "cancelled"),
        "recipients": _("Recipients"),
        "name": _("Name"),
        "place": _("Municipality"),
        "position": _("Position"),
        "delivery": tr.pgettext("one recipient", "Delivery"),
        "reason": _("Why"),
        "telegram": _("Telegram's answer"),
        "sent_at": _("Sent at (Bishkek time)"),
        "csv": _("Recipients (CSV)"),
        "all": _("All"),
        "more": _("Only the first 500 are listed here; the CSV has everyone."),
        "nobody": _("Nobody in this list."),
    }


def compose(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("New announcement"),
        "programme": _("Programme"),
        "programme_first": _(
            "You work in several programmes: choose the one this announcement is for. Its"
            " members are the ones you can choose from, and its name goes on the message."
        ),
        "who": _("Who should receive it?"),
        "choose": _("Choose one or more."),
        "positions": _("Only members in these positions:"),
        "any_position": _("Leave all unticked for every position."),
        "nothing_here": _("No registered member here yet."),
        "text_ky": _("Text in Kyrgyz"),
        "text_ru": _("Text in Russian"),
        "one_language": _(
            "You may leave one language empty: its readers then get the other one, with a note"
            " saying it was written in one language only."
        ),
        "when": _("When should it go out?"),
        "now": _("Now"),
        "at": _("At this time (Bishkek):"),
        "date": tr.pgettext("form field", "Date"),
        "time": tr.pgettext("form field", "Time"),
        "preview": _("Preview"),
        "change": _("Change"),
        "send_now": "✅ " + _("Confirm and send"),
        "schedule": "✅ " + _("Confirm and schedule"),
        "for_ky": _("Kyrgyz readers get:"),
        "for_ru": _("Russian readers get:"),
        "for_all": _("Every reader gets:"),
        "unreadable": _("I couldn't read this time."),
        "forged": _("This audience is not one you can send to. Choose it again in the form."),
        "back": _("All announcements"),
    }


def kinds(tr: Translator, offered: list[str]) -> list[tuple[str, str]]:
    return [(kind, kind_label(tr, kind)) for kind in offered]


def cancel(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Cancel broadcast #{id}?"),
        "scheduled": _("Scheduled for {when} (Bishkek time)."),
        "undone": _("Nobody will get it, and this can't be undone."),
        "yes": _("Yes, cancel it"),
        "keep": _("Keep it"),
        "started": _(
            "This broadcast has already started. You can still stop what has not gone out."
        ),
    }
