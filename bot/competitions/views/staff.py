"""Staff screens of a competition: the list, the card, and the two date questions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.competitions.callbacks import (
    CompetitionAction,
    CompetitionCb,
    CompetitionRemindersCb,
    EntrantCb,
    PanelCb,
)
from bot.competitions.repo.competitions import Competition, Entrant
from bot.competitions.repo.submissions import STATUSES
from bot.competitions.service.edit import Changed, EntrantRow, Overview
from bot.competitions.views import text
from bot.core.keyboards import PAGE_SIZE, button, rows
from bot.core.programmes import views as programme_views
from bot.core.programmes.repo import Programme
from bot.core.screens import Screen
from bot.core.texts import clip
from bot.i18n import Translator


def _act(c: Competition, action: CompetitionAction, page: int = 0) -> CompetitionCb:
    return CompetitionCb(competition_id=c.id, action=action, page=page)


def submissions(tr: Translator, count: int) -> str:
    return tr.ngettext("{count} submission", "{count} submissions", count).format(count=count)


def state(tr: Translator, c: Competition, now: datetime) -> str:
    """Where the competition stands, short enough for a button."""
    _ = tr._
    if c.cancelled:
        return "🚫 " + _("cancelled")
    if c.results_published_at:
        return "🏆 " + _("results published")
    if c.opens_at > now:
        return "🕓 " + _("opens {date}").format(date=tr.date(c.opens_at))
    if now <= c.deadline:
        return "🟢 " + _("{left} left").format(left=text.time_left(tr, c.deadline - now))
    return "🔒 " + _("closed")


Programmes = Mapping[int, Programme]
"""The programmes to name on staff screens; empty when the reader sees only one."""


def grouped(competitions: list[Competition], names: Programmes) -> list[Competition]:
    """By programme (in the order of `names`) when there are several, else as they came."""
    if not names:
        return competitions
    order = {pid: n for n, pid in enumerate(names)}
    return sorted(competitions, key=lambda c: order.get(c.programme_id or 0, len(order)))


def prefixed(tr: Translator, c: Competition, names: Programmes, label: str) -> str:
    """A button's label with the competition's programme first, when there are several."""
    found = names.get(c.programme_id or 0)
    return f"{clip(found.name(tr.lang), 24)} · {label}" if found is not None else label


def listing(
    tr: Translator,
    items: list[tuple[Competition, dict[str, int]]],
    now: datetime,
    names: Programmes | None = None,
) -> Screen:
    _ = tr._
    if not items:
        return Screen(_("There are no competitions yet. Send /newcompetition to create one."))
    names = names or {}
    counted = {c.id: counts for c, counts in items}
    buttons = []
    for c in grouped([c for c, _counts in items], names):
        name = clip(text.pick(tr, c.content(), "title"), 30)
        count = submissions(tr, sum(counted[c.id].values()))
        label = f"{state(tr, c, now)} · {c.code} · {name} · {count}"
        buttons.append(button(prefixed(tr, c, names, label), _act(c, "open")))
    head = _("Competitions you run. Send /newcompetition to create one.")
    return Screen(head, InlineKeyboardMarkup(rows(buttons)))


def card(tr: Translator, o: Overview, now: datetime, programme: Programme | None = None) -> Screen:
    lines = [_call(tr, o.competition, now), "", *_figures(tr, o)]
    if programme is not None:
        lines.insert(0, programme_views.label(tr, programme))
    return Screen("\n".join(lines), InlineKeyboardMarkup(_card_buttons(tr, o.competition)))


def _call(tr: Translator, c: Competition, now: datetime) -> str:
    """The call as members read it, in short: what, who, from when and until when."""
    _ = tr._
    code = _("Code: {code}").format(code=f"<code>{escape(c.code)}</code>")
    lines = ["<b>" + text.title(tr, c.content()) + "</b>", code]
    if c.for_clusters:
        lines.append(_("Entrants: clusters of municipalities."))
    else:
        lines.append(_("Entrants: municipalities (aiyl okmotu)."))
    lines.append(_("Opens: {date}").format(date=tr.datetime(c.opens_at)))
    lines.append(text.deadline_line(tr, c.deadline, now))
    if c.cancelled:
        lines.append("🚫 " + _("This competition has been cancelled."))
    if c.results_published_at:
        published = datetime.fromisoformat(c.results_published_at)
        lines.append("🏆 " + _("Results published on {date}.").format(date=tr.datetime(published)))
    return "\n".join(lines)


def _figures(tr: Translator, o: Overview) -> list[str]:
    lines = [
        tr.ngettext(
            "{count} entrant may take part.", "{count} entrants may take part.", o.entrants
        ).format(count=o.entrants),
        tr.ngettext(
            "{count} of them has sent a submission.",
            "{count} of them have sent a submission.",
            o.submitted,
        ).format(count=o.submitted),
    ]
    for code in STATUSES:
        if o.by_status.get(code):
            lines.append(f"• {text.status(tr, code)}: {submissions(tr, o.by_status[code])}")
    more = tr.ngettext(
        "{count} entrant has more time.", "{count} entrants have more time.", o.extended
    )
    lines.append(more.format(count=o.extended))
    return lines


def _card_buttons(tr: Translator, c: Competition) -> list[list[InlineKeyboardButton]]:
    _ = tr._
    every = CompetitionCb(competition_id=c.id, action="subs", value="all")
    keyboard = [
        [button("📨 " + _("Submissions"), every), button("🏆 " + _("Results"), _act(c, "results"))],
        [button("📤 " + _("Export"), _act(c, "export")),
         button("👥 " + _("Review panel"), PanelCb(competition_id=c.id, action="open"))],
    ]  # fmt: skip
    if c.results_published_at or not c.cancelled:  # open: the release announces the call
        keyboard.append([button("📰 " + _("Press release"), _act(c, "press"))])
    if not c.cancelled:
        keyboard.append([button("📅 " + _("Move deadline"), _act(c, "move"))])
        keyboard.append([button("⏳ " + _("Give an entrant more time"), _act(c, "extend"))])
        reminders = CompetitionRemindersCb(competition_id=c.id, action="show")
        keyboard.append([button("⏰ " + _("Reminders"), reminders)])
    keyboard.append([button("« " + _("All competitions"), _act(c, "list"))])
    return keyboard


def ask_deadline(tr: Translator, c: Competition) -> Screen:
    _ = tr._
    body = "\n".join([
        "<b>" + text.title(tr, c.content()) + "</b>",
        _("Current deadline: {date}.").format(date=tr.datetime(c.deadline)),
        "",
        _("Send the new deadline in Bishkek time, for example 20.12.2026 18:00. "
          "Every entrant's staff will be told."),
    ])  # fmt: skip
    back = button("« " + _("Back"), _act(c, "open"))
    return Screen(body, InlineKeyboardMarkup([[back]]))


def entrants(tr: Translator, c: Competition, found: list[EntrantRow], page: int) -> Screen:
    """A page of entrants; those that have sent or already have more time are marked."""
    _ = tr._
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    keyboard = []
    for row in found[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        pick = EntrantCb(competition_id=c.id, entrant_id=row.entrant.id, action="extend")
        keyboard.append([button(_entrant_label(tr, row), pick)])
    nav = []
    if page > 0:
        nav.append(button("◀", _act(c, "extend", page - 1)))
    if pages > 1:
        nav.append(button(f"{page + 1}/{pages}", _act(c, "extend", page)))
    if page < pages - 1:
        nav.append(button("▶", _act(c, "extend", page + 1)))
    if nav:
        keyboard.append(nav)
    keyboard.append([button("« " + _("Back"), _act(c, "open"))])
    head = "\n".join([
        "<b>" + text.title(tr, c.content()) + "</b>",
        _("Which entrant should get more time?"),
        _("✅ has sent a submission · 📅 already has more time"),
    ])  # fmt: skip
    return Screen(head, InlineKeyboardMarkup(keyboard))


def _entrant_label(tr: Translator, row: EntrantRow) -> str:
    marks = ("✅ " if row.submitted else "") + ("📅 " if row.entrant.extended_until else "")
    label = marks + row.entrant.name(tr.lang)
    if row.entrant.extended_until:
        label += " · " + tr.date(row.entrant.extended_until)
    return label


def ask_extension(tr: Translator, c: Competition, entrant: Entrant) -> Screen:
    _ = tr._
    lines = [
        "<b>" + text.title(tr, c.content()) + "</b>",
        _("Until when may {entrant} send its submission?").format(
            entrant=escape(entrant.name(tr.lang))
        ),
        _("Send a date and time in Bishkek time, for example 20.12.2026 18:00. "
          "It must be after the deadline, {date}.").format(date=tr.datetime(c.deadline)),
    ]  # fmt: skip
    if entrant.extended_until:
        lines.append(
            _("It may send until {date} now.").format(date=tr.datetime(entrant.extended_until))
        )
    back = button("« " + _("Back"), _act(c, "extend"))
    return Screen("\n".join(lines), InlineKeyboardMarkup([[back]]))


def moved(tr: Translator, changed: Changed) -> str:
    return "✅ " + tr.ngettext(
        "The deadline is now {date}. {count} member is being told.",
        "The deadline is now {date}. {count} members are being told.",
        changed.told,
    ).format(date=tr.datetime(changed.competition.deadline), count=changed.told)


def extended(tr: Translator, changed: Changed) -> str:
    entrant = changed.entrant
    assert entrant is not None and entrant.extended_until is not None
    return "✅ " + tr._("{entrant} may now send until {date}. Its staff are being told.").format(
        entrant=escape(entrant.name(tr.lang)), date=tr.datetime(entrant.extended_until)
    )
