"""How a competition reads, shared by pushes and direct replies: its title and details, the
time left, an entrant's name and a submission's status, each in the reader's language."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape
from typing import Literal

from bot.competitions.repo.competitions import Content
from bot.core.audience.repo import Names
from bot.core.texts import StaffTexts, note_html, text_for, written_only_in
from bot.i18n import N_, Translator

TextField = Literal["title", "description", "rules", "prizes"]

STATUS_NAMES = {
    "received": N_("received"),
    "under_review": N_("under review"),
    "accepted": N_("accepted"),
    "needs_revision": N_("needs revision"),
    "rejected": N_("rejected"),
}


def when(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _texts(c: Content, field: TextField) -> tuple[str | None, str | None]:
    texts = {
        "title": (c.get("title_ky"), c.get("title_ru")),
        "description": (c.get("description_ky"), c.get("description_ru")),
        "rules": (c.get("rules_ky"), c.get("rules_ru")),
        "prizes": (c.get("prizes_ky"), c.get("prizes_ru")),
    }
    return texts[field]


def pick(tr: Translator, c: Content, field: TextField) -> str:
    """Staff text in the reader's language, the other language when that one is empty."""
    return text_for(tr.lang, *_texts(c, field))


def title(tr: Translator, c: Content) -> str:
    return escape(pick(tr, c, "title"))


def title_note(tr: Translator, c: Content) -> str:
    """The note for a message that shows only the title, when it is in the other language."""
    return note_html(tr, [written_only_in(tr.lang, *_texts(c, "title"))])


def entrant_name(tr: Translator, entrant: Names) -> str:
    names = {"ky": entrant["name_ky"], "ru": entrant["name_ru"], "en": entrant["name_en"]}
    return escape(names.get(tr.lang, names["ru"]) or names["ru"] or "")


def status(tr: Translator, code: str) -> str:
    return tr._(STATUS_NAMES.get(code, code))


def time_left(tr: Translator, left: timedelta) -> str:
    """'3 days 4 hours', '5 hours 10 minutes', '12 minutes': the two largest parts."""
    minutes = max(int(left.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    day_text = tr.ngettext("{count} day", "{count} days", days).format(count=days)
    hour_text = tr.ngettext("{count} hour", "{count} hours", hours).format(count=hours)
    minute_text = tr.ngettext("{count} minute", "{count} minutes", mins).format(count=mins)
    if days:
        return f"{day_text} {hour_text}" if hours else day_text
    if hours:
        return f"{hour_text} {minute_text}" if mins else hour_text
    return minute_text


def deadline_line(tr: Translator, deadline: datetime, now: datetime) -> str:
    if now > deadline:
        return "🔒 " + tr._("Closed since {date}.").format(date=tr.datetime(deadline))
    return "⏳ " + tr._("Deadline: {date} ({left} left).").format(
        date=tr.datetime(deadline), left=time_left(tr, deadline - now)
    )


def requirements(tr: Translator, c: Content) -> str:
    """What a submission must hold, so an entrant can prepare it before starting."""
    _ = tr._
    parts = [_("a description")]
    if c.get("needs_residents"):
        parts.append(_("the number of residents reached"))
    limit = int(c.get("max_files") or 0)
    if limit:
        parts.append(
            tr.ngettext(
                "up to {count} file (photos, documents, videos)",
                "up to {count} files (photos, documents, videos)",
                limit,
            ).format(count=limit)
        )
    return _("A submission needs: {parts}.").format(parts=", ".join(parts))


def details(tr: Translator, c: Content, now: datetime | None = None, weekday: bool = False) -> str:
    """The whole call: title, description, rules, prizes, who may enter and until when. Texts
    written in the other language only are followed by one note, after the prizes. `weekday`
    names the deadline's day of the week, as the call does."""
    _ = tr._
    staff = StaffTexts(tr)
    lines = ["<b>" + escape(staff.pick(*_texts(c, "title"))) + "</b>"]
    fields: tuple[tuple[TextField, str | None], ...] = (
        ("description", None),
        ("rules", _("Rules")),
        ("prizes", _("Prizes")),
    )
    for field, label in fields:
        value = staff.pick(*_texts(c, field))
        if value:
            lines += ["", (f"<b>{label}</b>\n" if label else "") + escape(value)]
    if note := staff.note():
        lines.append(note)
    who = (
        _("Entrants: clusters of municipalities.")
        if c.get("entrant_kind") == "cluster"
        else (_("Entrants: municipalities (aiyl okmotu)."))
    )
    lines += ["", who, requirements(tr, c)]
    deadline = when(c["deadline"])
    if now is not None:
        lines.append(deadline_line(tr, deadline, now))
    else:
        lines.append(_("Deadline: {date}.").format(date=tr.datetime(deadline, weekday=weekday)))
    return "\n".join(lines)


def kgs(tr: Translator, amount: int) -> str:
    """Grant amounts as Babel writes them in the reader's language: '5 000 000 сом'."""
    return tr._("{amount} KGS").format(amount=tr.number(amount))
