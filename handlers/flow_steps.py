"""The flow router: typed text and files go to whichever flow is open, as each feature
registered its flows here; with no flow open, to the home menu (a label typed by hand) or to
the answer for text nobody asked for.

Registered after every feature, so a command or a button is never read as an answer. It knows
no feature: features fill FLOWS, MENU_TAP, QUESTIONS and NO_FLOW when they register.
"""

from __future__ import annotations

from telegram.ext import MessageHandler, filters

from bot.accounts.views import menu
from handlers.common import PRIVATE, App, Turn
from handlers.routes import Command, command

FLOWS: dict[str, tuple[Command, Command]] = {}
"""By flow name, filled in by each feature's register(): what the flow does with typed text,
and with anything else (photos, files, locations)."""
MENU_TAP: list[Command] = []
"""The home menu's handler (set by handlers.home), for a menu label typed by hand."""
QUESTIONS: list[Command] = []
"""What text gets when no flow is open and it is no menu label: a question answered from the
reader's own data (set by questions), which passes what it can't answer on to NO_FLOW."""
NO_FLOW: list[Command] = []
"""What text or a file gets when no flow is open and it is no menu label (set by accounts)."""


def flow(name: str, text: Command, media: Command) -> None:
    FLOWS[name] = (text, media)


async def _open(turn: Turn) -> tuple[Command, Command] | None:
    found = await turn.svc.current_flow(turn.tid)
    return FLOWS.get(found.flow) if found is not None else None


@command()
async def on_text(turn: Turn) -> None:
    found = await _open(turn)
    if found is not None:
        await found[0].run(turn)
    elif MENU_TAP and menu.menu_key(turn.text) is not None:
        await MENU_TAP[0].run(turn)
    elif QUESTIONS:
        await QUESTIONS[0].run(turn)
    elif NO_FLOW:
        await NO_FLOW[0].run(turn)


@command()
async def on_media(turn: Turn) -> None:
    found = await _open(turn)
    if found is not None:
        await found[1].run(turn)
    elif NO_FLOW:
        await NO_FLOW[0].run(turn)


def register(app: App) -> None:
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, on_text))
    media = filters.PHOTO | filters.Sticker.ALL | filters.Document.ALL | filters.VIDEO
    media |= filters.VOICE | filters.AUDIO | filters.LOCATION | filters.ANIMATION
    app.add_handler(MessageHandler(PRIVATE & media, on_media))
