"""What a person reads when a competition answer or button can't be used."""

from __future__ import annotations

from collections.abc import Callable

from bot.competitions.views import text
from bot.core.errors import Refusal
from bot.i18n import Translator


def competition_error(tr: Translator, error: Refusal) -> str | None:
    """The message for a competition code, or None when the code is not one of ours."""
    if error.code in _WITH_INFO:
        return _WITH_INFO[error.code](tr, error.info)
    _ = tr._
    messages = {
        "bad_code": _("The code is 2 to 6 Latin capital letters, for example IC or SIAP."),
        "deadline_before_opening": _("The deadline must be after the opening time."),
        "max_files_range": _("Please send a number of files from 0 to 30."),
        "clusters_only": _("A competition between clusters is open to clusters only."),
        "no_entrants": _("No municipality or cluster matches this choice. Please choose another."),
        "no_clusters": _("There are no clusters yet. Create one with /newcluster first."),
        "competition_cancelled": _("This competition has been cancelled."),
        "extension_too_early": _(
            "An extension must end after the competition's deadline and in the future."
        ),
        "file_type": _(
            "I can't accept this kind of file. Please send photos, videos, or documents "
            "(PDF, Word, Excel, PowerPoint)."
        ),
        "description_empty": _(
            "The description can't be empty. Please describe what your municipality did."
        ),
        "residents_missing": _("Please give the number of residents reached."),
        "not_your_entrant": _("You can only see and send submissions for your own municipality."),
        "competition_staff": _("This is for the competition's organisers only."),
        "revision_deadline_past": _("The revision deadline must be in the future."),
        "score_range": _("A score is a whole number from 0 to 100."),
        "no_results": _("Record at least one result before publishing."),
        "results_published": _("The results have already been published."),
        "no_submission": _("Nothing has been sent yet."),
        "other_flow_open": _(
            "You have another form open. Finish it, or send /cancel to drop it, then try again."
        ),
        "files_expected": _(
            "Please send photos, documents or videos here, or press «Done with files»."
        ),
        "files_later": _("Please answer the question above first; files come after it."),
        "files_at_review": _("To add or remove files, press «Change files»."),
        "grant_too_big": _("That amount is too large. Please check the number."),
    }
    return messages.get(error.code)


def _too_many(tr: Translator, info: dict) -> str:
    limit = int(info["limit"])
    return tr.ngettext(
        "At most {limit} file can be attached. Remove some before adding more.",
        "At most {limit} files can be attached. Remove some before adding more.",
        limit,
    ).format(limit=limit)


def _residents(tr: Translator, info: dict) -> str:
    return tr._("That is more than {limit} residents. Please check the number.").format(
        limit=tr.number(int(info["limit"]))
    )


def _not_open(tr: Translator, info: dict) -> str:
    return tr._("This competition opens on {date}.").format(date=tr.datetime(info["opens"]))


def _final(tr: Translator, info: dict) -> str:
    return tr._(
        "A final decision has been made on this submission ({status}); it can't be changed."
    ).format(status=text.status(tr, str(info["status"])))


def _closed(tr: Translator, info: dict) -> str:
    return tr._(
        "Submissions closed on {date}. If you need more time, please ask the coordinator."
    ).format(date=tr.datetime(info["since"]))


_WITH_INFO: dict[str, Callable[[Translator, dict], str]] = {
    "too_many_files": _too_many,
    "residents_too_many": _residents,
    "not_open_yet": _not_open,
    "final_decision": _final,
    "closed": _closed,
    "review_moved": lambda tr, info: tr._(
        "This submission's status has changed meanwhile: it is now {status}."
    ).format(status=text.status(tr, str(info["status"]))),
}
