"""The refusal vocabulary: why the bot won't do what was asked. Nothing was changed.

Services raise these; views turn them into a sentence in the reader's language (see
`bot.core.refusals`); handlers catch them in one place (`handlers.common`), never word them.
"""

from __future__ import annotations


class Refusal(Exception):
    """An answer or an action the rules refuse; `code` picks the message, `info` fills it in."""

    def __init__(self, code: str, **info: object) -> None:
        super().__init__(code)
        self.code = code
        self.info = info


class NotAllowed(Exception):
    """The person asking has no right to this action."""


class NotFound(Exception):
    """The person or thing named does not exist (or erased their data)."""
