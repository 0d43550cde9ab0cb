"""Export from the bot: the organisers press Export on a competition's card (or send
/exportsubmissions ID) and get the spreadsheet, and the archive of files when there is one."""

from __future__ import annotations

import asyncio
from io import BytesIO

from telegram import InputFile, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.accounts.service.steps import whole_number
from bot.competitions.service.export import Export, SubmissionExports
from bot.competitions.views.submission_xlsx import caption, workbook
from bot.competitions.views.submission_zip import (
    TELEGRAM_UPLOAD_LIMIT,
    ZipTooBig,
    build_zip,
    too_big,
    zip_caption,
)
from bot.core.callback_data import CallbackDataError, CompetitionCb
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.refusals import refusal_text
from bot.i18n import Translator
from handlers.common import PRIVATE, Context, say, services, tr_for


def _exports(context: Context) -> SubmissionExports:
    return SubmissionExports(services(context).competitions)


async def send_export(update: Update, tr: Translator, found: Export) -> None:
    """The XLSX always; the ZIP only when it holds files and Telegram would take it."""
    chat = update.effective_chat
    data = await asyncio.to_thread(workbook, found, tr)
    book = InputFile(data, filename=f"submissions-{found.name}.xlsx")
    await chat.send_document(book, caption=caption(tr, found))
    if not found.archived:
        return
    out = BytesIO()
    try:
        await build_zip(out, found, tr, TELEGRAM_UPLOAD_LIMIT)
    except ZipTooBig:
        await say(update, too_big(tr, found, TELEGRAM_UPLOAD_LIMIT))
        return
    archive = InputFile(out.getvalue(), filename=f"submissions-{found.name}.zip")
    await chat.send_document(archive, caption=zip_caption(tr, found))


async def on_button(update: Update, context: Context) -> None:
    """A forged or foreign button is refused with an alert and sends nothing."""
    query = update.callback_query
    tr = await tr_for(update, context)
    try:
        data = CompetitionCb.unpack(query.data)
        found = await _exports(context).for_staff(update.effective_user.id, data.competition_id)
    except (CallbackDataError, NotAllowed, NotFound):
        await query.answer(refusal_text(tr, Refusal("competition_staff")), show_alert=True)
        return
    await query.answer()
    await send_export(update, tr, found)


async def export_command(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    args = context.args or []
    number = whole_number(args[0]) if len(args) == 1 else None
    if number is None:
        await say(update, tr._("Please write the competition's number, like: /exportsubmissions 3"))
        return
    try:
        found = await _exports(context).for_staff(update.effective_user.id, number)
    except NotAllowed:
        await say(update, refusal_text(tr, Refusal("competition_staff")))
        return
    except NotFound:
        await say(update, tr._("There is no competition number {id}.").format(id=args[0]))
        return
    await send_export(update, tr, found)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("exportsubmissions", export_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=CompetitionCb.where(action="export")))
