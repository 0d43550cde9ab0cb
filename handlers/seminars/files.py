"""Files kept with a seminar: staff attach the agenda, send handouts to those who came, and
upload the photos and the signed list after it; members get the agenda and handouts by a tap.

An upload is a small flow: the files a staff member sends go to the seminar they opened it
for, each checked for its purpose. An album is answered once, after its last item.
"""

from __future__ import annotations

from bot.core.errors import Refusal
from bot.i18n import translator
from bot.seminars.callbacks import CycleCb, FileCb
from bot.seminars.service.files import FILES_FLOW, NewFile, Purpose
from bot.seminars.views import files as views
from handlers import albums, flow_steps
from handlers.buttons import button
from handlers.common import App, Context, Turn, services
from handlers.incoming import file_of
from handlers.routes import REFUSED, command
from handlers.seminars.cards import show_card
from handlers.stored_files import send_held

PURPOSES: dict[str, Purpose] = {
    "agenda": "agenda", "handouts": "handout", "photos": "photo", "signed_list": "signed_list",
}  # fmt: skip


async def prompt(turn: Turn, seminar_id: int, purpose: str, new: bool = False) -> None:
    seminar, waiting, attendees = await turn.svc.seminar_files.state(turn.tid, seminar_id, purpose)
    screen = views.upload_prompt(turn.tr, seminar, purpose, waiting, attendees)
    await (turn.say(screen) if new else turn.show(screen))


@button(CycleCb, denied="seminar_staff")
async def on_button(turn: Turn, data: CycleCb) -> None:
    """The card's files, an upload opened or finished, and the handouts sent."""
    svc, sid = turn.svc.seminar_files, data.seminar_id
    if data.action == "files":
        files = await svc.kept(turn.tid, sid)
        seminar, _ = await turn.svc.seminars.card(turn.tid, sid)
        started = turn.svc.clock.now() >= seminar.starts_at
        await turn.show(views.files_screen(turn.tr, seminar, files, started))
    elif data.action == "done":
        await svc.finish(turn.tid)
        await turn.answer()
        await show_card(turn, sid)
    elif data.action == "send_handouts":
        count, people = await svc.send_handouts(turn.tid, sid)
        await turn.answer()
        await turn.show(views.handouts_sent(turn.tr, count, people))
        await show_card(turn, sid, new_message=True)
    else:
        purpose = PURPOSES[data.action]
        await svc.begin(turn.tid, sid, purpose)
        await turn.answer()
        await prompt(turn, sid, purpose)


@button(FileCb, denied="not_invited", missing="not_invited")
async def on_file(turn: Turn, data: FileCb) -> None:
    """The file itself, by its Telegram file_id, to whoever may have it."""
    found = await turn.svc.seminar_files.fetch(turn.tid, data.seminar_id, data.file_id)
    await turn.answer()
    await send_held(turn, [found])


@command(denied="seminar_staff")
async def on_media(turn: Turn) -> None:
    """A file for the open upload; a refused one is said, and nothing of it is kept."""
    new = file_of(turn.message, NewFile, videos=False)
    if new is None:
        _, purpose = await turn.svc.seminar_files.open_upload(turn.tid)
        raise Refusal("seminar_file_type", purpose=purpose)
    seminar, purpose = await turn.svc.seminar_files.add(turn.tid, new)
    if purpose == "agenda":
        await turn.say(views.agenda_saved(turn.tr, seminar))
        await show_card(turn, seminar.id, new_message=True)
        return
    if albums.item(turn, "seminar", None, _album_done, (seminar.id, purpose)):
        return
    await prompt(turn, seminar.id, purpose, new=True)


@command(denied="seminar_staff")
async def on_text(turn: Turn) -> None:
    seminar_id, purpose = await turn.svc.seminar_files.open_upload(turn.tid)
    await turn.say(views.send_a_file(turn.tr))
    await prompt(turn, seminar_id, purpose, new=True)


async def _album_done(context: Context, album: albums.Album) -> None:
    svc = services(context)
    tr = translator(album.lang, svc.config.tz)
    seminar_id, purpose = album.about
    try:
        seminar, waiting, attendees = await svc.seminar_files.state(album.tid, seminar_id, purpose)
    except REFUSED:
        return
    screen = views.upload_prompt(tr, seminar, purpose, waiting, attendees)
    await context.bot.send_message(album.chat_id, screen.text, reply_markup=screen.markup)


def register(app: App) -> None:
    actions = {"files", "done", "send_handouts", *PURPOSES}
    app.add_handler(on_button.route(action=actions))
    app.add_handler(on_file.route())
    flow_steps.flow(FILES_FLOW, on_text, on_media)
