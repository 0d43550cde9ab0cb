"""The fuzz test's two halves: what a careless, curious or hostile person might send, and how
to tell which language a reply is written in.

Everything random comes from one `random.Random`, so a failing run is repeated by its seed.
"""

from __future__ import annotations

import base64
import dataclasses
import random
import re
import typing
from dataclasses import dataclass, field
from typing import Any

from babel.messages.pofile import read_po

import bot.accounts.callbacks
import bot.broadcasts.callbacks
import bot.competitions.callbacks
import bot.seminars.callbacks
from bot.accounts.views.menu import LABELS
from bot.accounts.views.steps import choose_language
from bot.config import LANGUAGES
from bot.core.callback_data import CallbackData
from bot.i18n import LOCALES_DIR, translator

FEATURE_CALLBACKS = (bot.accounts.callbacks, bot.broadcasts.callbacks,
                     bot.competitions.callbacks, bot.seminars.callbacks)  # fmt: skip
"""Imported so that every payload type is a subclass of CallbackData by the time we look."""

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
MAX_TEXT = 4096
"""Telegram's limit for one message: an app sends a longer text as several messages."""

COMMANDS = (
    "start", "help", "cancel", "status", "language", "profile", "mydata", "deleteme", "mute",
    "unmute", "seminars", "checkin", "competitions", "mysubmissions", "results", "pending",
    "staff", "promote", "demote", "broadcast", "broadcasts", "newseminar", "report",
    "newcompetition", "newcluster", "submissions", "exportsubmissions", "nosuchcommand", "START",
)  # fmt: skip
ODD_NAMES = (
    "../../x", "CON.txt", "..\\..\\boot.ini", "PRN", "aux.pdf", "nul.", ".htaccess", "..",
    "/etc/passwd", "a/b/c.txt", "x" * 250 + ".pdf", "\u202efdp.exe", "<b>отчёт</b>.docx",
    "отчёт 2026 (копия).xlsx", "📄📄.pdf", "Бешик-Жон & Co; DROP TABLE users.doc", "   .txt",
)  # fmt: skip
JUNK_WORDS = (
    "../../x", "CON.txt", "-1", "0", "999999999999999999999", "31.02.2026", "01.11.2026",
    "99.99.9999", "checkin_", "checkin_000000", "checkin_123456", "' OR 1=1 --", "%s%s%n",
    "{name}", "<b>", "&amp;", "osh", "jalal-abad", "admin", "coordinator", "900001",
    "@munibot_test",
)  # fmt: skip
ALPHABETS = (
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяңөүАБВГҢӨҮ",
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "0123456789", " .,;:!?-–—«»\"'()[]{}<>&%$#@/\\|*+=_~^`\n\t",
    "😀👍🇰🇬❤️‍🔥👩🏽‍🌾🧪", "漢字かなカナ한국어", "مرحبا שלום", "\u200b\u200d\u2060\u202e\u0301\u0336",
)  # fmt: skip


def random_text(rng: random.Random, longest: int = 60) -> str:
    """Never blank: Telegram delivers no empty message."""
    size = rng.choice((1, 2, 5, 12, longest, rng.randint(1, longest)))
    text = "".join(rng.choice(rng.choice(ALPHABETS)) for _ in range(size))
    return text if text.strip() else text + rng.choice("яz7")


def long_text(rng: random.Random, size: int) -> list[str]:
    """A text of `size` characters as a Telegram app delivers it: cut into messages of at
    most 4096."""
    text = "".join(rng.choice(ALPHABETS[rng.randrange(3)]) for _ in range(size))
    text = "ж" + text[1:]
    parts = [text[i : i + MAX_TEXT] for i in range(0, size, MAX_TEXT)]
    return [p if p.strip() else p + "ж" for p in parts]


def some_text(rng: random.Random) -> str:
    """Random characters, or something the bot might half-recognise."""
    kind = rng.random()
    if kind < 0.55:
        return random_text(rng)
    if kind < 0.65:
        return random_text(rng, longest=MAX_TEXT)
    if kind < 0.8:
        lang = rng.choice(LANGUAGES)
        return translator(lang)._(rng.choice(list(LABELS.values())))
    return rng.choice(JUNK_WORDS + ("123456", "0700 123 456", "42.87, 74.59", "Да", "Ооба"))


def junk_command(rng: random.Random) -> str:
    words = [rng.choice(JUNK_WORDS) if rng.random() < 0.6 else random_text(rng, 20)
             for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))]  # fmt: skip
    return " ".join(["/" + rng.choice(COMMANDS), *words])


def odd_document(rng: random.Random) -> dict[str, Any]:
    data = rng.choice((b"%PDF-1.4\n%%EOF\n", b"\x00" * 7, PNG, "Привет".encode(), b"MZ\x90\x00"))
    spec: dict[str, Any] = {"file_name": rng.choice(ODD_NAMES), "content": data}
    if rng.random() < 0.3:
        spec["mime_type"] = rng.choice(("application/x-msdownload", "text/html", "image/png"))
    return spec


def random_location(rng: random.Random) -> tuple[float, float]:
    edges = ((0.0, 0.0), (90.0, 180.0), (-90.0, -180.0), (42.87, 74.59), (40.93, 73.0))
    if rng.random() < 0.5:
        return rng.choice(edges)
    return (round(rng.uniform(-90, 90), 6), round(rng.uniform(-180, 180), 6))


def _payload_types() -> list[type[CallbackData]]:
    found: list[type[CallbackData]] = []
    todo = list(CallbackData.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if hasattr(cls, "prefix"):
            found.append(cls)
    return sorted(found, key=lambda c: c.prefix)


PAYLOADS = _payload_types()


def _field_value(rng: random.Random, hint: Any) -> str:
    if hint is int:
        return str(rng.choice((0, 1, 1, 2, 3, 5, -1, 10**18 - 1, rng.randint(1, 10**6))))
    if typing.get_origin(hint) is typing.Literal and rng.random() < 0.8:
        return str(rng.choice(typing.get_args(hint)))
    return rng.choice(("x", "..", "edit_name", "restart", "all", "ru", "1", "a" * 40, "", "é"))


def garbage_callback(rng: random.Random) -> str:
    """Mostly a known payload type with wrong, foreign or missing fields (these reach the
    handlers); sometimes bytes nobody could decode. Telegram carries at most 64 bytes."""
    if rng.random() < 0.25:
        data = random_text(rng, 64)
    else:
        cls = rng.choice(PAYLOADS)
        hints = typing.get_type_hints(cls)
        fields = [_field_value(rng, hints[f.name]) for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        if rng.random() < 0.15:
            fields = fields[: rng.randrange(len(fields) + 1)] + ["extra"] * rng.randint(0, 1)
        data = ":".join([cls.prefix, *fields])
    while len(data.encode()) > 64:
        data = data[:-1]
    return data


# --- which language a reply is in -------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_TAG = re.compile(r"</?[a-z]+[^>]*>")
_PIECES = re.compile(r"\{[^{}]*\}|\n")
FOREIGN_MIN = 12
"""A piece of another language's string at least this long is not there by chance."""


def _catalog(lang: str) -> list[str]:
    """Every string the bot can say in `lang` (English: the message ids), tags removed."""
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=lang)
    strings: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        strings += [t for t in texts if t] if lang != "en" else list(ids)
    return [_TAG.sub("", s) for s in strings]


@dataclass
class _Pattern:
    clue: str
    """The longest literal piece: a cheap test before the regular expression."""
    regex: re.Pattern[str]


def _pattern(text: str) -> _Pattern | None:
    """The string with its placeholders as wildcards; None when its own words are too few to
    say anything about a language."""
    parts = _PLACEHOLDER.split(text)
    if sum(c.isalpha() for c in "".join(parts)) < 3:
        return None
    regex = re.compile(".*?".join(re.escape(p) for p in parts), re.S)
    return _Pattern(max(parts, key=len), regex)


@dataclass
class Languages:
    """Tells whether a text is in a given language, from the real catalogs: it has to contain a
    whole string of that language (placeholders filled with anything) and no long piece of a
    string that exists only in another one."""

    patterns: dict[str, list[_Pattern]] = field(default_factory=dict)
    foreign: dict[str, set[str]] = field(default_factory=dict)
    multilingual: set[str] = field(default_factory=set)
    chooser: str = ""

    @classmethod
    def load(cls) -> Languages:
        catalogs = {lang: _catalog(lang) for lang in LANGUAGES}
        pieces = {
            lang: {p.strip() for s in strings for p in _PIECES.split(s) if len(p.strip()) >= 12}
            for lang, strings in catalogs.items()
        }
        found = cls()
        for lang, strings in catalogs.items():
            found.patterns[lang] = [p for p in map(_pattern, strings) if p is not None]
            own = "\x00".join(strings)
            others = set().union(*(pieces[o] for o in LANGUAGES if o != lang))
            found.foreign[lang] = {p for p in others if p not in own}
        chooser = choose_language([translator(lang) for lang in LANGUAGES]).text
        found.multilingual.add(chooser)
        found.chooser = "\n\n" + chooser
        return found

    def problem(self, text: str, langs: set[str]) -> str | None:
        """Why `text` is not in one of `langs`, or None when it is."""
        if text in self.multilingual:
            return None
        # A newcomer's first screen: one line in their language, then the chooser in all.
        text = text.removesuffix(self.chooser)
        for lang in langs:
            if not self._known(text, lang):
                continue
            alien = next((p for p in self.foreign[lang] if p in text), None)
            if alien is None:
                return None
            return f"contains {alien!r}, which is not {lang}"
        return f"matches no {'/'.join(sorted(langs))} string"

    def _known(self, text: str, lang: str) -> bool:
        return any(p.clue in text and p.regex.search(text) for p in self.patterns[lang])
