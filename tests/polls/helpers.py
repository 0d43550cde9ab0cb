"""What the poll tests share: staff composing a poll through the chat, members' phones."""

from __future__ import annotations

from bot.i18n import translator
from tests.conftest import ADMIN_ID, expect, tap

RU = translator("ru")
KY = translator("ky")
Q_KY = "Семинар кайсы күнү ыңгайлуу?"
Q_RU = "Какой день удобен для семинара?"


async def staff(bot):
    admin = bot.phone(ADMIN_ID, lang="ru", first_name="Админ")
    await admin.send("/start")
    await expect(admin, RU._("You are project staff. Send /help to see your commands."))
    return admin


async def question(admin, kind: str, options=None, ranged: str | None = None) -> None:
    """One question of the wizard, from its Kyrgyz text to its last answer."""
    await admin.send(Q_KY)
    await expect(admin, RU._("Now send it in Russian."))
    await admin.send(Q_RU)
    label = {"one": "One option", "many": "Several options", "number": "A number",
             "text": "Short text"}[kind]  # fmt: skip
    await tap(admin, RU._(label))
    if kind in ("one", "many"):
        ky, ru = options
        await expect(admin, RU._("Send the options in Kyrgyz, one per line (2 to 10)."))
        await admin.send("\n".join(ky))
        await expect(
            admin, RU._("Now the same options in Russian, in the same order, one per line.")
        )
        await admin.send("\n".join(ru))
    elif kind == "number":
        await expect(admin, RU._("Send the range of the number, for example 1-100."))
        if ranged:
            await admin.send(ranged)
        else:
            await tap(admin, RU._("Any number"))


async def finish(admin, anonymous: bool = False, remind: int = 0, close: str = "25.11 18:00"):
    """Named or anonymous, the close, the reminder, all members, then Send."""
    await tap(admin, RU._("Go on: who is asked"))
    await tap(admin, RU._("Anonymous") if anonymous else RU._("Named"))
    await expect(admin, RU._("When does the poll close?"))
    await admin.send(close)
    await expect(admin, RU._("Remind those who have not answered yet?"))
    if remind:
        one, many = "{count} hour before the close", "{count} hours before the close"
        await tap(admin, RU.ngettext(one, many, remind).format(count=remind))
    else:
        await tap(admin, RU._("No reminder"))
    await tap(admin, RU._("All members"))
    return await expect(admin, RU._("Preview"))


async def compose(admin, kind: str = "one", options=None, **kw) -> dict:
    await admin.send("/polls")
    await tap(admin, "➕ " + RU._("New poll"))
    await expect(admin, RU._("Question {n}: send it in Kyrgyz.").format(n=1))
    await question(
        admin,
        kind,
        options or (["Дүйшөмбү", "Шейшемби"], ["Понедельник", "Вторник"]),
        kw.pop("ranged", None),
    )
    return await finish(admin, **kw)


async def send(admin, count: int) -> None:
    label = RU.ngettext("Send to {count} person", "Send to {count} people", count)
    await tap(admin, "✅ " + label.format(count=count))
    sent = RU.ngettext(
        "Poll #{id} is on its way to {count} person.",
        "Poll #{id} is on its way to {count} people.",
        count,
    )
    await expect(admin, sent.format(id=1, count=count).split("#")[0])


def labels_of(message: dict) -> list[str]:
    return [b["text"] for row in message.get("buttons") or [] for b in row]
