"""Words for the codes an export shows: entrant and file kinds, archive states, log actions and
results. A code nobody has named yet is shown as it is rather than hidden."""

from __future__ import annotations

import json
from datetime import datetime

from bot.competitions.repo.submissions import Result
from bot.competitions.views import text
from bot.i18n import N_, Translator

ENTRANT_KINDS = {"municipality": N_("municipality"), "cluster": N_("cluster")}
FILE_KINDS = {"photo": N_("photo"), "document": N_("document"), "video": N_("video")}
ARCHIVE = {
    "archived": N_("in the archive"),
    "too_big": N_("too big for a bot to download (over 20 MB)"),
    "failed": N_("the download failed"),
    "pending": N_("not downloaded yet"),
    "missing": N_("not found in the media folder"),
}
ACTIONS = {
    "submitted": N_("sent"),
    "resubmitted": N_("sent again (a new version)"),
    "deadline_moved": N_("deadline moved"),
    "extension": N_("more time given"),
    "status": N_("status changed"),
    "revision_deadline": N_("revision deadline set"),
    "score": N_("score given"),
    "result": N_("result recorded"),
    "results_published": N_("results published"),
    "panel_score": N_("panel score given"),
    "condition": N_("condition settled"),
    "reviewer_added": N_("reviewer put on the panel"),
    "reviewer_removed": N_("reviewer taken off the panel"),
    "criteria_set": N_("review criteria set"),
}
_TIMED = ("deadline_moved", "extension", "revision_deadline")
"""Actions whose log comment is the new time."""


def _label(tr: Translator, names: dict[str, str], code: str | None) -> str:
    if not code:
        return ""
    return tr._(names[code]) if code in names else code.replace("_", " ")


def entrant_kind(tr: Translator, code: str) -> str:
    return _label(tr, ENTRANT_KINDS, code)


def file_kind(tr: Translator, code: str) -> str:
    return _label(tr, FILE_KINDS, code)


def archive(tr: Translator, code: str) -> str:
    return _label(tr, ARCHIVE, code)


def action(tr: Translator, code: str) -> str:
    return _label(tr, ACTIONS, code)


def log_state(tr: Translator, action_code: str, code: str | None) -> str:
    """A log entry's from/to: a status, or for a result the award given."""
    if not code:
        return ""
    if action_code == "panel_score":
        return tr._("criterion {n}").format(n=code)
    if action_code == "condition":
        return tr._("met") if code == "met" else tr._("not met")
    if action_code != "result":
        return text.status(tr, code)
    if code.startswith("place") and code[5:].isdigit():
        return tr._("Place {place}").format(place=int(code[5:]))
    awards = {"incentive": tr._("Incentive prize"), "conditional": tr._("Conditional win"),
              "none": tr._("no result")}  # fmt: skip
    return awards.get(code, code)


def log_comment(tr: Translator, action_code: str, comment: str | None) -> str:
    """Times as Bishkek dates; a result's note (JSON with grant and condition) as words."""
    if not comment:
        return ""
    try:
        if action_code in _TIMED:
            return tr.datetime(datetime.fromisoformat(comment))
        if action_code == "result":
            note = json.loads(comment)
            grant, condition = note.get("grant_kgs"), note.get("condition")
            return "; ".join(
                [*([text.kgs(tr, grant)] if grant else []), *filter(None, [condition])]
            )
    except (ValueError, AttributeError):
        pass
    return comment


def result(tr: Translator, found: Result) -> str:
    if found.award == "place":
        return tr._("Place {place}").format(place=found.place)
    if found.award == "incentive":
        return tr._("Incentive prize")
    if found.condition:
        return tr._("Conditional win: {condition}").format(condition=found.condition)
    return tr._("Conditional win")
