"""What the soak's users expect to read, and what would be the other language, both from the
real catalogs: a changed wording shows up as unanswered updates naming the step, not as a
silently passing soak.

A template such as "✅ You are on the list for «{title}»." is matched by its longest literal
piece, in the reader's language; the same piece in the other language marks a reply in the
wrong language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from babel.messages.pofile import read_po

from bench.scripts import SENT
from bot.accounts.views.steps import choose_language
from bot.core import replies
from bot.core.labels import LANGUAGE_NAMES
from bot.i18n import LOCALES_DIR, compile_catalogs, translator

PLACEHOLDER = re.compile(r"\{[^{}]*\}|<[^<>]+>|\n")
FOREIGN_MIN = 12
"""Shorter pieces ("Phone: ") are too likely to occur in both languages' texts by chance."""

STATUS = ("My status",)
RSVP = (
    "✅ You are on the list for «{title}».",
    "⏳ «{title}» is full. You are on the waitlist, number {position}. "
    "If a place opens up, I will tell you at once.",
    "Thank you for letting us know. You can change your answer until {deadline}.",
)
REGISTERED = ("You are already registered. Send /profile to see or change your details.",)
APPROVED = ("Approved by {name}",)
WELCOMED = (
    "Your registration is approved. Welcome! You will receive seminar invitations and "
    "competition news here. Send /help to see what I can do.",
)
REGISTRATION = {
    "lang": "Choose your language:",
    "phone": "Please share your phone number with the button below.",
    "region": "Choose your region:",
    "district": "Choose your district:",
    "municipality": "Choose your aiyl aimak or town:",
    "position": "What is your position?",
    "name": "Please write your full name (surname, first name).",
    "gender": "Your gender:",
    "summary": "Please check your details:",
    "sent": SENT,
    "waiting": "Your registration is waiting for a coordinator's approval. "
    "You will get a message here.",
}
SUBMISSION = {
    "listing": "Not sent yet.",
    "listing_sent": "Receipt {receipt} · {status} · version {version}",
    "closed": "There are no competitions open for your municipality right now.",
    "description": "Describe what was done: what, where, for whom and with what result. "
    "One message, up to {limit} characters.",
    "residents": "How many residents did it reach? Send one number, for example 1200.",
    "files": "Now send photos, documents or videos: an album at once or one by one. "
    "When all are attached, press «Done with files».",
    "review": "Please check your submission before sending.",
    "sent": "Sent. Receipt number: {receipt}. Version {version} is the one that counts.",
}
ATTACHED = ("{count} file attached (at most {limit}).", "{count} files attached (at most {limit}).")


def pieces(text: str) -> list[str]:
    return [p.strip() for p in PLACEHOLDER.split(text) if p.strip()]


def longest(text: str) -> str:
    return max(pieces(text), key=len)


@dataclass(frozen=True)
class Expect:
    """Fragments of the replies a step may get, by name, in the reader's language and in the
    other one."""

    own: dict[str, str]
    other: dict[str, str]

    def judge(self, text: str) -> tuple[str, bool] | None:
        """(name, in the right language) for the first fragment the text holds."""
        for name, fragment in self.own.items():
            if fragment in text:
                return name, True
        for name, fragment in self.other.items():
            if fragment in text:
                return name, False
        return None


@cache
def expect(lang: str, group: tuple[tuple[str, str], ...]) -> Expect:
    """`group`: (name, msgid) pairs; apologies (our error, a busy database) always count as
    an answer, under the names "error" and "busy"."""
    other = "ru" if lang == "ky" else "ky"

    def table(code: str) -> dict[str, str]:
        tr = translator(code)
        found = {name: longest(tr._(msgid)) for name, msgid in group}
        found["error"] = longest(replies.our_error(tr))
        found["busy"] = longest(replies.busy(tr))
        return found

    return Expect(table(lang), table(other))


def named(**msgids: str) -> tuple[tuple[str, str], ...]:
    return tuple(msgids.items())


def attached_fragments(lang: str) -> list[str]:
    tr = translator(lang)
    return [longest(tr.ngettext(*ATTACHED, n)) for n in (1, 2, 5)]


def label(lang: str, msgid: str, icon: str = "") -> str:
    return icon + translator(lang)._(msgid)


def language_name(lang: str) -> str:
    return LANGUAGE_NAMES[lang]  # type: ignore[index]


@cache
def foreign_pieces() -> dict[str, frozenset[str]]:
    """For each language, the catalog pieces only the *other* language has: a message to a ky
    reader holding one of the ru pieces was written in the wrong language."""
    compile_catalogs()
    with (LOCALES_DIR / "messages.pot").open("rb") as pot:
        catalog = read_po(pot)
    texts: dict[str, list[str]] = {"ky": [], "ru": []}
    for message in catalog:
        if not message.id:
            continue
        for lang, found in texts.items():
            tr = translator(lang)
            if isinstance(message.id, tuple | list):
                found += [tr.ngettext(message.id[0], message.id[1], n) for n in (1, 2, 5, 21)]
            else:
                found.append(tr._(message.id))
    blobs = {lang: "\n".join(found) for lang, found in texts.items()}
    only = {}
    for lang, other in (("ky", "ru"), ("ru", "ky")):
        candidates = {p for text in texts[other] for p in pieces(text) if len(p) >= FOREIGN_MIN}
        only[lang] = frozenset(p for p in candidates if p not in blobs[lang])
    return only


@cache
def multilingual() -> str:
    """The one screen meant for every language at once: the language chooser."""
    return choose_language([translator(lang) for lang in LANGUAGE_NAMES]).text


def wrong_language(lang: str, text: str) -> str | None:
    """The first piece of the other language's catalog that `text` holds, if any."""
    if not text or text == multilingual():
        return None
    return next((piece for piece in foreign_pieces()[lang] if piece in text), None)
