"""What the tests of a seminar's later life share: staff pressing a seminar's buttons, files a
phone sends, and reading the calendar files members got."""

from __future__ import annotations

from icalendar import Calendar

from bot.core.callback_data import CallbackData
from bot.emulator.client import Phone
from tests.conftest import BotUnderTest

PNG = b"\x89PNG\r\n\x1a\n" + bytes(40)
PDF = b"%PDF-1.4\n%test\n"


async def press_on_latest(phone: Phone, data: CallbackData) -> None:
    """A button of the seminar pressed on the phone's latest message, as the card would carry
    it (the card itself is tested elsewhere)."""
    state = await phone.wait_state(lambda st: st["messages"])
    await phone.press(message_id=state["messages"][-1]["message_id"], callback_data=data.pack())


async def alert_after(phone: Phone, data: CallbackData) -> str:
    await press_on_latest(phone, data)
    return (await phone.wait_callback_answer())["text"] or ""


def labels(state: dict) -> list[str]:
    return [b["text"] for m in state["messages"] for row in m.get("buttons") or [] for b in row]


async def events(phone: Phone) -> list:
    """Every calendar event the phone received, oldest first, with its file's METHOD."""
    found = []
    for message in await phone.messages():
        doc = message.get("document")
        if doc and doc["file_name"].endswith(".ics"):
            calendar = Calendar.from_ical(await phone.download(doc["file_id"]))
            method = str(calendar.get("method"))
            found += [(method, event) for event in calendar.walk("VEVENT")]
    return found


async def audit_rows(bot: BotUnderTest, action: str) -> list[tuple[int | None, str]]:
    rows = await bot.services.db.fetchall(
        "SELECT actor_id, detail FROM audit_log WHERE action = ? ORDER BY id", (action,)
    )
    return [(r[0], r[1]) for r in rows]
