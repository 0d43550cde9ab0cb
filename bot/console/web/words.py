"""Every text of the console's pages, in the reader's language: the templates show these and
nothing else, so the catalogs (and their Kyrgyz and Russian) stay the one place for words."""

from __future__ import annotations

from bot.i18n import Translator


def common(tr: Translator) -> dict[str, str]:
    """The frame around every page: the title, the menu, signing out, the language."""
    _ = tr._
    return {
        "console": _("munibot console"),
        "overview": _("Overview"),
        "report": _("Report"),
        "audit": _("Staff actions"),
        "registrations": _("Registrations"),
        "people": _("People"),
        "seminars": _("Seminars"),
        "competitions": _("Competitions"),
        "broadcasts": _("Announcements"),
        "polls": _("Polls"),
        "sign_out": _("Sign out"),
        "language": _("Language"),
        "change": _("Change"),
    }


def signin(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Sign in"),
        "how": _(
            "The console is for project staff. To sign in, send /console to the bot in Telegram:"
            " it answers with a link that works once, for 10 minutes."
        ),
        "webapp": _("Or open the console from the bot's button inside Telegram."),
        "button": _("Sign in to the console"),
    }


def refused(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Not signed in"),
        "again": _("Send /console to the bot again for a new link."),
        "back": _("Back to sign-in"),
    }


def overview(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Overview"),
        "attention": _("What needs attention"),
        "registrations": _("Registrations waiting"),
        "review": _("Submissions to review"),
        "seminars": _("Seminars ahead"),
        "competitions": _("Competitions open"),
        "this_week": _("This week"),
        "nothing_this_week": _("No seminar and no deadline in the next 7 days."),
        "deadline": _("deadline"),
        "coverage": _("Coverage"),
        "region": _("Region"),
        "municipalities": tr.pgettext("coverage column", "Municipalities"),
        "registered": _("With registered staff"),
        "nobody": _("With nobody"),
        "staff": _("Approved staff"),
        "pending": _("Pending"),
        "in_total": _("In total"),
        "message": _("Message them"),
    }


def report(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Report"),
        "from": tr.pgettext("period start", "From"),
        "to": tr.pgettext("period end", "To"),
        "region": _("Region"),
        "all_regions": _("All regions"),
        "show": _("Show"),
        "download": _("Download XLSX"),
        "brief": _("Donor brief"),
        "print": _("Print this page from the browser to keep it on paper."),
        "bad_dates": _("Please give two dates, the first not after the last."),
        "charts": _("Charts"),
    }


def registrations(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Registrations waiting"),
        "name": _("Name"),
        "position": _("Position"),
        "place": _("Municipality"),
        "phone": _("Phone"),
        "decision": _("Decision"),
        "approve": _("Approve"),
        "reject": _("Reject"),
        "reason": _("Reason"),
        "no_reason": _("No reason given"),
        "more": _("The oldest are shown first; decide them to see the rest."),
        "none": _("No registration is waiting."),
    }


def people(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("People directory"),
        "members": _("Members"),
        "deactivated": _("Deactivated"),
        "staff": _("Project staff"),
        "download": _("Download XLSX"),
        "find": _("Find a member: name, municipality or phone"),
        "search": _("Find"),
        "found": _("Found"),
        "inactive_list": _("Deactivated members"),
        "name": _("Name"),
        "position": _("Position"),
        "place": _("Municipality"),
        "phone": _("Phone"),
        "is_inactive": _("deactivated"),
        "deactivate": _("Deactivate"),
        "reactivate": _("Reactivate"),
        "sure": _("They will get nothing from the bot until reactivated."),
        "keep": _("Keep them"),
        "nobody": _("Nobody found. Try part of the name, or the phone's last digits."),
        "none_inactive": _("No member is deactivated."),
        "region": _("Region"),
        "any": _("Any"),
        "status": _("Status"),
        "active": tr.pgettext("member status", "active"),
        "more": _("The first {shown} are shown; narrow the filters to see the rest."),
    }


def audit(tr: Translator) -> dict[str, str]:
    _ = tr._
    return {
        "title": _("Staff actions"),
        "when": _("When"),
        "who": _("Who"),
        "what": _("What"),
        "object": _("Object"),
        "detail": _("Detail"),
        "none": _("Nothing on the record yet."),
        "action": _("Action"),
        "any": _("Any"),
        "staff": _("Staff member"),
        "from": tr.pgettext("period start", "From"),
        "to": tr.pgettext("period end", "To"),
        "show": _("Show"),
        "newest": _("The newest {limit} are shown; narrow the filter to see older ones."),
    }


def error(tr: Translator, status: int) -> dict[str, str]:
    _ = tr._
    texts = {
        403: _("You are not allowed to see this page."),
        404: _("There is no such page."),
        400: _("The form was sent without its check, or twice. Go back and try again."),
    }
    return {"title": str(status), "text": texts.get(status, _("Something went wrong."))}
