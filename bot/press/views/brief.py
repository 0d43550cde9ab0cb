"""The donor brief: a period's key figures and the donor report's charts on one or two pages,
to paste into a quarterly report. Every figure is the donor report's, as /report gives it."""

from __future__ import annotations

from bot.competitions.views import text as competition_text
from bot.i18n import Translator
from bot.press.service import BriefDraft
from bot.press.views import seminars
from bot.press.views.draft import Draft, closing, joined, name_in
from bot.reports.service import DonorReport


def draft(tr: Translator, found: BriefDraft, charts: list[bytes]) -> Draft:
    """`charts`: the donor report's charts as PNG, drawn by the caller (reports.charts)."""
    _ = tr._
    report = found.report
    period = tr.days(report.first_day, report.last_day, year=True)
    headline = _("Brief for the donor: {period}").format(period=period)
    result = Draft(headline, tr.lang, found.made_at)
    result.add("title", headline)
    if report.region is not None:
        result.add("text", _("Region: {region}").format(region=report.region.name(tr.lang)))
    if report.seminars.people.people:
        result.add("lead", seminars.figure(tr, report.seminars, None))
    result.add("heading", _("Key figures"))
    result.add("item", *_seminar_figures(tr, report), *_competition_figures(tr, report))
    result.add("item", *_grant_figures(tr, report), *_polls(tr, report), _members(tr, report))
    if charts:
        result.add("heading", _("Charts"))
        result.add("photos", "charts")
        result.photos.extend(charts)
    sources = [_("Period: {period}").format(period=period)]
    if report.region is not None:
        sources.append(_("Region: {region}").format(region=report.region.name(tr.lang)))
    sources.append(_("Figures: the donor report, the same as /report gives."))
    closing(tr, result, sources, found.programmes)
    return result


def _seminar_figures(tr: Translator, report: DonorReport) -> list[str]:
    _ = tr._
    s = report.seminars
    if not s.seminars:
        return [_("No seminars in this period.")]
    people = s.people
    places = [p for p, _n in people.by_municipality if p.get("id")]
    regions = joined(tr, [name_in(p, tr.lang) for p, _n in people.by_region if p.get("id")])
    share = round(100 * people.women / people.people) if people.people else 0
    return [
        _("Seminars: {count}; trainings given: {trained}, of them to women: {women}.").format(
            count=len(s.seminars), trained=s.total.attended, women=s.women.attended
        ),
        _("Different people trained: {count}, of them women: {women} ({percent}%).").format(
            count=people.people, women=people.women, percent=share
        ),
        _("Municipalities reached: {count} ({regions}).").format(
            count=len(places), regions=regions or "—"
        ),
    ]


def _competition_figures(tr: Translator, report: DonorReport) -> list[str]:
    _ = tr._
    found = report.competitions
    if not found:
        return [_("No competition deadline in this period.")]
    lines = [
        _("Competitions with a deadline in the period: {count}; {submitted} of {eligible}"
          " entrants submitted.").format(count=len(found),
                                          submitted=sum(c.submitted for c in found),
                                          eligible=sum(c.eligible for c in found))
    ]  # fmt: skip
    published = [c for c in found if c.published]
    if published:
        named = sum(len(c.winners) + len(c.awarded("winner")) for c in published)
        lines.append(_("Winners named: {count}; grants awarded: {amount}.").format(
            count=named, amount=competition_text.kgs(tr, report.grants_kgs)))  # fmt: skip
    return lines


def _grant_figures(tr: Translator, report: DonorReport) -> list[str]:
    grants = report.grants
    if not grants.records:
        return []
    return [
        tr._("Grant projects under way: {count}, for {amount}; completed: {done}; late: {late}.")
        .format(count=len(grants.records), amount=competition_text.kgs(tr, grants.amount),
                done=grants.done, late=grants.late)
    ]  # fmt: skip


def _polls(tr: Translator, report: DonorReport) -> list[str]:
    if not report.polls:
        return []
    answered, asked = sum(p.answered for p in report.polls), sum(p.asked for p in report.polls)
    return [tr._("Polls sent: {count}; {answered} answers from {asked} people asked.").format(
        count=len(report.polls), answered=answered, asked=asked)]  # fmt: skip


def _members(tr: Translator, report: DonorReport) -> str:
    r = report.registrations
    return tr._("Approved members on {date}: {count}, of them new in the period: {new}.").format(
        date=tr.date(report.last_day, year=True), count=r.approved, new=r.new
    )
