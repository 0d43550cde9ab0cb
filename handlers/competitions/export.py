"""Export from the bot: the organisers press Export on a competition's card (or send
/exportsubmissions ID) and get the spreadsheet, and the archive of files when there is one."""

from __future__ import annotations

import asyncio
from io import BytesIO

from telegram import InputFile
from telegram.ext import CommandHandler

from bot.competitions.callbacks import CompetitionCb
from bot.competitions.service.export import Export, SubmissionExports
from bot.competitions.views import export as views
from bot.competitions.views.submission_xlsx import caption, workbook
from bot.competitions.views.submission_zip import (
    TELEGRAM_UPLOAD_LIMIT,
    ZipTooBig,
    build_zip,
    too_big,
    zip_caption,
)
from bot.core.errors import NotFound, Refusal
from bot.core.fields import whole_number
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


def _exports(turn: Turn) -> SubmissionExports:
    return SubmissionExports(turn.svc.competitions)


async def send_export(turn: Turn, found: Export) -> None:
    """The XLSX always; the ZIP only when it holds files and Telegram would take it."""
    bot, chat, tr = turn.context.bot, turn.chat_id, turn.tr
    data = await asyncio.to_thread(workbook, found, tr)
    book = InputFile(data, filename=views.book_name(found))
    await bot.send_document(chat, book, caption=caption(tr, found))
    if not found.archived:
        return
    out = BytesIO()
    try:
        await build_zip(out, found, tr, TELEGRAM_UPLOAD_LIMIT)
    except ZipTooBig:
        await turn.say(too_big(tr, found, TELEGRAM_UPLOAD_LIMIT))
        return
    archive = InputFile(out.getvalue(), filename=views.archive_name(found))
    await bot.send_document(chat, archive, caption=zip_caption(tr, found))


@button(CompetitionCb, denied="competition_staff", stale="competition_staff")
async def on_button(turn: Turn, data: CompetitionCb) -> None:
    """A forged or foreign button is refused with an alert and sends nothing."""
    found = await _exports(turn).for_staff(turn.tid, data.competition_id)
    await turn.answer()
    await send_export(turn, found)


@command(denied="competition_staff")
async def export_command(turn: Turn) -> None:
    """/exportsubmissions ID exports one; without a number, or with a programme's code, the
    competitions to choose from (staff of one programme get theirs)."""
    args = turn.args
    number = whole_number(args[0]) if len(args) == 1 else None
    if number is None and len(args) <= 1:
        listed = await _exports(turn).choices(turn.tid, args[0] if args else None)
        names = await turn.svc.competitions.programme_names(turn.tid)
        await turn.say(views.choices(turn.tr, listed, names))
        return
    if number is None:
        await turn.say(views.ask_number(turn.tr))
        return
    try:
        found = await _exports(turn).for_staff(turn.tid, number)
    except NotFound as exc:
        raise Refusal("no_such_competition", id=args[0]) from exc
    await send_export(turn, found)


def register(app: App) -> None:
    app.add_handler(CommandHandler("exportsubmissions", export_command, filters=PRIVATE))
    app.add_handler(on_button.route(action="export"))
