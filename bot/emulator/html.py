"""Telegram's parse_mode=HTML, re-implemented strictly enough to catch what Telegram rejects.

The bot builds HTML by hand, so the emulator must fail exactly where Telegram fails
(unknown tags, broken nesting, unescaped ``<``) instead of silently accepting it. One
deliberate strictness on top of Telegram: a bare ``&`` that does not start a valid
entity is an error here (Telegram lets it through), because unescaped user input is
the usual cause and tests should notice it.

Entity offsets/lengths are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:(lt|gt|amp|quot)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_SPECIAL_RE = re.compile(r"[<&]")
_ATTR_NAME_RE = re.compile(r"[A-Za-z0-9_-]+")


class MessageEntity(TypedDict):
    type: str
    offset: int
    length: int
    url: NotRequired[str]
    language: NotRequired[str]


class HtmlError(ValueError):
    """Raised with Telegram's wording; callers prefix "Bad Request: can't parse entities: "."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Open:
    tag: str
    start: int  # UTF-16 offset in the output
    attrs: dict[str, str] = field(default_factory=dict)
    language: str | None = None


class _Parser:
    def __init__(self, src: str) -> None:
        self.src = src
        self.out: list[str] = []
        self.pos16 = 0
        self.stack: list[_Open] = []
        self.entities: list[MessageEntity] = []

    def byte_offset(self, i: int) -> int:
        return len(self.src[:i].encode("utf-8"))

    def emit(self, chunk: str) -> None:
        if chunk:
            self.out.append(chunk)
            self.pos16 += utf16_len(chunk)

    def run(self) -> tuple[str, list[MessageEntity]]:
        i, src = 0, self.src
        while i < len(src):
            m = _SPECIAL_RE.search(src, i)
            if m is None:
                self.emit(src[i:])
                break
            self.emit(src[i : m.start()])
            i = m.start()
            i = self.entity(i) if src[i] == "&" else self.tag(i)
        if self.stack:
            raise HtmlError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].tag}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def entity(self, i: int) -> int:
        m = _ENTITY_RE.match(self.src, i)
        if m is None:
            raise HtmlError(f"Character entity expected at byte offset {self.byte_offset(i)}")
        self.emit(decode_entity(m))
        return m.end()

    def tag(self, i: int) -> int:
        if self.src.startswith("</", i):
            return self.end_tag(i)
        return self.start_tag(i)

    def start_tag(self, begin: int) -> int:
        src, i = self.src, begin + 1
        while i < len(src) and not src[i].isspace() and src[i] != ">":
            i += 1
        if i >= len(src):
            raise HtmlError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        name = src[begin + 1 : i].lower()
        if name not in TAG_TYPES:
            raise HtmlError(
                f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}'
            )
        attrs, i = self.attributes(name, begin, i)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise HtmlError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(begin)}'
            )
        self.stack.append(_Open(name, self.pos16, attrs))
        return i + 1

    def attributes(self, tag: str, begin: int, i: int) -> tuple[dict[str, str], int]:
        """Parses `name=value` pairs up to `>`; returns them and the index of `>`."""
        src = self.src
        attrs: dict[str, str] = {}
        while True:
            while i < len(src) and src[i].isspace():
                i += 1
            if i >= len(src):
                raise HtmlError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
            if src[i] == ">":
                return attrs, i
            m = _ATTR_NAME_RE.match(src, i)
            if m is None:
                raise HtmlError(
                    f'Empty attribute name in the tag "{tag}" at byte offset '
                    f"{self.byte_offset(begin)}"
                )
            name, i = m.group(0).lower(), m.end()
            if i < len(src) and src[i] == "=":
                value, i = self.attr_value(tag, begin, i + 1)
            elif tag == "blockquote" and name == "expandable":
                value = ""
            else:
                raise HtmlError(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                    f"at byte offset {self.byte_offset(begin)}"
                )
            attrs[name] = value

    def attr_value(self, tag: str, begin: int, i: int) -> tuple[str, int]:
        src = self.src
        if i < len(src) and src[i] in "\"'":
            end = src.find(src[i], i + 1)
            if end < 0:
                raise HtmlError(
                    f'Unclosed end of an attribute value of the tag "{tag}" at byte offset '
                    f"{self.byte_offset(begin)}"
                )
            return unescape_loose(src[i + 1 : end]), end + 1
        j = i
        while j < len(src) and not src[j].isspace() and src[j] != ">":
            j += 1
        return unescape_loose(src[i:j]), j

    def end_tag(self, begin: int) -> int:
        close = self.src.find(">", begin)
        if close < 0:
            raise HtmlError(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        name = self.src[begin + 2 : close].lower()
        if not self.stack:
            raise HtmlError(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        top = self.stack[-1]
        if name != top.tag:
            raise HtmlError(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{top.tag}>", found "</{name}>"'
            )
        self.stack.pop()
        self.close(top)
        return close + 1

    def close(self, item: _Open) -> None:
        klass = item.attrs.get("class", "")
        parent = self.stack[-1] if self.stack else None
        if item.tag == "code" and klass.startswith("language-") and parent and parent.tag == "pre":
            parent.language = klass.removeprefix("language-")
            return
        length = self.pos16 - item.start
        if length <= 0:
            return
        entity: MessageEntity = {
            "type": TAG_TYPES[item.tag],
            "offset": item.start,
            "length": length,
        }
        if item.tag == "a":
            href = item.attrs.get("href", "")
            if not href:
                return
            entity["url"] = href
        if item.tag == "pre" and item.language:
            entity["language"] = item.language
        if item.tag == "blockquote" and "expandable" in item.attrs:
            entity["type"] = "expandable_blockquote"
        self.entities.append(entity)


def decode_entity(m: re.Match[str]) -> str:
    named, dec, hexa = m.groups()
    if named:
        return NAMED_ENTITIES[named]
    code = int(dec) if dec else int(hexa, 16)
    return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"


def unescape_loose(text: str) -> str:
    """Attribute values: decode valid entities, keep everything else as written."""
    return _ENTITY_RE.sub(decode_entity, text)


def parse_html(src: str) -> tuple[str, list[MessageEntity]]:
    """Returns (plain text, entities) or raises HtmlError."""
    return _Parser(src).run()
