"""Results as staff and members read them: awards, grants in KGS, the winners grouped by place.

The same functions render the push templates, the publish preview and the /results replies,
so what a member is sent is what staff previewed.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from telegram import InlineKeyboardMarkup

from bot.competitions.callbacks import Award, CompetitionCb, ConditionCb, ResultCb, ReviewCb
from bot.competitions.repo.competitions import Competition, Content
from bot.competitions.views import text
from bot.competitions.views.staff import Programmes, grouped, prefixed
from bot.core.audience.repo import Names
from bot.core.keyboards import button, rows
from bot.core.screens import TEXT_LIMIT, Screen, fit_lines
from bot.core.texts import clip
from bot.i18n import Translator

if TYPE_CHECKING:  # the push templates import this module; services need not load with them
    from bot.competitions.repo.submissions import Result
    from bot.competitions.service.results import (
        Board,
        MemberResults,
        NamedResult,
        PublishCheck,
        Published,
    )
    from bot.competitions.service.reviews import Card

GROUPS = (
    ("place", 1, "🥇"),
    ("place", 2, "🥈"),
    ("place", 3, "🥉"),
    ("winner", None, "🏅"),
    ("incentive", None, "🎖"),
    ("conditional", None, "📌"),
)
MAX_SHOWN = 5
"""The latest competitions in one /results message, so it stays within Telegram's length."""
MAX_BUTTONS = 40
SEPARATOR = "\n\n— — —\n\n"
SHORT_CONDITION = 80
AWARD_BUTTONS: tuple[Award, ...] = (
    "place1", "place2", "place3", "incentive", "conditional", "none",
)  # fmt: skip


def award_name(tr: Translator, award: str, place: int | None = None) -> str:
    _ = tr._
    if award == "place":
        return {1: _("1st place"), 2: _("2nd place"), 3: _("3rd place")}.get(place or 0, "?")
    if award == "incentive":
        return _("Incentive prize")
    if award == "conditional":
        return _("Conditional winner")
    if award == "winner":
        return _("Winner (condition met)")
    if award == "lapsed":
        return _("Conditional win lapsed: the condition was not met")
    return _("No result")


def _group_heading(tr: Translator, award: str, place: int | None) -> str:
    if award == "incentive":
        return tr._("Incentive prizes")
    if award == "conditional":
        return tr._("Conditional winners")
    if award == "winner":
        return tr._("Winners (condition met)")
    return award_name(tr, award, place)


def _line(tr: Translator, r: NamedResult, conditions: bool) -> str:
    line = "• " + text.entrant_name(tr, r["names"])
    grant, condition = r.get("grant_kgs"), r.get("condition")
    if grant is not None:
        line += " — " + text.kgs(tr, int(grant))
    if conditions and condition:
        shown = escape(_shorten(condition, SHORT_CONDITION))
        line += "\n    " + tr._("Condition: {condition}").format(condition=shown)
    return line


def _shorten(raw: str, limit: int) -> str:
    """Cut before escaping, so no entity is split."""
    return raw if len(raw) <= limit else raw[:limit].rstrip() + "…"


def winners_text(tr: Translator, results: list[NamedResult], conditions: bool = False) -> str:
    """Places first (several entrants may share one), then incentive prizes, then conditional
    winners; conditions, shortened, are for the staff board only (the full text is on the
    award menu, in the history and in the entrant's own result)."""
    blocks = []
    for award, place, icon in GROUPS:
        found = [r for r in results if r["award"] == award and r.get("place") == place]
        if found:
            head = f"{icon} <b>{_group_heading(tr, award, place)}</b>"
            blocks.append("\n".join([head, *(_line(tr, r, conditions) for r in found)]))
    return "\n\n".join(blocks)


def own_text(tr: Translator, entrant: Names, result: NamedResult | None) -> str:
    name = text.entrant_name(tr, entrant)
    if result is None:
        return tr._(
            "{entrant} is not among the winners this time. Thank you for taking part!"
        ).format(entrant=name)
    lines = [
        tr._("{entrant}: {award}.").format(
            entrant=name, award=award_name(tr, result["award"], result.get("place"))
        )
    ]
    grant, condition = result.get("grant_kgs"), result.get("condition")
    if grant is not None:
        lines.append(tr._("Grant: {amount}.").format(amount=text.kgs(tr, int(grant))))
    if condition:
        lines.append(tr._("Condition: {condition}").format(condition=escape(condition)))
    until = result.get("condition_deadline")
    if until and result["award"] == "conditional":
        lines.append(tr._("Deadline for the condition: {date}.").format(
            date=tr.datetime(text.when(until))))  # fmt: skip
    return "\n".join(lines)


def condition_lines(tr: Translator, r: Result) -> list[str]:
    """A conditional win on a staff card: the condition (short), its deadline, where it
    stands."""
    if r.award != "conditional":
        return []
    lines = []
    if r.condition:
        shown = escape(_shorten(r.condition, 300))
        lines.append(tr._("Condition: {condition}").format(condition=shown))
    if r.condition_deadline is not None:
        lines.append(tr._("Deadline for the condition: {date}.").format(
            date=tr.datetime(r.condition_deadline)))  # fmt: skip
    states = {"pending": tr._("waiting for the revised version"),
              "met": tr._("met: now a winner"), "not_met": tr._("not met")}  # fmt: skip
    if r.condition_state in states:
        lines.append(tr._("The condition: {state}").format(state=states[r.condition_state]))
    return lines


def own_result(results: list[NamedResult], entrant_id: int) -> NamedResult | None:
    return next((r for r in results if r["entrant_id"] == entrant_id), None)


def winners_message(tr: Translator, c: Content, results: list[NamedResult]) -> str:
    head = "🏆 " + tr._("Winners of «{title}»").format(title=text.title(tr, c))
    return head + "\n\n" + winners_text(tr, results)


def board(tr: Translator, b: Board, note: str = "") -> Screen:
    """The Results screen: what is recorded, a button per entrant that sent, and Publish."""
    _ = tr._
    c = b.competition
    lines = [note, ""] if note else []
    lines.append(
        "🏆 <b>" + _("Results: «{title}»").format(title=text.title(tr, c.content())) + "</b>"
    )
    if b.published:
        when = text.when(c.results_published_at or "")
        lines.append(_("Published on {date}.").format(date=tr.datetime(when)))
    else:
        lines.append(_("Not published yet."))
    lines.append("")
    lines += (winners_text(tr, b.results, conditions=True) or _("No results recorded yet.")).split(
        "\n"
    )
    lines = fit_lines(lines)
    buttons = []
    if not b.published:
        for entrant, submission in b.entrants[:MAX_BUTTONS]:
            found = own_result(b.results, entrant.id)
            mark = award_name(tr, found["award"], found.get("place")) if found else "—"
            label = f"{entrant.name(tr.lang)} · {mark}"
            buttons.append(button(label, ReviewCb(submission_id=submission.id, action="result")))
    if b.published and not c.cancelled:
        by_entrant = {e.id: (e, sub) for e, sub in b.entrants}
        for r in b.results:
            if r.get("condition_state") == "pending" and r["entrant_id"] in by_entrant:
                e, sub = by_entrant[r["entrant_id"]]
                label = "📌 " + _("{entrant}: settle the condition").format(
                    entrant=e.name(tr.lang))  # fmt: skip
                buttons.append(button(label, ConditionCb(submission_id=sub.id, action="ask")))
    keyboard = rows(buttons, 1)
    if not b.published and b.results:
        keyboard.append(
            [button("📣 " + _("Publish"), CompetitionCb(competition_id=c.id, action="publish"))]
        )
    if b.published and not c.cancelled and any(r.get("grant_kgs") for r in b.results):
        track = CompetitionCb(competition_id=c.id, action="grants")
        keyboard.append([button("📈 " + _("Track the grants"), track)])
    keyboard.append(
        [button("« " + _("Submissions"), CompetitionCb(competition_id=c.id, action="subs"))]
    )
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def award_menu(tr: Translator, card: Card) -> Screen:
    _ = tr._
    name = escape(card.entrant.name(tr.lang))
    lines = [
        _("Result for {entrant} ({receipt}):").format(entrant=name, receipt=card.submission.receipt)
    ]
    r = card.result
    lines.append(award_name(tr, r.award, r.place) if r else _("No result"))
    if r is not None and r.grant_kgs is not None:
        lines.append(_("Grant: {amount}.").format(amount=text.kgs(tr, int(r.grant_kgs))))
    if r is not None and r.condition:
        lines.append(_("Condition: {condition}").format(condition=escape(r.condition)))
    sid = card.submission.id
    buttons = [
        button(award_name(tr, *_award_parts(a)), ResultCb(submission_id=sid, award=a))
        for a in AWARD_BUTTONS
    ]
    keyboard = rows(buttons, 2)
    keyboard.append([button(_("« Back"), ReviewCb(submission_id=sid, action="open"))])
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def _award_parts(code: str) -> tuple[str, int | None]:
    if code.startswith("place"):
        return "place", int(code[-1])
    return code, None


def condition_prompt(tr: Translator) -> Screen:
    return Screen(
        tr._("What must the conditional winner do? Write the condition (up to 1000 characters).")
    )


def condition_deadline_prompt(tr: Translator) -> Screen:
    return Screen(
        tr._(
            "Until when must the condition be met? Bishkek time, for example 01.03.2027 18:00. "
            "After the results are published, the entrant may send its revised version until then."
        )
    )


def condition_question(tr: Translator, card: Card) -> Screen:
    """Met or not: what each answer does, said before it is done."""
    _ = tr._
    r = card.result
    name = escape(card.entrant.name(tr.lang))
    lines = ["📌 <b>" + _("Conditional winner: {entrant}").format(entrant=name) + "</b>"]
    if r is not None:
        lines += condition_lines(tr, r)
    lines.append(_("Status: {status}").format(status=text.status(tr, card.submission.status)))
    lines += ["", _("Met: {entrant} becomes a winner, keeps the grant, and every member who "
                    "could enter is told. Not met: the conditional win lapses and the entrant "
                    "is told. Either can't be undone.").format(entrant=name)]  # fmt: skip
    sid = card.submission.id
    keyboard = [
        [button("✅ " + _("Condition met"), ConditionCb(submission_id=sid, action="met"))],
        [button("❌ " + _("Condition not met"), ConditionCb(submission_id=sid, action="not_met"))],
        [button(_("« Back"), ReviewCb(submission_id=sid, action="open"))],
    ]
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def settled_note(tr: Translator, met: bool, told: int, changed: bool) -> str:
    if not changed:
        return "ℹ️ " + tr._("This condition was settled already; nothing changed.")
    if met:
        return "✅ " + tr.ngettext(
            "The condition is met: a winner now. {count} member is being told.",
            "The condition is met: a winner now. {count} members are being told.",
            told,
        ).format(count=told)
    return "✅ " + tr.ngettext(
        "The condition is not met. {count} member of the entrant is being told.",
        "The condition is not met. {count} members of the entrant are being told.",
        told,
    ).format(count=told)


def grant_prompt(tr: Translator, submission_id: int) -> Screen:
    skip = ReviewCb(submission_id=submission_id, action="skip")
    question = tr._("The grant amount in KGS, a whole number (for example 500000). Or skip it.")
    return Screen(question, InlineKeyboardMarkup([[button(tr._("Skip"), skip)]]))


def _deadline_line(tr: Translator, check: PublishCheck) -> str:
    when = tr.datetime(check.deadline)
    if not check.early:
        return "🔒 " + tr._("The deadline passed on {date}.").format(date=when)
    left = text.time_left(tr, check.deadline - check.now)
    return "⏳ " + tr._("The deadline is in {left} ({date}).").format(left=left, date=when)


def _open_ends(tr: Translator, check: PublishCheck) -> list[str]:
    """What publishing now leaves behind, in numbers; nothing said when nothing is left."""
    lines = []
    if check.not_sent:
        lines.append("📭 " + tr.ngettext(
            "{count} of {total} entrants has not sent anything.",
            "{count} of {total} entrants have not sent anything.",
            check.not_sent,
        ).format(count=check.not_sent, total=check.entrants))  # fmt: skip
    if check.unreviewed:
        lines.append("🔍 " + tr.ngettext(
            "{count} submission is not reviewed yet (received or under review).",
            "{count} submissions are not reviewed yet (received or under review).",
            check.unreviewed,
        ).format(count=check.unreviewed))  # fmt: skip
    return [*lines, _deadline_line(tr, check)]


def preview(tr: Translator, check: PublishCheck) -> Screen:
    """The publish confirm: whom it reaches and what is still open, then the winners as they
    will read. Before the deadline, its button asks a second time."""
    _ = tr._
    b = check.board
    c = b.competition
    head = "📣 <b>" + tr.ngettext(
        "Publish the results to {count} member?",
        "Publish the results to {count} members?",
        check.readers,
    ).format(count=check.readers) + "</b>"  # fmt: skip
    about = _("Each entrant that took part also hears its own result. It can't be undone.")
    body = winners_message(tr, c.content(), b.results)
    back = CompetitionCb(competition_id=c.id, action="results")
    if check.early:
        go = CompetitionCb(competition_id=c.id, action="publish", value="early")
        yes = button("⚠️ " + _("Publish before the deadline"), go)
    else:
        yes = button("✅ " + _("Publish and send"), CompetitionCb(competition_id=c.id,
                                                                 action="publish_yes"))  # fmt: skip
    lines = [head, about, "", *_open_ends(tr, check), "", body]
    keyboard = [[yes], [button(_("« Back"), back)]]
    return Screen("\n".join(fit_lines(lines)), InlineKeyboardMarkup(keyboard))


def early(tr: Translator, check: PublishCheck) -> Screen:
    """The second question before the deadline: entrants could still send, and won't."""
    _ = tr._
    c = check.board.competition
    ends = _open_ends(tr, check)
    lines = [
        "⚠️ <b>" + _("The deadline has not passed yet.") + "</b>",
        ends[-1],
        *ends[:-1],
        "",
        _("Once the results are published, nobody can send or change a submission. "
          "Publish now anyway?"),
    ]  # fmt: skip
    yes = CompetitionCb(competition_id=c.id, action="publish_yes", value="early")
    back = CompetitionCb(competition_id=c.id, action="results")
    keyboard = [[button("📣 " + _("Yes, publish now"), yes)], [button(_("« Back"), back)]]
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def published_note(tr: Translator, done: Published) -> str:
    return "✅ " + tr.ngettext(
        "The results are published; {count} member is being told.",
        "The results are published; {count} members are being told.",
        done.members_told,
    ).format(count=done.members_told)


def member_results(tr: Translator, found: list[MemberResults]) -> Screen:
    """Each competition with the reader's own entrant first, then the winners."""
    if not found:
        return Screen(
            tr._("No results have been published yet for the competitions you could enter.")
        )
    blocks: list[str] = []
    for m in found[:MAX_SHOWN]:
        c = m.competition.content()
        own = [own_text(tr, e.plain(), own_result(m.results, e.id)) for e in m.own]
        block = "\n\n".join(
            ["🏆 <b>" + text.title(tr, c) + "</b>", *own, winners_text(tr, m.results)]
        )
        if blocks and len(SEPARATOR.join([*blocks, block])) > TEXT_LIMIT:
            break
        blocks.append(block)
    return Screen("\n".join(fit_lines(SEPARATOR.join(blocks).split("\n"))))


def staff_menu(
    tr: Translator, competitions: list[Competition], names: Programmes | None = None
) -> Screen:
    """/results for staff: the Results screen of each competition they run, by programme for
    someone who sees several."""
    if not competitions:
        return Screen(tr._("There are no competitions yet."))
    names = names or {}
    buttons = [
        button(
            prefixed(tr, c, names, clip(text.pick(tr, c.content(), "title"), 60)),
            CompetitionCb(competition_id=c.id, action="results"),
        )
        for c in grouped(competitions, names)
    ]
    return Screen(
        tr._("Choose a competition to see its results:"),
        InlineKeyboardMarkup(rows(buttons)),
    )
