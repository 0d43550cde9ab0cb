"""Every text of the poll pages, in the reader's language. Where the chat's card says the same
thing (answered of asked, the close, the groups, the buttons), the same msgid is used, so the
two read alike and the catalogs hold one translation."""

from __future__ import annotations

from bot.i18n import Translator


def listing(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Polls"),
        "intro": _("The latest polls of your programmes, newest first."),
        "none": _("No polls yet."),
        "new": _("To ask a new poll, send /polls to the bot."),
        "poll": _("Poll"),
        "answered": _("Answered"),
        "asked": _("Asked"),
        "state": _("Where it stands"),
        "open": tr.pgettext("poll state", "open"),
        "closed": tr.pgettext("poll state", "closed"),
    }


def card(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "all": "« " + _("All polls"),
        "closed": tr.pgettext("poll state", "closed"),
        "chart": _("Chart"),
        "download": _("Download XLSX"),
        "share": _("Share the results"),
        "close": _("Close now"),
        "shared": _("The results were shared with those asked."),
        "option": _("Option"),
        "answers": _("Answers"),
        "average": _("Average"),
        "texts": _("Text answers"),
        "groups": _("By region, district, position and gender"),
        "who": _("Who answered what"),
        "name": _("Name"),
        "municipality": _("Municipality"),
        "question": _("Question"),
        "answer": _("Answer"),
        "who_more": _("The first {count} are shown; the spreadsheet has them all."),
    }


def confirm(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "back": _("Back"),
        "close_title": _("Close poll #{id} now?"),
        "close_what": _(
            "Answers will no longer be taken, and reminders not sent yet will be dropped."
            " This can't be undone."
        ),
        "close_yes": _("Close now"),
        "share_title": _("Share the results of poll #{id}?"),
        "share_once": _("They are sent once, through the bot, in each person's language."),
        "share_yes": _("Share the results"),
    }
