"""Staff's screens: the list of polls, and a poll's card with live counts by group."""

from __future__ import annotations

from datetime import datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core import labels
from bot.core.keyboards import button
from bot.core.screens import Screen, fit_lines
from bot.core.texts import StaffTexts, clip
from bot.i18n import Translator
from bot.polls.callbacks import PollCb
from bot.polls.repo import Poll
from bot.polls.service.results import Group, QuestionResult, Results
from bot.polls.views.member import option_text, summary

SHOWN_GROUPS = 5


def listing(tr: Translator, found: list[tuple[Poll, int]]) -> Screen:
    _ = tr._
    new = [button("➕ " + _("New poll"), PollCb(0, "new"))]
    if not found:
        return Screen(_("No polls yet."), InlineKeyboardMarkup([new]))
    keys: list[list[InlineKeyboardButton]] = []
    for poll, answered in found:
        title = clip(title_of(tr, poll), 40)
        keys.append(
            [button(f"#{poll.id} {title} · {answered}/{poll.total}", PollCb(poll.id, "card"))]
        )
    return Screen(_("Polls, newest first:"), InlineKeyboardMarkup([*keys, new]))


def title_of(tr: Translator, poll: Poll) -> str:
    """The first question, as plain text, in the reader's language."""
    q = poll.questions[0]
    text = StaffTexts(tr).pick(q.text_ky, q.text_ru)
    return text.replace("<b>", "").replace("</b>", "").replace("<i>", "").replace("</i>", "")


def group_name(tr: Translator, group: str, g: Group) -> str:
    if g.names is not None:
        return str(
            {"ky": g.names["name_ky"], "ru": g.names["name_ru"]}.get(tr.lang, g.names["name_en"])
        )
    if group == "position":
        return labels.position(tr, g.key)
    if group == "gender":
        return labels.gender(tr, g.key)
    return tr._("Not known")


def group_heading(tr: Translator, group: str) -> str:
    _ = tr._
    return {"region": _("By region"), "district": _("By district"), "position": _("By position"),
            "gender": _("By gender")}[group]  # fmt: skip


def limited(tr: Translator) -> str:
    return tr._("Only the people asked in your regions, and their answers, are counted here.")


def card(tr: Translator, results: Results) -> Screen:
    """The counts now, each question's answers and the groups that gave the most."""
    _ = tr._
    poll = results.poll
    staff = StaffTexts(tr)
    lines = ["<b>" + _("Poll #{id}").format(id=poll.id) + "</b>"]
    lines.append(
        _("Answered: {answered} of {total}").format(answered=results.answered, total=poll.total)
    )
    if results.regions:
        lines.append(limited(tr))
    when = datetime.fromisoformat(poll.closed_at or poll.closes_at)
    state = _("Closed: {when}") if results.closed else _("Closes: {when}")
    lines.append(state.format(when=tr.datetime(when)))
    lines.append(_("Anonymous") if poll.anonymous else _("Named"))
    for found in results.questions:
        lines += ["", "<b>" + staff.pick(found.question.text_ky, found.question.text_ru) + "</b>"]
        lines += summary(tr, found)
        lines += [escape(t) for t in found.texts[:5]]
        lines += _groups(tr, found)
    return Screen("\n".join(fit_lines(lines)), buttons(tr, results))


def _groups(tr: Translator, found: QuestionResult) -> list[str]:
    lines = []
    for group, groups in (found.groups or {}).items():
        if not groups:
            continue
        parts = [f"{escape(group_name(tr, group, g))}: {g.n}" for g in groups[:SHOWN_GROUPS]]
        lines.append(group_heading(tr, group) + " — " + " · ".join(parts))
    return lines


def buttons(tr: Translator, results: Results) -> InlineKeyboardMarkup:
    _ = tr._
    pid = results.poll.id
    keys = [[button("📈 " + _("Chart"), PollCb(pid, "chart")),
             button("📄 " + _("Spreadsheet"), PollCb(pid, "xlsx"))]]  # fmt: skip
    if results.poll.shared_at is None:
        keys.append([button("📣 " + _("Share the results"), PollCb(pid, "share"))])
    if not results.closed:
        keys.append([button("⛔ " + _("Close now"), PollCb(pid, "close"))])
    keys.append([button("🔄 " + _("Refresh"), PollCb(pid, "card"))])
    return InlineKeyboardMarkup(keys)


def share_question(tr: Translator, poll: Poll) -> Screen:
    _ = tr._
    text = tr.ngettext(
        "Send the results to the {count} person asked?",
        "Send the results to the {count} people asked?",
        poll.total,
    ).format(count=poll.total)
    yes = [button("📣 " + _("Share the results"), PollCb(poll.id, "share_yes"))]
    back = [button(_("Back"), PollCb(poll.id, "card"))]
    return Screen(text, InlineKeyboardMarkup([yes, back]))


def close_question(tr: Translator, poll: Poll) -> Screen:
    """Closing early can't be taken back: answers stop and the reminders not sent are dropped."""
    _ = tr._
    text = _("Close the poll now? Nobody can answer after that, and the reminders not sent yet"
             " are dropped. This can't be undone.")  # fmt: skip
    yes = [button("⛔ " + _("Close the poll"), PollCb(poll.id, "close_yes"))]
    back = [button(_("Back"), PollCb(poll.id, "card"))]
    return Screen(text, InlineKeyboardMarkup([yes, back]))


def shared(tr: Translator, count: int) -> str:
    return tr.ngettext(
        "The results are on their way to {count} person.",
        "The results are on their way to {count} people.",
        count,
    ).format(count=count)


def option_names(tr: Translator, results: Results, index: int) -> list[str]:
    q = results.questions[index].question
    return [option_text(tr, o) for o in q.options]


def shared_poll(tr: Translator, poll: Poll) -> Screen:
    """After Send: how many it went to, and the card a tap away."""
    text = tr.ngettext("Poll #{id} is on its way to {count} person.",
                       "Poll #{id} is on its way to {count} people.", poll.total).format(
        id=poll.id, count=poll.total)  # fmt: skip
    card_key = [button("📊 " + tr._("Results"), PollCb(poll.id, "card"))]
    return Screen(text, InlineKeyboardMarkup([card_key]))


def no_chart(tr: Translator) -> str:
    return tr._("No answers to draw yet.")
