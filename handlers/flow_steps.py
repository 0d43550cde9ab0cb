"""The flow router: typed text and files go to whichever flow is open (registration and profile
edits in `accounts.steps`, the others as their features registered), or else to the menu.

Registered after every feature, so a command or a button is never read as an answer.
"""

from __future__ import annotations

from telegram.ext import MessageHandler, filters

from bot.accounts.views import menu
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from handlers.accounts import registration, steps
from handlers.common import PRIVATE, App, Turn
from handlers.routes import Command, command

OTHER_FLOWS: dict[str, tuple[Command, Command]] = {}
"""Flows with their own input handlers (text, media), filled in by those features' register()."""
MENU_TAP: list[Command] = []
"""The home menu's handler (set by handlers.home), for a menu label typed by hand."""


async def _other(turn: Turn, media: bool) -> bool:
    flow = await turn.svc.current_flow(turn.tid)
    found = OTHER_FLOWS.get(flow.flow) if flow is not None else None
    if found is None:
        return False
    await found[1 if media else 0].run(turn)
    return True


@command(on_refusal=steps.wrong_answer)
async def on_text(turn: Turn) -> None:
    found = await steps.active(turn)
    if found is not None:
        await steps.on_text(turn, *found)
    elif await _other(turn, media=False):
        return
    elif MENU_TAP and menu.menu_key(turn.text) is not None:
        await MENU_TAP[0].run(turn)
    else:
        await registration.no_flow_text(turn)


@command()
async def on_media(turn: Turn) -> None:
    """A photo, file or sticker where a flow expects an answer: say so, ask again."""
    found = await steps.active(turn)
    if found is not None:
        await turn.say(refusal_text(turn.tr, Refusal("media")))
        await steps.question(turn, found[1], new=True)
    elif not await _other(turn, media=True):
        await registration.no_flow_text(turn)


def register(app: App) -> None:
    steps.register(app)
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, on_text))
    media = filters.PHOTO | filters.Sticker.ALL | filters.Document.ALL | filters.VIDEO
    media |= filters.VOICE | filters.AUDIO | filters.LOCATION | filters.ANIMATION
    app.add_handler(MessageHandler(PRIVATE & media, on_media))
