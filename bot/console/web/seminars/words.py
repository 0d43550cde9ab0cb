"""Every text of the seminar pages, in the reader's language. Where the chat already says the
same thing (the card's counts, the check-in lines, the feedback), the same msgid is used, so
the two read alike and the catalogs hold one translation."""

from __future__ import annotations

from bot.i18n import Translator


def listing(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Seminars"),
        "upcoming": _("Upcoming seminars"),
        "past": _("Past seminars"),
        "none": _("There are no seminars yet. Send /newseminar to create one."),
        "date": _("Date"),
        "seminar": _("Seminar"),
        "invited": tr.pgettext("count header", "Invited"),
        "going": tr.pgettext("count header", "Going"),
        "declined": tr.pgettext("count header", "Can't attend"),
        "waitlist": tr.pgettext("count header", "Waitlist"),
        "no_answer": tr.pgettext("count header", "No answer"),
        "attended": tr.pgettext("count header", "Attended"),
        "cancelled": _("cancelled"),
    }


def card(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        **listing(tr),
        "all": "« " + _("All seminars"),
        "programme": _("Programme"),
        "description": _("Description"),
        "map": _("map"),
        "qr": _("Check-in QR"),
        "report": _("Report"),
        "download": _("Download XLSX"),
        "attendance": _("Attendance"),
        "name": _("Name"),
        "position": _("Position"),
        "municipality": _("Municipality"),
        "answer": _("Answer"),
        "came": tr.pgettext("yes/no column", "Attended"),
        "mark": _("Mark as attended"),
        "unmark": _("Take the mark back"),
        "nobody": _("Nobody has answered yes yet."),
        "waitlist_title": _("Waitlist"),
        "waitlist_none": _("Nobody is on the waitlist."),
        "others": _("Not coming or no answer"),
        "feedback": _("Feedback"),
        "no_ratings": _("No ratings yet."),
        "comments": _("Comments"),
        "quotes": _("Comments that may be quoted"),
        "quote_mark": _("Mark for the press release"),
        "quote_unmark": _("Take the press mark back"),
        "quote_marked": _("Marked for the press release"),
    }


def qr(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Check-in QR"),
        "back": "« " + _("Back"),
        "print": _("Print this page and put it up at the entrance."),
        "no_qr": _("The QR code can't be made right now; the code above still works."),
        "cancelled": _("This seminar has been cancelled."),
    }


def report(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Seminar report"),
        "back": "« " + _("Back"),
        "download": _("Download XLSX"),
        "print": _("Print this page from the browser to keep it on paper."),
        "charts": _("Charts"),
    }
