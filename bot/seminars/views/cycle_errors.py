"""What staff read when a seminar's file, walk-in or co-organiser can't be taken."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.core.refusals import Wording
from bot.i18n import N_, Translator


def _file_type(tr: Translator, info: Mapping[str, Any]) -> str:
    """Says which files will do, for what was being uploaded; nothing was kept."""
    _ = tr._
    wanted = {
        "agenda": _("The agenda must be a PDF or Word file."),
        "handout": _("Handouts can be PDF, Word, Excel or PowerPoint files, or photos."),
        "photo": _("Please send photos here, as photos or JPEG/PNG files."),
        "signed_list": _("Please send the signed list as a photo or a PDF file."),
    }
    head = wanted.get(str(info.get("purpose")), _("This kind of file can't be kept here."))
    return head + " " + _("This file was not kept.")


def _not_started(tr: Translator, info: Mapping[str, Any]) -> str:
    starts: datetime = info["starts"]
    return tr._(
        "Handouts, photos and the signed list can be added once the seminar has started ({time})."
    ).format(time=tr.datetime(starts))


CYCLE_WORDINGS: dict[str, Wording] = {
    "seminar_file_type": _file_type,
    "seminar_not_started": _not_started,
    "handouts_none": N_("There are no new handouts to send. Send the files first."),
    "handouts_no_attendees": N_(
        "Nobody is marked as attended yet. Mark attendance first, then send the handouts."
    ),
    "walkin_not_found": N_(
        "This member can't be recorded here: they are already on the list or outside your regions."
    ),
    "coorganiser_not_staff": N_(
        "Only coordinators of this seminar's programme can be its co-organisers."
    ),
}
