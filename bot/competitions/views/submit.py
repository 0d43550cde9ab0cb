"""The submission draft's screens: each question, the file count after each file or album,
the review before sending, and the receipt afterwards."""

from __future__ import annotations

from datetime import datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.competitions.callbacks import SubmitAction, SubmitCb
from bot.competitions.service.draft import Draft, DraftFile, IncomingFile
from bot.competitions.service.submissions import MAX_DESCRIPTION, TELEGRAM_DOWNLOAD_LIMIT, Sent
from bot.competitions.views import text
from bot.core.keyboards import button
from bot.core.screens import TEXT_LIMIT, Screen
from bot.i18n import Translator

SHOWN_NOW = 300


def _cb(d: Draft, action: SubmitAction) -> SubmitCb:
    return SubmitCb(competition_id=d.competition.id, entrant_id=d.entrant.id, action=action)


def heading(tr: Translator, d: Draft) -> str:
    return "<b>{title}</b>\n{entrant}".format(
        title=text.title(tr, d.competition.content()),
        entrant=tr._("For: {entrant}").format(entrant=text.entrant_name(tr, d.entrant.plain())),
    )


def file_label(tr: Translator, f: DraftFile) -> str:
    icon = {"photo": "🖼", "video": "🎬"}.get(f["kind"], "📄")
    name = escape(f.get("file_name") or file_kind(tr, f["kind"]))
    size = f.get("file_size")
    label = f"{icon} {name} · {size_text(tr, size)}" if size else f"{icon} {name}"
    if (size or 0) > TELEGRAM_DOWNLOAD_LIMIT:
        label += " · " + tr._("kept in Telegram only")
    return label


def file_kind(tr: Translator, kind: str) -> str:
    return {"photo": tr._("photo"), "video": tr._("video")}.get(kind, tr._("document"))


def size_text(tr: Translator, size: int) -> str:
    if size >= 1024 * 1024:
        return tr._("{size} MB").format(size=tr.number(round(size / 1024 / 1024, 1)))
    return tr._("{size} KB").format(size=tr.number(max(1, round(size / 1024))))


def attached(tr: Translator, d: Draft) -> str:
    count, limit = len(d.files), d.competition.max_files
    return "📎 " + tr.ngettext(
        "{count} file attached (at most {limit}).",
        "{count} files attached (at most {limit}).",
        count,
    ).format(count=count, limit=limit)


def _question(tr: Translator, d: Draft) -> str:
    _ = tr._
    if d.step == "description":
        return _(
            "Describe what was done: what, where, for whom and with what result. "
            "One message, up to {limit} characters."
        ).format(limit=tr.number(MAX_DESCRIPTION))
    if d.step == "residents":
        return _("How many residents did it reach? Send one number, for example 1200.")
    return "\n".join([
        _("Now send photos, documents or videos: an album at once or one by one. "
          "When all are attached, press «Done with files»."),
        attached(tr, d),
    ])  # fmt: skip


def _now_value(tr: Translator, d: Draft) -> str | None:
    if not d.data.get("back"):
        return None
    description, residents = d.data.get("description"), d.data.get("residents")
    if d.step == "description" and description:
        short = description if len(description) <= SHOWN_NOW else description[:SHOWN_NOW] + "…"
        return tr._("Now: {value}").format(value=escape(short))
    if d.step == "residents" and residents is not None:
        return tr._("Now: {value}").format(value=tr.number(residents))
    return None


def step_screen(tr: Translator, d: Draft) -> Screen:
    lines = [heading(tr, d), "", _question(tr, d)]
    current = _now_value(tr, d)
    if current:
        lines.append(current)
    keyboard: list[list[InlineKeyboardButton]] = []
    if d.step == "files":
        keyboard.append([button("✅ " + tr._("Done with files"), _cb(d, "files_done"))])
        if d.files:
            keyboard.append([button("🗑 " + tr._("Remove all files"), _cb(d, "clear_files"))])
    elif d.data.get("back"):
        keyboard.append([button(tr._("Keep as it is"), _cb(d, "keep"))])
    keyboard.append([button(tr._("Cancel"), _cb(d, "abort"))])
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def files_screen(tr: Translator, d: Draft, notes: list[str]) -> Screen:
    """The answer after a file, or once after a whole album."""
    lines = [*notes, attached(tr, d)]
    keyboard = [[button("✅ " + tr._("Done with files"), _cb(d, "files_done"))]]
    if d.files:
        keyboard.append([button("🗑 " + tr._("Remove all files"), _cb(d, "clear_files"))])
    keyboard.append([button(tr._("Cancel"), _cb(d, "abort"))])
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def big_note(tr: Translator, f: IncomingFile) -> str:
    return tr._(
        "«{name}» is over 20 MB: it is accepted and kept in Telegram only, not in our archive."
    ).format(name=escape(f.file_name or file_kind(tr, f.kind)))


def big_file_note(tr: Translator, f: IncomingFile) -> str:
    """Above the list of files: this one is kept in Telegram only."""
    return "ℹ️ " + big_note(tr, f)


def files_reply(tr: Translator, d: Draft | None, notes: list[str]) -> Screen:
    """The answer after a file, or once after a whole album: the files attached so far; with no
    draft at the files step, only what was wrong with the file."""
    if d is None or d.step != "files":
        return Screen("\n".join(notes) or tr._("Please answer the question above."))
    return files_screen(tr, d, notes)


def screens(tr: Translator, d: Draft, now: datetime) -> list[Screen]:
    return review(tr, d, now) if d.step == "review" else [step_screen(tr, d)]


def review(tr: Translator, d: Draft, now: datetime) -> list[Screen]:
    """Everything that will be sent; a long description goes in a message of its own."""
    _ = tr._
    top = ["🔎 <b>" + _("Please check your submission before sending.") + "</b>", heading(tr, d)]
    if d.data.get("based_on"):
        top.append(_("Based on version {version}, the latest sent.").format(
            version=d.data["based_on"]))  # fmt: skip
    body = ["<b>" + _("Description") + "</b>", escape(d.data.get("description") or "")]
    facts = []
    if d.competition.needs_residents:
        residents = d.data.get("residents")
        shown = tr.number(residents) if residents is not None else _("not given")
        facts.append(_("Residents reached: {count}").format(count=shown))
    count = len(d.files)
    facts.append("<b>" + tr.ngettext("{count} file", "{count} files", count).format(count=count)
                 + "</b>")  # fmt: skip
    facts += [f"{n}. {file_label(tr, f)}" for n, f in enumerate(d.files, 1)]
    fixing = _to_fix(tr, d)
    top += fixing
    if not fixing:
        facts += ["", text.deadline_line(tr, d.deadline, now)]
    markup = InlineKeyboardMarkup(_review_buttons(tr, d))
    whole = "\n".join([*top, "", *body, "", *facts])
    if len(whole) <= TEXT_LIMIT:
        return [Screen(whole, markup)]
    return [Screen("\n".join([*top, "", *body])), Screen("\n".join([*top, "", *facts]), markup)]


def _to_fix(tr: Translator, d: Draft) -> list[str]:
    """What the reviewer asked and by when, at the top, while a revision is requested (the
    revision's date stands in for the competition's deadline)."""
    sub = d.submission
    if sub is None or sub.status != "needs_revision":
        return []
    lines = [""]
    if sub.review_comment:
        lines.append("💬 " + tr._("Reviewer's comment: {comment}").format(
            comment=escape(sub.review_comment)))  # fmt: skip
    until = sub.revision_deadline or d.deadline
    lines.append("✏️ " + tr._("Please send a revised version by {date}.").format(
        date=tr.datetime(until)))  # fmt: skip
    return lines


def _review_buttons(tr: Translator, d: Draft) -> list[list[InlineKeyboardButton]]:
    _ = tr._
    keyboard = [[button("✅ " + _("Send"), _cb(d, "send"))]]
    fixes = [button("✏️ " + _("Change text"), _cb(d, "fix_text"))]
    if d.competition.needs_residents:
        fixes.append(button("🔢 " + _("Change figures"), _cb(d, "fix_figures")))
    keyboard.append(fixes)
    if d.competition.max_files:
        keyboard.append([button("📎 " + _("Change files"), _cb(d, "fix_files"))])
    keyboard.append([button(_("Cancel"), _cb(d, "abort"))])
    return keyboard


def sent(tr: Translator, result: Sent) -> Screen:
    _ = tr._
    lines = ["✅ " + _("Sent. Receipt number: {receipt}. Version {version} is the one that counts.")
             .format(receipt=result.submission.receipt, version=result.version)]  # fmt: skip
    old = result.replaced
    if old is not None:
        lines.append("⚠️ " + _(
            "Your version replaced version {version}, sent by {name} on {date}. "
            "Both versions are kept."
        ).format(version=old.version, name=escape(old.submitted_by_name or "?"),
                 date=tr.datetime(datetime.fromisoformat(old.submitted_at))))  # fmt: skip
    if result.told:
        lines.append(tr.ngettext(
            "{count} colleague has been told.", "{count} colleagues have been told.", result.told
        ).format(count=result.told))  # fmt: skip
    return Screen("\n".join(lines))


def cancelled(tr: Translator) -> Screen:
    return Screen(tr._("The draft is cancelled. Nothing was sent."))
