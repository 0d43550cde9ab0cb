"""Certificates of attendance: a member's own from their list (or the survey's thanks), staff
sending everyone's from the seminar's card, and /verify, which anyone may use."""

from __future__ import annotations

import asyncio

from telegram.ext import CommandHandler

from bot.core.screens import Screen
from bot.seminars.callbacks import CertificateCb
from bot.seminars.views import certificate_pdf
from bot.seminars.views import certificates as views
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@button(CertificateCb, denied="certificate_not_attended")
async def on_mine(turn: Turn, data: CertificateCb) -> None:
    """The PDF, drawn in the member's language; a second press sends the same certificate."""
    found = await turn.svc.certificates.mine(turn.tid, data.seminar_id)
    pdf = await asyncio.to_thread(certificate_pdf.render, turn.tr, found, turn.context.bot.username)
    await turn.answer()
    await turn.send_document(views.document(pdf, found), caption=views.caption(turn.tr, found))


@button(CertificateCb, denied="seminar_staff")
async def on_send(turn: Turn, data: CertificateCb) -> None:
    """Asks first, with the numbers; then one push per attendee, never twice."""
    certificates = turn.svc.certificates
    if data.action == "send":
        plan = await certificates.plan(turn.tid, data.seminar_id)
        await turn.answer()
        await turn.show(views.confirm(turn.tr, plan))
        return
    count = await certificates.send_all(turn.tid, data.seminar_id, turn.context.bot.username)
    await turn.answer()
    await turn.show(Screen(views.queued(turn.tr, count), views.back(turn.tr, data.seminar_id)))


@command()
async def verify(turn: Turn) -> None:
    """/verify CODE: who attended what, or that no such certificate exists."""
    typed = " ".join(turn.args)
    if not typed.strip():
        await turn.say(views.how_to_verify(turn.tr))
        return
    found = await turn.svc.certificates.verify(turn.tid, typed)
    await turn.say(views.verified(turn.tr, found) if found else views.unknown(turn.tr, typed))


def register(app: App) -> None:
    app.add_handler(CommandHandler("verify", verify, filters=PRIVATE))
    app.add_handler(on_mine.route(action="mine"))
    app.add_handler(on_send.route(action={"send", "send_yes"}))
