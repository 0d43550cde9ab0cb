"""The audience of a broadcast named in the reader's language, with its count: the preview
and the history say whom it reaches ("Jalal-Abad Region: 34 people")."""

from __future__ import annotations

from html import escape

from bot.core import labels
from bot.core.audience.repo import Option
from bot.i18n import Translator

NAMED = 3
"""Names shown of an audience; more are counted."""


def reach(tr: Translator, kind: str, names: list[Option], count: int) -> str:
    """'Jalal-Abad Region: 34 people', 'Municipalities Beshik-Jon, Kenesh: 5 people'."""
    return tr.ngettext("{audience}: {count} person", "{audience}: {count} people", count).format(
        audience=audience_name(tr, kind, names), count=count
    )


def audience_name(tr: Translator, kind: str, names: list[Option]) -> str:
    """The audience in the reader's language: the chosen places, clusters or positions by name,
    with the kind where the names don't say it."""
    _ = tr._
    if kind == "all":
        return _("All members")
    if not names:
        return _("The chosen members")
    shown = ", ".join(escape(_option_name(tr, option)) for option in names[:NAMED])
    if len(names) > NAMED:
        more = len(names) - NAMED
        shown = tr.ngettext("{names} and {count} more", "{names} and {count} more", more).format(
            names=shown, count=more
        )
    n = len(names)
    if kind == "municipalities":
        return tr.ngettext("Municipality {names}", "Municipalities {names}", n).format(names=shown)
    if kind == "clusters":
        return tr.ngettext("Cluster {names}", "Clusters {names}", n).format(names=shown)
    return shown


def _option_name(tr: Translator, option: Option) -> str:
    value, names = option
    if names is None:
        return labels.position(tr, value)
    return {"ky": names["name_ky"], "ru": names["name_ru"]}.get(tr.lang, names["name_en"])
