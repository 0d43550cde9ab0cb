"""What a member reads after answering an invitation."""

from __future__ import annotations

from bot.i18n import Translator
from bot.seminars.service.rsvp import Answer
from bot.seminars.views import text


def answered(tr: Translator, answer: Answer) -> str:
    _ = tr._
    title = text.title(tr, answer.seminar)
    if answer.status == "going":
        head = _("✅ You are on the list for «{title}».").format(title=title)
        if answer.changed:
            head += " " + _("Open the file to add it to your calendar.")
        return head
    if answer.status == "waitlist":
        return _(
            "⏳ «{title}» is full. You are on the waitlist, number {position}. "
            "If a place opens up, I will tell you at once."
        ).format(title=title, position=answer.position)
    return _("Thank you for letting us know. You can change your answer until {deadline}.").format(
        deadline=tr.datetime(answer.seminar.rsvp_deadline)
    )
