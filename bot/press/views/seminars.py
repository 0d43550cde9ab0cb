"""A seminar's (or a period's seminars') release: who was trained where, as the report counts
them. The main figure is distinct people, as donors ask; each person is counted once."""

from __future__ import annotations

from bot.core import labels
from bot.core.texts import text_for
from bot.i18n import Translator
from bot.press.service import SeminarsDraft
from bot.press.views.draft import Draft, closing, ids, joined, name_in, organisers
from bot.seminars.repo.report_rows import Participant, Place
from bot.seminars.repo.seminars import Seminar
from bot.seminars.service.reports import SeminarReport


def draft(tr: Translator, found: SeminarsDraft) -> Draft:
    _ = tr._
    report = found.report
    one = report.seminars[0] if len(report.seminars) == 1 and found.first_day is None else None
    if one is not None:
        headline = _("Seminar “{title}”: {town}, {date}").format(
            title=_title(tr, one), town=one.city, date=tr.date(one.starts_at, year=True)
        )
    else:
        headline = _("Seminars for local self-government bodies: {period}").format(
            period=_period(tr, found)
        )
    result = Draft(headline, tr.lang, found.made_at)
    result.add("title", headline)
    result.add("lead", _lead(tr, found, one), figure(tr, report, one))
    _participants(tr, result, report)
    _covered(tr, result, report, one)
    _quotes(tr, result, report)
    if found.photos.readable:
        result.add("heading", _("Photos"))
        result.add("photos", "photos")
        result.photos.extend(found.photos.readable)
    closing(tr, result, _sources(tr, found), found.programmes)
    return result


def _title(tr: Translator, seminar: Seminar) -> str:
    return text_for(tr.lang, seminar.title_ky, seminar.title_ru)


def _period(tr: Translator, found: SeminarsDraft) -> str:
    assert found.first_day is not None and found.last_day is not None
    return tr.days(found.first_day, found.last_day, year=True)


def _lead(tr: Translator, found: SeminarsDraft, one: Seminar | None) -> str:
    _ = tr._
    who = organisers(tr, found.programmes)
    if one is not None:
        where = {"town": one.city, "date": tr.date(one.starts_at, year=True)}
        if who:
            return _("{town}, {date} — {organisers} held the seminar “{title}”.").format(
                organisers=who, title=_title(tr, one), **where
            )
        return _("{town}, {date} — the seminar “{title}” took place.").format(
            title=_title(tr, one), **where
        )
    if who:
        return _("{period} — {organisers} held seminars for local self-government bodies.").format(
            period=_period(tr, found), organisers=who
        )
    return _("{period} — seminars for local self-government bodies took place.").format(
        period=_period(tr, found)
    )


def figure(tr: Translator, report: SeminarReport, one: Seminar | None) -> str:
    """The sentence a release quotes: distinct people, their regions, the towns, the women."""
    people = report.people
    regions = joined(tr, [name_in(p, tr.lang) for p, _n in people.by_region if p.get("id")])
    women = tr.ngettext("including {count} woman", "including {count} women", people.women)
    values = {"count": people.people, "regions": regions,
              "women": women.format(count=people.women)}  # fmt: skip
    if one is not None:
        return tr.ngettext(
            "{count} head or staff member of municipalities ({regions}) took part in the"
            " seminar, {women}.",
            "{count} heads and staff of municipalities ({regions}) took part in the seminar,"
            " {women}.",
            people.people,
        ).format(**values)
    towns = joined(tr, dict.fromkeys(s.city for s in report.seminars))
    count = len(report.seminars)
    seminars = tr.ngettext("at {count} seminar", "at {count} seminars", count).format(count=count)
    return tr.ngettext(
        "{count} head or staff member of municipalities ({regions}) was trained {seminars}"
        " ({towns}), {women}.",
        "{count} heads and staff of municipalities ({regions}) were trained {seminars}"
        " ({towns}), {women}.",
        people.people,
    ).format(seminars=seminars, towns=towns, **values)


def _participants(tr: Translator, draft: Draft, report: SeminarReport) -> None:
    """Positions, then each region with its people and women and its municipalities."""
    _ = tr._
    people = report.people
    draft.add("heading", _("Who took part"))
    for code, n in people.by_position.items():
        position = labels.position(tr, code) if code else _("Position not given")
        draft.add("item", tr.ngettext("{position}: {count} person", "{position}: {count} people",
                                      n).format(position=position, count=n))  # fmt: skip
    towns = _municipalities(tr, report)
    for (region, n), (_same, genders) in zip(
        people.by_region, people.by_region_gender, strict=True
    ):
        women = genders.get("female", 0)
        name = name_in(region, tr.lang) or _("Region not given")
        including = tr.ngettext("including {count} woman", "including {count} women", women)
        draft.add("text", tr.ngettext(
            "{region}: {count} person, {women}.", "{region}: {count} people, {women}.", n
        ).format(region=name, count=n, women=including.format(count=women)))  # fmt: skip
        if listed := towns.get(region.get("id")):
            draft.add("item", _("Municipalities: {names}").format(names=joined(tr, listed)))
    if report.guests.count:
        count = report.guests.count
        draft.add("text", tr.ngettext(
            "{count} more guest who is not registered with the bot also took part.",
            "{count} more guests who are not registered with the bot also took part.",
            count,
        ).format(count=count))  # fmt: skip


def _municipalities(tr: Translator, report: SeminarReport) -> dict[int | None, list[str]]:
    """Each region's municipalities with their people, as the report counted them (the rows
    only say which region a municipality lies in)."""
    region_of: dict[int | None, int | None] = {}
    for row in report.participants:
        region_of.setdefault(row.municipality.get("id"), row.region.get("id"))
    found: dict[int | None, list[str]] = {}
    for place, n in report.people.by_municipality:
        if not place.get("id"):
            continue
        label = tr._("{municipality} ({count})").format(municipality=_place(place, tr), count=n)
        found.setdefault(region_of.get(place.get("id")), []).append(label)
    return found


def _place(place: Place, tr: Translator) -> str:
    return name_in(place, tr.lang)


def _covered(tr: Translator, draft: Draft, report: SeminarReport, one: Seminar | None) -> None:
    _ = tr._
    draft.add("heading", _("What was covered"))
    for seminar in report.seminars:
        if one is None:
            draft.add("item", _("{date}, {town}: “{title}”").format(
                date=tr.date(seminar.starts_at, year=True), town=seminar.city,
                title=_title(tr, seminar),
            ))  # fmt: skip
        description = text_for(tr.lang, seminar.description_ky, seminar.description_ru)
        draft.add("text", description)


def _quotes(tr: Translator, draft: Draft, report: SeminarReport) -> None:
    """Only comments whose authors allowed it and staff marked; once each."""
    said: dict[str, Participant] = {}
    for row in report.participants:
        if row.quoted and row.comment:
            said.setdefault(row.comment, row)
    if not said:
        return
    draft.add("heading", tr._("What participants said"))
    for comment, who in said.items():
        author = tr._("{name}, {position}, {municipality}").format(
            name=who.full_name or "—", position=labels.position(tr, who.position),
            municipality=name_in(who.municipality, tr.lang) or "—",
        )  # fmt: skip
        draft.add("quote", tr._("“{quote}” — {author}").format(quote=comment, author=author))


def _sources(tr: Translator, found: SeminarsDraft) -> list[str]:
    _ = tr._
    seminars = [s.id for s in found.report.seminars]
    lines = [tr.ngettext("Seminar: {ids}", "Seminars: {ids}", len(seminars)).format(
        ids=ids(seminars))]  # fmt: skip
    if found.first_day is not None:
        lines.append(_("Period: {period}").format(period=_period(tr, found)))
    if found.region is not None:
        lines.append(_("Region: {region}").format(region=found.region.name(tr.lang)))
    lines.append(_("Figures: the seminar report, the same as /report gives; each person counted"
                   " once."))  # fmt: skip
    if left_out := found.photos.unreadable:
        lines.append(_("Photos left out because they could not be read: {ids}.").format(
            ids=ids(left_out)))  # fmt: skip
    return lines
