"""What a person reads when a competition answer or button can't be used."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.competitions.views import text
from bot.core.refusals import Wording
from bot.i18n import N_, Translator


def _too_many(tr: Translator, info: Mapping[str, Any]) -> str:
    limit = int(info["limit"])
    return tr.ngettext(
        "At most {limit} file can be attached. Remove some before adding more.",
        "At most {limit} files can be attached. Remove some before adding more.",
        limit,
    ).format(limit=limit)


def _album_too_many(tr: Translator, info: Mapping[str, Any]) -> str:
    limit = int(info["limit"])
    return tr.ngettext(
        "None of this album was attached: with it there would be more than {limit} file. "
        "Send fewer files at once, or remove some first.",
        "None of this album was attached: with it there would be more than {limit} files. "
        "Send fewer files at once, or remove some first.",
        limit,
    ).format(limit=limit)


def _residents(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._("That is more than {limit} residents. Please check the number.").format(
        limit=tr.number(int(info["limit"]))
    )


def _not_open(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._("This competition opens on {date}.").format(date=tr.datetime(info["opens"]))


def _final(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._(
        "A final decision has been made on this submission ({status}); it can't be changed."
    ).format(status=text.status(tr, str(info["status"])))


def _closed(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._(
        "Submissions closed on {date}. If you need more time, please ask the coordinator."
    ).format(date=tr.datetime(info["since"]))


def _review_moved(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._("This submission's status has changed meanwhile: it is now {status}.").format(
        status=text.status(tr, str(info["status"]))
    )


def _cluster_too_small(tr: Translator, info: Mapping[str, Any]) -> str:
    minimum = int(info.get("minimum", 2))
    return tr.ngettext(
        "Please choose at least {count} municipality.",
        "Please choose at least {count} municipalities.",
        minimum,
    ).format(count=minimum)


def _no_competition(tr: Translator, info: Mapping[str, Any]) -> str:
    """A number typed after a command that names no competition, as it was typed."""
    return tr._("There is no competition number {id}.").format(id=info["id"])


def _criterion_line(tr: Translator, info: Mapping[str, Any]) -> str:
    """Which line, and the shape every line must have."""
    return tr._(
        "I couldn't read line {line}. Each line is: name; weight; highest score, for example "
        "«Relevance; 3; 10» (weight and highest score are whole numbers from 1 to 100). "
        "Nothing was saved; please send all the criteria again."
    ).format(line=info["line"])


def _criterion_score(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._(
        "The score is a whole number from 0 to {max}, then a comment if you want one."
    ).format(max=info["max"])


def _criteria_too_many(tr: Translator, info: Mapping[str, Any]) -> str:
    limit = int(info["limit"])
    return tr.ngettext(
        "At most {limit} criterion, please.", "At most {limit} criteria, please.", limit
    ).format(limit=limit)


def _condition_late(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._(
        "The condition's deadline passed on {date}: it can no longer be marked as met."
    ).format(date=tr.datetime(info["date"]))


PANEL_WORDINGS: dict[str, Wording] = {
    "reason_required": N_("A rejection needs its reason: the entrant's staff will read it."),
    "criteria_empty": N_("Please send at least one criterion."),
    "criteria_too_many": _criteria_too_many,
    "criterion_line": _criterion_line,
    "criterion_score": _criterion_score,
    "criteria_scored": N_(
        "Reviewers have already scored against these criteria, so they can't be changed."
    ),
    "no_criteria": N_(
        "The organisers have not set the criteria yet, so there is nothing to score."
    ),
    "not_a_reviewer": N_("This staff member is not on the panel (any more)."),
    "no_panel": N_("This competition has no review panel."),
    "not_assigned": N_("This submission is not assigned to you for review."),
    "results_not_published": N_("This can be done only after the results are published."),
    "not_conditional": N_("This entrant has no conditional win."),
    "condition_settled": N_("This condition has already been settled; it can't be changed."),
    "condition_deadline_passed": _condition_late,
}

WORDINGS: dict[str, Wording] = {
    "bad_code": N_("The code is 2 to 6 Latin capital letters, for example IC or SIAP."),
    "deadline_before_opening": N_("The deadline must be after the opening time."),
    "max_files_range": N_("Please send a number of files from 0 to 30."),
    "clusters_only": N_("A competition between clusters is open to clusters only."),
    "no_entrants": N_("No municipality or cluster matches this choice. Please choose another."),
    "no_clusters": N_("There are no clusters yet. Create one with /newcluster first."),
    "competition_cancelled": N_("This competition has been cancelled."),
    "extension_too_early": N_(
        "An extension must end after the competition's deadline and in the future."
    ),
    "file_type": N_(
        "I can't accept this kind of file. Please send photos, videos, or documents "
        "(PDF, Word, Excel, PowerPoint)."
    ),
    "description_empty": N_(
        "The description can't be empty. Please describe what your municipality did."
    ),
    "residents_missing": N_("Please give the number of residents reached."),
    "not_your_entrant": N_("You can only see and send submissions for your own municipality."),
    "competition_staff": N_("This is for the competition's organisers only."),
    "revision_deadline_past": N_("The revision deadline must be in the future."),
    "score_range": N_("A score is a whole number from 0 to 100."),
    "no_results": N_("Record at least one result before publishing."),
    "results_published": N_("The results have already been published."),
    "no_submission": N_("Nothing has been sent yet."),
    "files_expected": N_(
        "Please send photos, documents or videos here, or press «Done with files»."
    ),
    "files_later": N_("Please answer the question above first; files come after it."),
    "files_at_review": N_("To add or remove files, press «Change files»."),
    "grant_too_big": N_("That amount is too large. Please check the number."),
    "too_many_files": _too_many,
    "album_too_many": _album_too_many,
    "residents_too_many": _residents,
    "not_open_yet": _not_open,
    "final_decision": _final,
    "closed": _closed,
    "review_moved": _review_moved,
    "cluster_too_small": _cluster_too_small,
    "no_such_competition": _no_competition,
    **PANEL_WORDINGS,
}
