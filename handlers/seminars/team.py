"""Who runs a seminar and who came unasked: co-organisers added from the card, walk-ins
recorded from the roster (a registered member found by name, or a guest by name and gender)."""

from __future__ import annotations

from bot.core.errors import Refusal
from bot.seminars.callbacks import CycleCb, GuestCb, OrganiserCb, WalkinCb
from bot.seminars.service.walkins import WALKIN_FLOW
from bot.seminars.views import team as views
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import App, Turn
from handlers.routes import command
from handlers.seminars.checkin import show_roster


async def show_team(turn: Turn, seminar_id: int) -> None:
    found = await turn.svc.seminar_organisers.team(turn.tid, seminar_id)
    await turn.show(views.team(turn.tr, found))


@button(CycleCb, denied="seminar_staff")
async def on_button(turn: Turn, data: CycleCb) -> None:
    """The organisers' screen, and the walk-in search or guest name asked."""
    sid = data.seminar_id
    if data.action == "organisers":
        await show_team(turn, sid)
    elif data.action == "walkin":
        seminar = await turn.svc.walkins.begin(turn.tid, sid)
        await turn.show(views.walkin_prompt(turn.tr, seminar))
    else:
        seminar = await turn.svc.walkins.begin_guest(turn.tid, sid)
        await turn.show(views.ask_guest_name(turn.tr, seminar))


@button(OrganiserCb, denied="seminar_staff", stale="seminar_staff")
async def on_organiser(turn: Turn, data: OrganiserCb) -> None:
    organisers = turn.svc.seminar_organisers
    if data.add:
        await organisers.add(turn.tid, data.seminar_id, data.user_id)
    else:
        await organisers.remove(turn.tid, data.seminar_id, data.user_id)
    await turn.answer()
    await show_team(turn, data.seminar_id)


@button(WalkinCb, denied="seminar_staff", stale="seminar_staff")
async def on_walkin(turn: Turn, data: WalkinCb) -> None:
    await turn.svc.walkins.add_member(turn.tid, data.seminar_id, data.user_id)
    await turn.answer(views.walkin_recorded(turn.tr))
    await show_roster(turn, data.seminar_id)


@button(GuestCb, denied="seminar_staff", stale="stale")
async def on_guest(turn: Turn, data: GuestCb) -> None:
    await turn.svc.walkins.add_guest(turn.tid, data.seminar_id, data.gender)
    await turn.answer(views.walkin_recorded(turn.tr))
    await show_roster(turn, data.seminar_id)


@command(denied="seminar_staff")
async def on_text(turn: Turn) -> None:
    """A name: searched for among members, or (when a guest was asked for) the guest's."""
    walkins = turn.svc.walkins
    flow = await walkins.asked(turn.tid)
    if flow.step == "search":
        await turn.say(views.search_results(turn.tr, await walkins.search(turn.tid, turn.text)))
    elif flow.step == "guest_name":
        seminar, name = await walkins.guest_name(turn.tid, turn.text)
        await turn.say(views.ask_guest_gender(turn.tr, seminar, name))
    else:
        raise Refusal("use_buttons")


@command(denied="seminar_staff")
async def on_media(turn: Turn) -> None:
    raise Refusal("use_buttons")


def register(app: App) -> None:
    app.add_handler(on_button.route(action={"organisers", "walkin", "guest"}))
    app.add_handler(on_organiser.route())
    app.add_handler(on_walkin.route())
    app.add_handler(on_guest.route())
    flow_steps.flow(WALKIN_FLOW, on_text, on_media)
