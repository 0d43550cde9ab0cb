"""What a member reads: the question with its buttons, their answer with a way to change it,
a survey's "3 of 7", and the results staff shared.

Options whose text is too long for a button are listed in the message, numbered, and the
buttons carry the numbers.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.keyboards import button, rows
from bot.core.screens import Screen
from bot.core.texts import StaffTexts
from bot.i18n import Translator
from bot.polls.callbacks import PollAnswerCb as Cb
from bot.polls.repo import Answer, Poll, Question
from bot.polls.service.answers import Shown
from bot.polls.service.results import QuestionResult, Results

BUTTON_TEXT = 28
"""Longer option texts go in the message and the buttons carry numbers."""


def option_text(tr: Translator, option: dict[str, str]) -> str:
    return option.get(tr.lang) or option.get("ru") or option.get("ky") or ""


def _question_text(tr: Translator, staff: StaffTexts, q: Question) -> str:
    return staff.pick(q.text_ky, q.text_ru)


def _numbered(tr: Translator, q: Question) -> bool:
    return any(len(option_text(tr, o)) > BUTTON_TEXT for o in q.options)


def _options_list(tr: Translator, q: Question) -> list[str]:
    return [f"{n}. {escape(option_text(tr, o))}" for n, o in enumerate(q.options, 1)]


def _header(tr: Translator, poll: Poll, index: int) -> str:
    if poll.survey:
        return tr._("Question {n} of {total}").format(n=index + 1, total=len(poll.questions))
    return "📊 " + tr._("Poll")


def _footer(tr: Translator, poll: Poll) -> list[str]:
    closes = tr.datetime(datetime.fromisoformat(poll.closes_at))
    lines = [tr._("Answers are taken until {when}.").format(when=closes)]
    if poll.anonymous:
        lines.append(tr._("Anonymous: nobody sees which answer is yours."))
    else:
        lines.append(tr._("Project staff see who answered what."))
    return lines


def invitation(tr: Translator, poll: Poll, reminder: bool = False) -> Screen:
    """The push: a one-question poll ready to answer, or a survey's first screen."""
    if not poll.survey:
        screen = question(tr, Shown(poll, 0))
        if reminder:
            return Screen(tr._("A reminder: you have not answered yet.") + "\n\n" + screen.text,
                          screen.markup)  # fmt: skip
        return screen
    staff = StaffTexts(tr)
    first = _question_text(tr, staff, poll.questions[0])
    count = len(poll.questions)
    survey = tr.ngettext(
        "A short survey: {count} question.", "A short survey: {count} questions.", count
    )
    lines = ["📋 " + survey.format(count=count)]
    if reminder:
        lines.insert(0, tr._("A reminder: you have not answered yet."))
    lines += ["", tr._("The first question: {text}").format(text=first), "", *_footer(tr, poll)]
    if note := staff.note():
        lines += ["", note]
    start = button(tr._("Start the survey"), Cb(poll.id, 0, "start"))
    return Screen("\n".join(lines), InlineKeyboardMarkup([[start]]))


def question(tr: Translator, shown: Shown) -> Screen:
    """The question as it stands: buttons to answer, or the answer given."""
    poll, q = shown.poll, shown.question
    staff = StaffTexts(tr)
    lines = [_header(tr, poll, shown.index), "", _question_text(tr, staff, q)]
    if q.kind in ("one", "many") and _numbered(tr, q):
        lines += ["", *_options_list(tr, q)]
    if q.kind == "many" and not shown.answer:
        lines += ["", tr._("Tick one or more, then press Done.")]
    if shown.typing:
        lines += ["", typing_hint(tr, q)]
    if shown.answer:
        lines += [
            "",
            "✅ " + tr._("Your answer: {answer}").format(answer=answer_text(tr, q, shown.answer)),
        ]
    if not poll.survey:
        lines += ["", *_footer(tr, poll)]
    if note := staff.note():
        lines += ["", note]
    return Screen("\n".join(lines), _keyboard(tr, shown))


def _keyboard(tr: Translator, shown: Shown) -> InlineKeyboardMarkup | None:
    poll, q, i = shown.poll, shown.question, shown.index
    if shown.answer:
        if shown.changeable:
            return InlineKeyboardMarkup([[button(tr._("Change answer"), Cb(poll.id, i, "change"))]])
        return None
    if q.kind in ("number", "text"):
        if shown.typing:
            return None
        return InlineKeyboardMarkup([[button("✍️ " + tr._("Answer"), Cb(poll.id, i, "write"))]])
    numbered = _numbered(tr, q)
    found: list[InlineKeyboardButton] = []
    for n, option in enumerate(q.options):
        label = str(n + 1) if numbered else option_text(tr, option)
        if q.kind == "many":
            label = ("☑️ " if shown.mask & (1 << n) else "⬜ ") + label
            found.append(button(label, Cb(poll.id, i, "toggle", n, shown.mask)))
        else:
            found.append(button(label, Cb(poll.id, i, "pick", n)))
    keyboard = rows(found, 5 if numbered else 1)
    if q.kind == "many":
        keyboard.append([button("✅ " + tr._("Done"), Cb(poll.id, i, "done", 0, shown.mask))])
    return InlineKeyboardMarkup(keyboard)


def typing_hint(tr: Translator, q: Question) -> str:
    if q.kind == "text":
        return tr._("Please type your answer in a message.")
    if q.min_value is not None and q.max_value is not None:
        return tr._("Please type a number from {low} to {high}.").format(
            low=number(q.min_value), high=number(q.max_value)
        )
    return tr._("Please type a number.")


def number(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def answer_text(tr: Translator, q: Question, answer: tuple[Answer, ...]) -> str:
    if q.kind in ("one", "many"):
        picked = [
            option_text(tr, q.options[c])
            for c, _, _ in answer
            if c is not None and c < len(q.options)
        ]
        return escape(", ".join(picked))
    if q.kind == "number":
        return number(answer[0][1])
    return escape(answer[0][2] or "")


def thanks(tr: Translator) -> str:
    return "🙏 " + tr._("Thank you! All your answers are saved.")


def closed(tr: Translator, results: Results | None) -> Screen:
    """What a tap after the close shows: the results, when staff shared them."""
    if results is None:
        return Screen(tr._("This poll is closed."))
    return shared(tr, results)


def shared(tr: Translator, results: Results) -> Screen:
    """ "What others said": each question's answers in numbers."""
    staff = StaffTexts(tr)
    lines = ["📊 " + tr._("The poll's results")]
    lines.append(tr.ngettext("{count} person answered.", "{count} people answered.",
                             results.answered).format(count=results.answered))  # fmt: skip
    for found in results.questions:
        lines += ["", "<b>" + _question_text(tr, staff, found.question) + "</b>"]
        lines += summary(tr, found)
    if note := staff.note():
        lines += ["", note]
    return Screen("\n".join(lines))


def summary(tr: Translator, found: QuestionResult) -> list[str]:
    """One line per option with its share; a number's average; how many answered a text."""
    q = found.question
    if q.kind in ("one", "many"):
        total = sum(found.counts) or 1
        return [f"{escape(option_text(tr, o))}: {n} ({round(100 * n / total)}%)"
                for o, n in zip(q.options, found.counts, strict=True)]  # fmt: skip
    if q.kind == "number" and found.n:
        text = tr._("Average {average}, from {low} to {high}")
        return [text.format(average=number(found.average), low=number(found.low),
                            high=number(found.high))]  # fmt: skip
    return [tr.ngettext("{count} answer", "{count} answers", found.n).format(count=found.n)]
