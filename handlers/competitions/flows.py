"""What the competition flows share: how their refusals read, a file where text is asked for,
and the end of a review flow when its reviewer may no longer review."""

from __future__ import annotations

from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from handlers.common import Turn
from handlers.routes import Refusals, command

STAFF = Refusals(denied="competition_staff")
"""Staff screens and flows: a refused right or a vanished competition is for organisers only."""
NOT_YOURS = Refusals(denied="not_your_entrant", stale="not_your_entrant")
"""A member's draft buttons and files: no right to the entrant, or no such entrant, reads the
same."""


@command()
async def media_refused(turn: Turn) -> None:
    """A photo, file or sticker where a staff flow asks for typed text."""
    await turn.say(refusal_text(turn.tr, Refusal("media")))


async def leave_when_denied(turn: Turn, exc: Exception) -> None:
    """A refused answer keeps the question open; losing the right to it (or the submission
    being gone) closes the flow, so the next message is not read as an answer."""
    if not isinstance(exc, Refusal):
        await turn.svc.leave_flow(turn.tid)
    await turn.refuse(STAFF.code_for(exc))
