"""/people (staff): the directory of the regions one covers: counts, [📥 XLSX], finding a
member (a button, then the name; or `/people NAME`), and a member's card, where one who left
office is deactivated (asked first) or brought back. The service checks every press."""

from __future__ import annotations

import asyncio

from telegram import InputFile
from telegram.ext import CommandHandler

from bot.accounts.callbacks import MemberCb, PeopleCb
from bot.accounts.service import people
from bot.accounts.service.people import SEARCH_FLOW
from bot.accounts.views import people as views
from bot.accounts.views import people_xlsx
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


@command()
async def people_command(turn: Turn) -> None:
    """/people, or /people and what to look for."""
    svc = turn.svc
    if turn.args:
        found = await people.find(svc.db, svc.people, turn.tid, " ".join(turn.args))
        await turn.say(views.found(turn.tr, " ".join(turn.args), found))
        return
    await turn.say(views.overview(turn.tr, await people.overview(svc.db, svc.people, turn.tid)))


@button(PeopleCb, denied="staff_only")
async def on_people(turn: Turn, data: PeopleCb) -> None:
    svc = turn.svc
    if data.action == "xlsx":
        await turn.answer()
        await send_directory(turn)
        return
    if data.action == "find":
        await people.ask_query(svc.db, svc.people, turn.tid)
        await turn.answer()
        await turn.show(views.search_prompt(turn.tr))
        return
    if await _searching(turn):  # the prompt's Back: the next message is free again
        await svc.leave_flow(turn.tid)
    if data.action == "inactive":
        found = await people.inactive(svc.db, svc.people, turn.tid)
        await turn.show(views.inactive(turn.tr, found))
        return
    await turn.show(views.overview(turn.tr, await people.overview(svc.db, svc.people, turn.tid)))


async def send_directory(turn: Turn) -> None:
    """The spreadsheet of the regions this person covers, written in a worker thread."""
    rows = await people.directory_for(turn.svc.db, turn.svc.people, turn.tid)
    data = await asyncio.to_thread(people_xlsx.workbook, rows, turn.tr)
    name = f"people-{turn.svc.clock.now():%Y-%m-%d}.xlsx"
    await turn.send_document(
        InputFile(data, filename=name), caption=people_xlsx.caption(turn.tr, len(rows))
    )


@button(MemberCb, denied="forbidden", missing="member_gone")
async def on_member(turn: Turn, data: MemberCb) -> None:
    """Deactivate asks first; only the confirm deactivates. Reactivate needs no question:
    it takes nothing away."""
    membership = turn.svc.membership
    if data.action == "confirm":
        card = await membership.deactivate(turn.tid, data.user_id)
        await turn.answer()
        await turn.show(views.member_card(turn.tr, card, views.deactivated_note(turn.tr, card)))
        return
    if data.action == "reactivate":
        card = await membership.reactivate(turn.tid, data.user_id)
        await turn.answer()
        await turn.show(views.member_card(turn.tr, card, views.reactivated_note(turn.tr, card)))
        return
    card = await membership.card(turn.tid, data.user_id)
    await turn.answer()
    if data.action == "deactivate" and card.user.status == "approved":
        await turn.show(views.confirm_deactivate(turn.tr, card))
        return
    await turn.show(views.member_card(turn.tr, card))


@command()
async def on_query(turn: Turn) -> None:
    """The name (or place, or phone) typed after [Find a member]."""
    svc = turn.svc
    found = await people.take_query(svc.db, svc.people, turn.tid, turn.text)
    await turn.say(views.found(turn.tr, turn.text, found))


@command()
async def query_media(turn: Turn) -> None:
    await turn.say(views.search_prompt(turn.tr))


async def _searching(turn: Turn) -> bool:
    found = await turn.svc.current_flow(turn.tid)
    return found is not None and found.flow == SEARCH_FLOW


def register(app: App) -> None:
    app.add_handler(CommandHandler("people", people_command, filters=PRIVATE))
    app.add_handler(on_people.route())
    app.add_handler(on_member.route())
    flow_steps.flow(SEARCH_FLOW, on_query, query_media)
