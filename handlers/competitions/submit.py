"""A member's side of a competition: what is open, and building and sending a submission.

Files come one by one or as an album. Telegram delivers each album item as its own update
sharing a media_group_id; every item is added as it comes, and one answer follows the last
item of the album instead of one per photo.
"""

from __future__ import annotations

from dataclasses import asdict

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler

from bot.competitions import archiver
from bot.competitions.service.draft import Draft, IncomingFile
from bot.competitions.views import my_submissions as lists
from bot.competitions.views import submit as views
from bot.core.callback_data import CallbackDataError, SubmitCb
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.refusals import refusal
from bot.core.screens import Screen
from bot.i18n import Translator, translator
from handlers import flow_steps
from handlers.common import Context, say, services, show, tr_for

REFUSED = (CallbackDataError, Refusal, NotAllowed, NotFound)
ALBUM_WAIT_S = 1.0
"""Album items arrive within a fraction of a second of each other."""


async def show_open(update: Update, context: Context) -> None:
    """Raises NotAllowed for someone not (yet) approved; /competitions tells them to register."""
    svc = services(context)
    standings = await svc.submissions.mine(update.effective_user.id)
    await say(update, lists.open_list(await tr_for(update, context), standings, svc.clock.now()))


async def ask(update: Update, context: Context, draft: Draft, edit: bool = True) -> None:
    """The step the draft stands at; after a button, in place of the pressed message."""
    shown = views.screens(await tr_for(update, context), draft, services(context).clock.now())
    if edit and len(shown) == 1:
        await show(update, shown[0])
        return
    for screen in shown:
        await say(update, screen)


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    tr = await tr_for(update, context)
    try:
        data = SubmitCb.unpack(query.data)
        result = await _act(context, update.effective_user.id, data)
    except REFUSED as exc:
        await _refuse(update, context, tr, exc)
        return
    await query.answer()
    now = services(context).clock.now()
    if data.action == "view":
        standing, flow = result
        await say(update, lists.details(tr, standing, flow is not None, now))
    elif data.action == "send":
        archiver.after_submit(context.application, result.submission.id, result.version)
        await show(update, views.sent(tr, result))
    elif result is None:
        await show(update, views.cancelled(tr))
    else:
        await ask(update, context, result, edit=data.action != "start")


async def _act(context: Context, tid: int, data: SubmitCb):
    svc = services(context).submission_draft
    ids = (tid, data.competition_id, data.entrant_id)
    special = {"view": svc.view, "start": svc.begin, "send": svc.send}
    if data.action in special:
        return await special[data.action](*ids)
    return await svc.act(*ids, data.action)


async def _refuse(update: Update, context: Context, tr: Translator, exc: Exception) -> None:
    """A button of an older step gets the current step shown again; one of a draft that no
    longer exists (sent or cancelled) is simply no longer valid."""
    draft = await services(context).submission_draft.draft(update.effective_user.id)
    stale = isinstance(exc, Refusal) and exc.code == "stale"
    text = refusal(tr, exc, "not_your_entrant")
    if stale and draft is None:
        text = tr._("This button is no longer valid.")
    await update.callback_query.answer(text, show_alert=True)
    if stale and draft is not None:
        await ask(update, context, draft, edit=False)


async def on_text(update: Update, context: Context) -> None:
    """The description or the number of residents; at other steps, what to do instead."""
    tr = await tr_for(update, context)
    svc = services(context).submission_draft
    try:
        draft = await svc.text(update.effective_user.id, update.effective_message.text or "")
    except REFUSED as exc:
        await say(update, refusal(tr, exc, "not_your_entrant"))
        return
    await ask(update, context, draft, edit=False)


def incoming(message: Message) -> IncomingFile | None:
    """The file a message carries, as the draft keeps it; None for stickers, voice and such."""
    if message.photo:
        p = message.photo[-1]
        return IncomingFile("photo", p.file_id, p.file_unique_id, None, "image/jpeg", p.file_size)
    found = message.video or (message.document if message.animation is None else None)
    if found is None:
        return None
    kind = "video" if message.video else "document"
    return IncomingFile(kind, found.file_id, found.file_unique_id, found.file_name,
                        found.mime_type, found.file_size)  # fmt: skip


async def on_media(update: Update, context: Context) -> None:
    """A file for the draft; refused ones are named, the files already attached stay."""
    tr = await tr_for(update, context)
    svc = services(context).submission_draft
    message, note = update.effective_message, None
    try:
        found = incoming(message)
        if found is None:
            raise Refusal("file_type")
        await svc.add_file(update.effective_user.id, found)
        if found.too_big:
            note = "ℹ️ " + views.big_note(tr, asdict(found))
    except REFUSED as exc:
        note = refusal(tr, exc, "not_your_entrant")
    if message.media_group_id and context.job_queue is not None:
        _album_item(update, context, tr, message.media_group_id, note)
        return
    notes = [note] if note else []
    await say(update, await _files_answer(context, tr, update.effective_user.id, notes))


async def _files_answer(context: Context, tr: Translator, tid: int, notes: list[str]) -> Screen:
    draft = await services(context).submission_draft.draft(tid)
    if draft is None or draft.step != "files":
        return Screen("\n".join(notes) or tr._("Please answer the question above."))
    return views.files_screen(tr, draft, notes)


def _album_item(update: Update, context: Context, tr: Translator, group: str, note) -> None:
    """Pushes the album's one answer back until its last item is in, keeping every refusal."""
    key = f"album:{update.effective_user.id}:{group}"
    pending = context.job_queue.get_jobs_by_name(key)
    notes: list[str] = pending[0].data["notes"] if pending else []
    for job in pending:
        job.schedule_removal()
    if note and note not in notes:
        notes.append(note)
    context.job_queue.run_once(
        _album_done, ALBUM_WAIT_S, name=key, data={"notes": notes, "lang": tr.lang},
        chat_id=update.effective_chat.id, user_id=update.effective_user.id,
    )  # fmt: skip


async def _album_done(context: Context) -> None:
    job = context.job
    tr = translator(job.data["lang"], services(context).config.tz)
    screen = await _files_answer(context, tr, job.user_id, job.data["notes"])
    await context.bot.send_message(job.chat_id, screen.text, reply_markup=screen.markup)


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(on_button, pattern=SubmitCb.matches))
    flow_steps.OTHER_FLOWS["submission"] = (on_text, on_media)
