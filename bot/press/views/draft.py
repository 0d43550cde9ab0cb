"""A release as blocks of plain text, in reading order: what the Word writer lays out and what
tests read back. Every sentence in a block was one catalog entry, filled in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from babel.lists import format_list

from bot.core.programmes.repo import Programme
from bot.i18n import Translator
from bot.press import footer

Kind = Literal["title", "lead", "heading", "text", "item", "quote", "photos", "source", "footer"]


@dataclass(frozen=True)
class Draft:
    headline: str
    lang: str
    made_at: datetime
    blocks: list[tuple[Kind, str]] = field(default_factory=list)
    photos: list[bytes] = field(default_factory=list)
    """The pictures a "photos" block lays out, already checked to open."""

    def add(self, kind: Kind, *texts: str) -> None:
        self.blocks.extend((kind, t) for t in texts if t)


def joined(tr: Translator, names: Iterable[str]) -> str:
    """ "A, B and C" as the language writes a list."""
    found = [n for n in names if n]
    return format_list(found, locale=tr.locale) if found else ""


def name_in(names: Mapping[str, object], lang: str) -> str:
    """A directory name in `lang`; Russian where that language has none."""
    return str(names.get(f"name_{lang}") or names.get("name_ru") or "")


def organisers(tr: Translator, programmes: list[Programme]) -> str:
    """The implementing organisations, as the certificate names them."""
    found: list[str] = []
    for programme in programmes:
        for part in programme.implementers.split(","):
            if part.strip() and part.strip() not in found:
                found.append(part.strip())
    return joined(tr, found)


def footer_lines(tr: Translator, programmes: list[Programme]) -> list[str]:
    """The file staff keep; without one, each programme's donor and implementers."""
    written = footer.lines(tr.lang)
    if written is not None:
        return written
    _ = tr._
    found: list[str] = []
    donors = joined(tr, dict.fromkeys(p.donor.strip() for p in programmes if p.donor.strip()))
    if donors:
        found.append(_("With the support of {donor}").format(donor=donors))
    if implementers := organisers(tr, programmes):
        found.append(_("Implemented by {organisations}.").format(organisations=implementers))
    return found


def closing(tr: Translator, draft: Draft, sources: list[str], programmes: list[Programme]) -> None:
    """The sources to check the figures against, then the footer."""
    _ = tr._
    draft.add("heading", _("Sources for checking"))
    draft.add("source", *sources)
    made = tr.datetime(draft.made_at, year=True)
    draft.add("source", _("This is a draft made from munibot's data on {date}: check it before"
                          " you publish it.").format(date=made))  # fmt: skip
    draft.add("footer", *footer_lines(tr, programmes))


def ids(numbers: Iterable[int]) -> str:
    return ", ".join(f"#{n}" for n in numbers)
