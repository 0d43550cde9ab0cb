"""The donor report in the chat: the headline a press release quotes, then people, competitions
and registrations; the charts follow as an album and every row is in the spreadsheet."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape, unescape

from telegram import InlineKeyboardMarkup

from bot.competitions.views import text as competition_text
from bot.competitions.views.results import award_name
from bot.core import labels
from bot.core.keyboards import button, rows
from bot.core.programmes import views as programme_views
from bot.core.programmes.repo import Programme
from bot.core.screens import fit_lines
from bot.core.texts import clip, text_for
from bot.grants.views import donor as grant_views
from bot.i18n import Translator
from bot.polls.service.results import Reach
from bot.reports.callbacks import BriefPeriodCb, PressPeriodCb, RegionReportCb
from bot.reports.repo import EntrantRow
from bot.reports.service import NOT_SENT, CompetitionFigures, DonorReport
from bot.seminars.repo.report_rows import place_name
from bot.seminars.views.report import by_programme_line, guests_lines, period_text, the_programme

SHOWN_WINNERS = 6
TAG = re.compile(r"<[^>]*>")
"""Staff write questions with bold and italics; a line of the report shows them plain."""
STATUS_ORDER = ("accepted", "under_review", "received", "needs_revision", "rejected", NOT_SENT)


def summary(
    tr: Translator,
    report: DonorReport,
    programmes: Mapping[int, Programme] | None = None,
    region: str | None = None,
) -> str:
    """`programmes` when there are several (the report names its one); `region`, the name of
    the one region it was narrowed to."""
    _ = tr._
    period = period_text(tr, (report.first_day, report.last_day))
    head = "📊 <b>" + _("Report for {period}").format(period=period) + "</b>"
    if region:
        head += "\n" + _("Region: {region}").format(region=escape(region))
    lines = [head, ""]
    if report.empty:
        lines.append(_("Nothing in this period: no seminars, no competitions, no new members."))
    else:
        lines += _seminars(tr, report, programmes) + _competitions(tr, report)
        lines += grant_views.summary_lines(tr, report.grants)
        lines += _polls(tr, report)
        lines += _registrations(tr, report)
        charts = bool(report.seminars.people.people)
        lines += ["", _("The charts follow; every participant and entrant is in the file.")
                  if charts else _("Every participant and entrant is in the file.")]  # fmt: skip
    one = the_programme(report.seminars, programmes)
    return programme_views.labelled(tr, one, "\n".join(fit_lines(lines)))


def _percent(tr: Translator, share: float) -> str:
    return tr._("{percent}%").format(percent=round(share * 100))


def _seminars(
    tr: Translator, report: DonorReport, programmes: Mapping[int, Programme] | None
) -> list[str]:
    _ = tr._
    s = report.seminars
    count = len(s.seminars)
    if not count:
        return ["<b>" + _("Seminars") + "</b>", _("No seminars in this period."), ""]
    attended, women = s.total.attended, s.women.attended
    trained = tr.ngettext("{count} trained", "{count} trained", attended).format(count=attended)
    including = tr.ngettext("including {count} woman", "including {count} women", women)
    seminars = tr.ngettext("{count} seminar", "{count} seminars", count).format(count=count)
    people = tr.ngettext(
        "{count} different person", "{count} different people", s.people.people
    ).format(count=s.people.people)
    people_women = tr.ngettext("including {count} woman", "including {count} women", s.people.women)
    lines = [
        "<b>" + _("Seminars") + "</b>",
        f"<b>{seminars}, {trained}, {including.format(count=women)}</b>",
        *guests_lines(tr, s.guests),
        f"{people}, {people_women.format(count=s.people.women)}",
    ]
    if s.attendance_rate is not None:
        lines.append(
            _("Came of those who said yes: {percent}").format(
                percent=_percent(tr, s.attendance_rate)
            )
        )
    if s.rating.average is not None:
        lines.append(
            tr.ngettext(
                "Average rating: {average} of 5 ({count} rating)",
                "Average rating: {average} of 5 ({count} ratings)",
                s.rating.count,
            ).format(average=tr.number(round(s.rating.average, 1)), count=s.rating.count)
        )
    if programmes is not None and len(s.by_programme) > 1:
        lines += ["", "<i>" + _("By programme") + "</i>"]
        lines += [by_programme_line(tr, programmes, pid, tally) for pid, tally in s.by_programme]
    lines += ["", "<i>" + _("People by region (each counted once):") + "</i>"]
    lines += [
        f"{escape(place_name(place, tr.lang) or '—')}: {n}" for place, n in s.people.by_region
    ]
    lines += ["", "<i>" + _("People by position:") + "</i>"]
    lines += [f"{labels.position(tr, code)}: {n}" for code, n in s.people.by_position.items()]
    return [*lines, ""]


def _competitions(tr: Translator, report: DonorReport) -> list[str]:
    _ = tr._
    lines = ["<b>" + _("Competitions") + "</b>"]
    if not report.competitions:
        return [*lines, _("No competition deadline in this period."), ""]
    for figures in report.competitions:
        lines += _competition(tr, figures)
    if report.grants_kgs:
        total = competition_text.kgs(tr, report.grants_kgs)
        lines.append(_("Grants in all: {amount}").format(amount=total))
    return [*lines, ""]


def _competition(tr: Translator, figures: CompetitionFigures) -> list[str]:
    _ = tr._
    c = figures.competition
    title = competition_text.title(tr, c.content())
    sent = _("{title}: {submitted} of {eligible} entrants submitted").format(
        title=f"<b>{title}</b>", submitted=figures.submitted, eligible=figures.eligible
    )
    counts = figures.by_status
    parts = [f"{_status(tr, code)}: {counts[code]}" for code in STATUS_ORDER if code in counts]
    lines = ["• " + sent, "  " + " · ".join(parts)]
    if not figures.published:
        return [*lines, "  " + _("Results not published yet.")]
    for award, place in (("place", 1), ("place", 2), ("place", 3)):
        named = [e for e in figures.winners if e.place == place]
        if named:
            lines.append(f"  {award_name(tr, award, place)}: {_names(tr, named)}")
    for award in ("winner", "conditional", "incentive"):
        named = figures.awarded(award)
        if named:
            lines.append(f"  {award_name(tr, award)}: {_names(tr, named)}")
    if figures.grants_kgs:
        lines.append("  " + _("Grants: {amount}").format(
            amount=competition_text.kgs(tr, figures.grants_kgs)
        ))  # fmt: skip
    return lines


def _status(tr: Translator, code: str) -> str:
    if code == NOT_SENT:
        return tr._("not submitted")
    return competition_text.status(tr, code)


def _names(tr: Translator, entrants: list[EntrantRow]) -> str:
    names = [
        competition_text.entrant_name(
            tr, {"name_ky": e.name_ky, "name_ru": e.name_ru, "name_en": e.name_en}
        )
        for e in entrants[:SHOWN_WINNERS]
    ]
    more = len(entrants) - len(names)
    text = ", ".join(names)
    if more > 0:
        text = tr.ngettext("{names} and {count} more", "{names} and {count} more", more).format(
            names=text, count=more
        )
    return text


def poll_title(tr: Translator, reach: Reach) -> str:
    """The first question, as plain text, in the reader's language."""
    q = reach.poll.questions[0]
    text = unescape(TAG.sub("", text_for(tr.lang, q.text_ky, q.text_ru)))
    return clip(text, 60)


def poll_line(tr: Translator, reach: Reach) -> str:
    return tr._("#{id} {title}: {answered} of {asked} answered").format(
        id=reach.poll.id, title=escape(poll_title(tr, reach)), answered=reach.answered,
        asked=reach.asked,
    )  # fmt: skip


def _polls(tr: Translator, report: DonorReport) -> list[str]:
    """Only when polls went out: answered of asked for each."""
    if not report.polls:
        return []
    return ["<b>" + tr._("Polls") + "</b>", *("• " + poll_line(tr, r) for r in report.polls), ""]


def _registrations(tr: Translator, report: DonorReport) -> list[str]:
    _ = tr._
    r = report.registrations
    last = tr.date(report.last_day, year=True)
    return [
        "<b>" + _("Registrations") + "</b>",
        tr.ngettext(
            "{count} approved member on {date}", "{count} approved members on {date}", r.approved
        ).format(count=r.approved, date=last),
        tr.ngettext("{count} new in the period", "{count} new in the period", r.new).format(
            count=r.new
        ),
    ]


def region_buttons(
    tr: Translator, report: DonorReport, code: str | None, region_id: int | None = None
) -> InlineKeyboardMarkup | None:
    """One region's report a tap away, for each region people came from, when there are
    several (not under a region's own report); the donor brief, and the press release when
    someone attended."""
    regions = [place for place, _ in report.seminars.people.by_region if place.get("id")]
    first, last = report.first_day.toordinal(), report.last_day.toordinal()
    found = [
        button(
            "🔎 " + (place_name(r, tr.lang) or "—"),
            RegionReportCb(first=first, last=last, region=r.get("id", 0), code=code or "-"),
        )
        for r in regions
    ]
    keyboard = rows(found, per_row=2) if len(regions) >= 2 and region_id is None else []
    region, programme = region_id or 0, code or "-"
    brief = BriefPeriodCb(first=first, last=last, region=region, code=programme)
    documents = [button("📄 " + tr._("Donor brief"), brief)]
    if report.seminars.total.attended:
        press = PressPeriodCb(first=first, last=last, region=region, code=programme)
        documents.insert(0, button("📰 " + tr._("Press release"), press))
    keyboard.append(documents)
    return InlineKeyboardMarkup(keyboard) if keyboard else None
