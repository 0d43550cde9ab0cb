"""Telegram's HTML, as broadcasts keep their texts and the chat's preview words its summary,
shown in a page: the few tags Telegram formats with are kept, links only to the web or
Telegram, everything else is text. A text typed in the chat arrives escaped by Telegram, but
the page does not take that on trust."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from markupsafe import Markup

KEPT = {
    "b": "strong", "strong": "strong", "i": "em", "em": "em", "u": "u", "ins": "u", "s": "s",
    "strike": "s", "del": "s", "code": "code", "pre": "pre", "blockquote": "blockquote",
    "tg-spoiler": "mark", "span": "span",
}  # fmt: skip
SCHEMES = ("http://", "https://", "tg://", "mailto:")


class _Safe(HTMLParser):
    def __init__(self, links: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.links = links

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and self.links:
            href = dict(attrs).get("href") or ""
            if href.lower().startswith(SCHEMES):
                self.out.append(f'<a href="{escape(href)}" rel="noopener noreferrer">')
                self.open.append("a")
        elif tag in KEPT and self.links:
            self.out.append(f"<{KEPT[tag]}>")
            self.open.append(KEPT[tag])

    def handle_endtag(self, tag: str) -> None:
        wanted = "a" if tag == "a" else KEPT.get(tag)
        if wanted is not None and wanted in self.open:
            while self.open:
                closing = self.open.pop()
                self.out.append(f"</{closing}>")
                if closing == wanted:
                    break

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))


def safe(telegram_html: str | None) -> Markup:
    """The text with its formatting, ready for a page (`white-space: pre-wrap` keeps lines)."""
    parser = _Safe(links=True)
    parser.feed(telegram_html or "")
    return Markup(parser.result())  # noqa: S704 - every piece is escaped or one of KEPT


def plain(telegram_html: str | None) -> str:
    """The text alone, for a table cell or a title (the page escapes it)."""
    parser = _Safe(links=False)
    parser.feed(telegram_html or "")
    return Markup(parser.result()).unescape()
