"""The seminar import's reasons, for the command line: the bot's own English message for each
refusal, so a file and the wizard never disagree about what is wrong."""

from __future__ import annotations

from functools import cache

from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.i18n import translator


@cache
def _generic() -> str:
    return refusal_text(translator("en"), Refusal("unexpected"))


def explain(exc: Refusal) -> str:
    """Without its last full stop, as reasons are joined with semicolons; a code with no message
    of its own is spelt out."""
    text = refusal_text(translator("en"), exc)
    if text != _generic() or exc.code == "unexpected":
        return text.rstrip(".")
    return exc.code.replace("_", " ")
