"""The answer to a typed question, in the reader's language, with the buttons that act on it.

The buttons are the features' own (an invitation's answers, a competition's call, a
submission's card, the language and profile buttons), so a tap here does what it does there.
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.accounts.views import registration as account_texts
from bot.accounts.views.profile import profile_screen
from bot.competitions.callbacks import CompetitionCb, ReviewCb, SubmitCb
from bot.competitions.service.submissions import Standing
from bot.competitions.views import text as competition_text
from bot.competitions.views.my_submissions import state_line
from bot.core import keyboards, labels
from bot.core.keyboards import button
from bot.core.screens import Screen, fit_lines
from bot.core.texts import text_for
from bot.i18n import Translator
from bot.questions.repo import Contact
from bot.questions.service.answers import Answer, Entry
from bot.seminars.callbacks import RsvpCb, SeminarCb
from bot.seminars.service.rsvp import MySeminar
from bot.seminars.views import text as seminar_text
from bot.seminars.views.cards import answer_label

SHOWN = 5
NOTED = ("competition", "submission", "none")
"""Where a member who named another municipality is told that only their own is answered."""
LABEL = 40
"""How much of a button label a phone shows whole; longer ones are cut at a word."""


def answer(tr: Translator, a: Answer) -> Screen:
    """The answer for its kind; a member asking about another municipality hears that only
    their own is theirs to see, before their own answer."""
    if a.kind == "faq" and a.entry is not None:
        return Screen(escape(text_for(tr.lang, a.entry.answer_ky, a.entry.answer_ru)))
    if a.kind == "language":
        return language(tr)
    if a.about_place:
        return about_place(tr, a)
    if a.kind == "registration":
        return registration(tr, a)
    if a.for_staff:
        return staff(tr, a)
    screens = {
        "seminar": lambda: seminars(tr, a),
        "competition": lambda: competitions(tr, a),
        "submission": lambda: submissions(tr, a),
    }
    shown = screens[a.kind]() if a.kind in screens else not_understood(tr, a)
    return _with_note(tr, a, shown)


def _with_note(tr: Translator, a: Answer, screen: Screen) -> Screen:
    if a.asked is None or a.actor.is_staff or a.own is None or a.kind not in NOTED:
        return screen
    own = escape(a.own.municipality.name(tr.lang))
    note = "ℹ️ " + tr._("I can tell you only about your own municipality, {place}.").format(
        place=own
    )
    return Screen(note + "\n\n" + screen.text, screen.markup)


def _cut(label: str) -> str:
    """Whole words only, then "…"."""
    if len(label) <= LABEL:
        return label
    kept = label[: LABEL - 1].rsplit(" ", 1)[0]
    return kept.rstrip(" ·,:") + "…"


def _markup(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    return InlineKeyboardMarkup(rows) if rows else None


# A member's own data


def seminars(tr: Translator, a: Answer) -> Screen:
    _ = tr._
    if not a.seminars:
        return Screen("📅 " + _("You have no seminars ahead. An invitation will come here."))
    item = a.seminars[0]
    s = item.seminar
    details = seminar_text.details(tr, s, with_description=False)
    lines = ["📅 <b>" + _("Your next seminar") + "</b>", "", details, "", answer_label(tr, item)]
    keyboard = _rsvp_buttons(tr, item, a)
    if keyboard and item.invitation.status == "invited":
        lines.append(seminar_text.deadline(tr, s))
    more = len(a.seminars) - 1
    if more:
        lines += ["", tr.ngettext(
            "You have {count} more seminar ahead: /seminars",
            "You have {count} more seminars ahead: /seminars", more,
        ).format(count=more)]  # fmt: skip
    return Screen("\n".join(lines), _markup(keyboard))


def _rsvp_buttons(tr: Translator, item: MySeminar, a: Answer) -> list[list[InlineKeyboardButton]]:
    """The invitation's own buttons, while the answer can still be given or changed."""
    s, status = item.seminar, item.invitation.status
    row = []
    if status not in ("going", "waitlist") and a.now <= s.rsvp_deadline:
        row.append(button("✅ " + tr._("I will attend"), RsvpCb(seminar_id=s.id, answer="yes")))
    if status != "declined" and a.now < s.starts_at:
        row.append(button("❌ " + tr._("I can't attend"), RsvpCb(seminar_id=s.id, answer="no")))
    return [row] if row else []


def _block(tr: Translator, s: Standing, a: Answer) -> list[str]:
    entrant = competition_text.entrant_name(tr, s.entrant.plain())
    return [
        "🏆 <b>" + competition_text.title(tr, s.competition.content()) + "</b>",
        tr._("For: {entrant}").format(entrant=entrant),
        competition_text.deadline_line(tr, s.deadline, a.now),
        state_line(tr, s.submission),
    ]


def _open_button(tr: Translator, s: Standing, several: bool) -> InlineKeyboardButton:
    """The call with its way in (start, continue or edit), as /competitions opens it."""
    if s.submission is not None:
        label = "✏️ " + tr._("Edit our submission")
    elif s.open:
        label = "📝 " + tr._("Prepare our submission")
    else:
        label = "📄 " + tr._("Open the call")
    if several:
        label += f" · {s.competition.code}"
    data = SubmitCb(competition_id=s.competition.id, entrant_id=s.entrant.id, action="view")
    return button(_cut(label), data)


def competitions(tr: Translator, a: Answer) -> Screen:
    if not a.standings:
        return Screen(
            "🏆 " + tr._("There are no competitions open for your municipality right now.")
        )
    head = tr.ngettext("{count} open competition", "{count} open competitions", len(a.standings))
    lines = ["🏆 <b>" + head.format(count=len(a.standings)) + "</b>"]
    shown = a.standings[:SHOWN]
    for s in shown:
        lines += ["", *_block(tr, s, a)]
    several = len(shown) > 1
    keyboard = [[_open_button(tr, s, several)] for s in shown if s.open]
    return Screen("\n".join(fit_lines(lines)), _markup(keyboard))


def submissions(tr: Translator, a: Answer) -> Screen:
    if not a.standings:
        return Screen(
            "📭 "
            + tr._(
                "Nothing has been sent yet, and no competition is open for your "
                "municipality right now."
            )  # fmt: skip
        )
    lines = ["📨 <b>" + tr._("Our submissions") + "</b>"]
    shown = a.standings[:SHOWN]
    for s in shown:
        lines += ["", *_block(tr, s, a)]
        sub = s.submission
        if sub is not None and sub.review_comment:
            lines.append("💬 " + tr._("Reviewer's comment: {comment}").format(
                comment=escape(sub.review_comment)))  # fmt: skip
    several = len(shown) > 1
    keyboard = [[_open_button(tr, s, several)] for s in shown if s.open or s.submission]
    return Screen("\n".join(fit_lines(lines)), _markup(keyboard))


def registration(tr: Translator, a: Answer) -> Screen:
    """Where the account stands; an approved member sees their profile with its edit buttons."""
    user = a.actor.user
    if a.actor.is_staff and not a.actor.is_approved:
        role = "admin" if a.actor.is_admin else "coordinator"
        return Screen(
            "🧭 " + tr._("You are project staff: {role}.").format(role=labels.role(tr, role))
        )
    if user is None:
        return Screen(account_texts.not_registered(tr))
    head = "✅ " + tr._("Your registration is approved. This is what the bot knows about you:")
    profile = profile_screen(tr, user, a.own, saved=False)
    return Screen(head + "\n\n" + profile.text, profile.markup)


def language(tr: Translator) -> Screen:
    text = "🌐 " + tr._(
        "Choose the language below. You can change it again at any time with /language."
    )
    return Screen(text, keyboards.languages())


def not_understood(tr: Translator, a: Answer) -> Screen:
    """Today's pointer to the menu, and whom to write to."""
    text = account_texts.not_understood(tr, a.actor)
    if a.contact is not None:
        text += "\n\n" + coordinator_line(tr, a.contact)
    return Screen(text)


def coordinator_line(tr: Translator, contact: Contact) -> str:
    link = f'<a href="tg://user?id={contact.telegram_id}">{escape(contact.name)}</a>'
    return "🧑‍💼 " + tr._("Your coordinator: {name}. You can write to them directly.").format(
        name=link
    )


# Staff


def staff(tr: Translator, a: Answer) -> Screen:
    if a.kind == "seminar":
        return staff_seminars(tr, a)
    if a.kind in ("competition", "submission"):
        return staff_competitions(tr, a)
    return not_understood(tr, a)


def staff_seminars(tr: Translator, a: Answer) -> Screen:
    if not a.staff_seminars:
        return Screen("📅 " + tr._("No seminars ahead."))
    count = len(a.staff_seminars)
    head = tr.ngettext("{count} seminar ahead", "{count} seminars ahead", count)
    lines = ["📅 <b>" + head.format(count=count) + "</b>"]
    keyboard = []
    for n, s in enumerate(a.staff_seminars[:SHOWN], start=1):
        when = tr.datetime(s.starts_at)
        lines.append(f"{n}. {seminar_text.title(tr, s)} — {when}, {escape(s.city)}")
        label = "📂 " + tr._("Open") + f" {n} · {tr.date(s.starts_at)}"
        keyboard.append([button(_cut(label), SeminarCb(seminar_id=s.id, action="open"))])
    return Screen("\n".join(fit_lines(lines)), _markup(keyboard))


def staff_competitions(tr: Translator, a: Answer) -> Screen:
    lines = []
    keyboard = []
    if not a.staff_competitions:
        lines.append("🏆 " + tr._("No competitions of yours are open now."))
    else:
        count = len(a.staff_competitions)
        head = tr.ngettext("{count} open competition", "{count} open competitions", count)
        lines.append("🏆 <b>" + head.format(count=count) + "</b>")
    for n, c in enumerate(a.staff_competitions[:SHOWN], start=1):
        lines += ["", f"{n}. " + competition_text.title(tr, c.content()),
                  competition_text.deadline_line(tr, c.deadline, a.now)]  # fmt: skip
        label = "📂 " + tr._("Open") + f" {n} · {c.code}"
        keyboard.append([button(_cut(label), CompetitionCb(competition_id=c.id, action="open"))])
    if a.kind == "submission":
        lines += ["", "💡 " + tr._(
            "To see one municipality's submissions, write its name and the question, for "
            "example: «Kyzyl-Suu sent?»"
        )]  # fmt: skip
    return Screen("\n".join(fit_lines(lines)), _markup(keyboard))


def about_place(tr: Translator, a: Answer) -> Screen:
    """A named municipality's entries, for staff who cover its region."""
    assert a.asked is not None
    place = escape(a.asked.name(tr.lang))
    if a.outside:
        return Screen("🔒 " + tr._("{place} is outside the regions you cover.").format(place=place))
    if not a.entries:
        return Screen(
            "🏘 "
            + tr._("{place} takes part in none of the competitions you run.").format(place=place)
        )
    lines = ["🏘 <b>" + place + "</b>"]
    keyboard = []
    for n, e in enumerate(a.entries[:SHOWN], start=1):
        lines += ["", *_entry_lines(tr, n, e, a)]
        if e.submission is not None:
            label = "📂 " + tr._("Open the submission") + f" {n} · {e.competition.code}"
            data = ReviewCb(submission_id=e.submission.id, action="open")
            keyboard.append([button(_cut(label), data)])
    return Screen("\n".join(fit_lines(lines)), _markup(keyboard))


def _entry_lines(tr: Translator, n: int, e: Entry, a: Answer) -> list[str]:
    lines = [f"{n}. 🏆 " + competition_text.title(tr, e.competition.content())]
    if e.entrant.kind == "cluster":
        name = competition_text.entrant_name(tr, e.entrant.plain())
        lines.append(tr._("For: {entrant}").format(entrant=name))
    lines += [state_line(tr, e.submission), competition_text.deadline_line(tr, e.deadline, a.now)]
    return lines
