"""A seminar's or a competition's figures in coverage: its title line, the headline, a line per
region, district or municipality, and the list to choose one from."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.core.keyboards import button, rows
from bot.core.screens import Screen
from bot.core.texts import clip, text_for
from bot.coverage.callbacks import EVENT_LETTERS, CoverageCb
from bot.coverage.repo.events import Event, Figures
from bot.i18n import Translator

LABEL = 40
MARKS = {"seminar": "📅", "competition": "🏆"}


def name(tr: Translator, event: Event) -> str:
    return text_for(tr.lang, event.title_ky, event.title_ru)


def title(tr: Translator, event: Event) -> str:
    """HTML: the mark, the title, the seminar's day or the competition's deadline."""
    head = f"{MARKS[event.kind]} <b>{escape(name(tr, event))}</b> · "
    if event.kind == "seminar":
        return head + tr.date(event.when)
    return head + tr._("Deadline: {date}.").format(date=tr.date(event.when))


def plain_title(tr: Translator, event: Event) -> str:
    """For a spreadsheet's first row."""
    if event.kind == "seminar":
        return f"{name(tr, event)} · {tr.date(event.when, year=True)}"
    when = tr._("Deadline: {date}.").format(date=tr.date(event.when, year=True))
    return f"{name(tr, event)} · {when}"


def label(tr: Translator, event: Event) -> str:
    """A button: the day first, so that a long title is what gets cut."""
    mark = "🚫" if event.cancelled else MARKS[event.kind]
    return clip(f"{mark} {tr.date(event.when)} · {name(tr, event)}", LABEL)


def headline(tr: Translator, event: Event, figures: Figures, count: int) -> str:
    if event.kind == "seminar":
        return tr.ngettext(
            "{invited} invited from {count} municipality: {answered} answered, {attended}"
            " attended",
            "{invited} invited from {count} municipalities: {answered} answered, {attended}"
            " attended",
            count,
        ).format(
            invited=figures.invited, count=count, answered=figures.answered,
            attended=figures.attended,
        )  # fmt: skip
    return tr.ngettext(
        "{count} municipality can enter: {submitted} submitted, {not_yet} not yet",
        "{count} municipalities can enter: {submitted} submitted, {not_yet} not yet",
        count,
    ).format(count=count, submitted=figures.submitted, not_yet=figures.not_yet)


def attention_heading(tr: Translator, event: Event) -> str:
    if event.kind == "seminar":
        return tr._("Invited, no answer:")
    return tr._("Not submitted yet:")


def empty(tr: Translator, event: Event) -> str:
    if event.kind == "seminar":
        return tr._("Nobody has been invited yet.")
    return tr._("No municipality here is an entrant.")


def group_figures(tr: Translator, event: Event, figures: Figures) -> str:
    if event.kind == "seminar":
        return tr._("{invited} invited · {answered} answered · {attended} attended").format(
            invited=figures.invited, answered=figures.answered, attended=figures.attended
        )
    return tr._("{submitted} of {total} submitted").format(
        submitted=figures.submitted, total=figures.entrants
    )


def municipality_figures(tr: Translator, event: Event, figures: Figures) -> str:
    if event.kind == "seminar":
        return group_figures(tr, event, figures)
    return submitted(tr, figures)


def submitted(tr: Translator, figures: Figures) -> str:
    return "✅ " + tr._("submitted") if figures.submitted else "⏳ " + tr._("not submitted yet")


def cluster_note(tr: Translator, event: Event) -> str | None:
    if not event.clusters:
        return None
    return tr._("Entrants are clusters: a municipality counts as submitted when its cluster did.")


def callback(event: Event, programme_id: int = 0) -> CoverageCb:
    return CoverageCb(programme_id, 0, 0, EVENT_LETTERS[event.kind], event.id)


def chooser(tr: Translator, events: list[Event], programme_id: int) -> Screen:
    """The seminars first (upcoming first), then the competitions."""
    _ = tr._
    back = [button("« " + _("Coverage"), CoverageCb(programme_id))]
    if not events:
        return Screen(_("You have no seminars or competitions yet."), InlineKeyboardMarkup([back]))
    buttons = [button(label(tr, e), callback(e, programme_id)) for e in events]
    head = "🗺 <b>" + escape(_("Coverage for a seminar or competition: choose one.")) + "</b>"
    return Screen(head, InlineKeyboardMarkup([*rows(buttons), back]))
