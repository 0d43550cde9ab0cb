"""Every text of the competition pages, in the reader's language (see bot.console.web.words)."""

from __future__ import annotations

from bot.i18n import Translator


def listing(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Competitions"),
        "code": _("Code"),
        "competition": _("Competition"),
        "deadline": _("Deadline"),
        "state": _("Where it stands"),
        "submissions": _("Submissions"),
        "none": _("There is no competition you manage."),
    }


def submissions(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "all": _("All"),
        "receipt": _("Receipt"),
        "entrant": _("Municipality or cluster"),
        "status": _("Status"),
        "score": _("Score"),
        "updated": _("Last change"),
        "none": _("No submissions here yet."),
        "results": _("Results"),
        "download": _("Download XLSX"),
        "archive": _("Download the files (ZIP)"),
        "back": _("All competitions"),
        "page": _("Page"),
    }


def submission(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "status": _("Status"),
        "versions": _("Versions"),
        "version": _("Version {version}, sent by {name} on {date}"),
        "latest": _("the one that counts"),
        "residents": _("Residents reached"),
        "files": _("Files"),
        "no_files": _("No files in this version."),
        "not_archived": _(
            "Not copied to the server yet: the bot is still fetching it, or it"
            " failed. It can be opened in Telegram."
        ),
        "open": _("Open"),
        "review": _("Review"),
        "comment": _("Comment for the municipality (up to 1000 characters)"),
        "until": _("Revision deadline, Bishkek time (for example 20.12.2026 18:00)"),
        "ask_revision": _("Ask for a revision"),
        "score": _("Score (0 to 100)"),
        "give_score": _("Give a score"),
        "result": _("Result"),
        "award": _("Award"),
        "condition": _("Condition (conditional winners only)"),
        "condition_until": _(
            "Deadline for the condition, Bishkek time (conditional winners only, for example"
            " 01.03.2027 18:00)"
        ),
        "reason": _("Reason for the rejection: the municipality's staff will read it"),
        "grant": _("Grant in KGS (optional)"),
        "record": _("Record the result"),
        "history": _("History"),
        "saved": _("Saved."),
        "moved": _(
            "This submission had changed meanwhile: here it is as it is now. Nothing was changed."
        ),
        "back": _("Back to the submissions"),
        "panel": _("Review panel"),
        "reviewer": _("Reviewer"),
        "total": _("Total of 100"),
        "average": _("Average of 100: {average}"),
        "to_settle": _("Condition to settle"),
        "settle_until": _("Until {date}"),
        "met": _("Condition met"),
        "not_met": _("Condition not met"),
        "settle_met": _(
            "The entrant becomes a winner and every eligible member is told. This can't be undone."
        ),
        "settle_not_met": _(
            "The conditional win lapses and the entrant is told. This can't be undone."
        ),
        "final": _("This decision is final: the status can't be changed after it."),
    }


def results(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Results"),
        "recorded": _("Recorded results"),
        "none": _("No result is recorded yet. Record them on each submission's page."),
        "entrant": _("Municipality or cluster"),
        "award": _("Award"),
        "grant": _("Grant"),
        "condition": _("Condition"),
        "preview": _("Before publishing"),
        "publish": _("Publish and send"),
        "publish_early": _("Publish before the deadline"),
        "sure_early": _("The deadline has not passed: entrants may still send. Publish anyway?"),
        "published": _("Published on {date}."),
        "back": _("Back to the submissions"),
    }
