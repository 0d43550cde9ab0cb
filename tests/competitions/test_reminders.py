"""Deadline reminders on a clock: 7 days, 3 days, 1 day and 3 hours before, only to entrants
that have not sent, once each, in each member's language, across restarts; and a member
approved halfway through gets the call and the reminders still ahead."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import translator
from tests.accounts.test_registration import admin_phone, register
from tests.competitions.helpers import DEADLINE, OPENS, make_competition, place_members
from tests.conftest import expect, t
from tests.seminars.helpers import drain, texts

TITLE = {"ky": "Коммуналдык төлөмдөр боюнча маалымат кампаниясы",
         "ru": "Информационная кампания по оплате коммунальных услуг"}  # fmt: skip
NAMES = {"Beshik-Jon": {"ky": "Бешик-Жон", "ru": "Бешик-Джон"},
         "Masy": {"ky": "Масы", "ru": "Массы"},
         "Dostuk": {"ky": "Достук", "ru": "Достук"}}  # fmt: skip
MEMBERS = {8901: ("Beshik-Jon", "ky"), 8902: ("Beshik-Jon", "ru"), 8903: ("Masy", "ru"),
           8904: ("Dostuk", "ky")}  # fmt: skip
NEWCOMER = 8905  # registers in Beshik-Jon, in Kyrgyz, after the 3-day reminder


def reminder(member: int) -> str:
    """The reminder exactly as this member should read it."""
    place, lang = MEMBERS.get(member, ("Beshik-Jon", "ky"))
    tr = translator(lang)
    head = tr._("Reminder: {entrant} has not sent its submission to «{title}» yet.")
    body = tr._("The deadline is {date}.").format(date=tr.datetime(DEADLINE, weekday=True))
    return "⏰ " + head.format(entrant=NAMES[place][lang], title=TITLE[lang]) + "\n" + body


def call(lang: str) -> str:
    return "🏆 " + translator(lang)._("A competition is open.")


async def counts(sbot, members) -> dict[int, int]:
    return {m: (await texts(sbot, m)).count(reminder(m)) for m in members}


async def at(sbot, before: timedelta) -> None:
    sbot.clock.set(DEADLINE - before + timedelta(minutes=1))
    await drain(sbot)


async def test_reminders_reach_only_entrants_that_have_not_sent(sbot):
    ids = {}
    for member, (place, lang) in MEMBERS.items():
        ids[place] = await place_members(sbot, place, [member], (lang,))
    competition = await make_competition(sbot)
    admin = await admin_phone(sbot)
    sbot.clock.set(OPENS + timedelta(minutes=1))
    await drain(sbot)
    for member, (_, lang) in MEMBERS.items():
        assert sum(x.startswith(call(lang)) for x in await texts(sbot, member)) == 1
        assert TITLE[lang] in (await texts(sbot, member))[-1]

    await at(sbot, timedelta(days=7))
    assert await counts(sbot, MEMBERS) == {8901: 1, 8902: 1, 8903: 1, 8904: 1}
    await sbot.services.submissions.submit(
        8903, competition.id, ids["Masy"], "Мы провели сходы в каждом айыле.", 300, [], None
    )
    await sbot.restart()
    await drain(sbot)
    assert await counts(sbot, MEMBERS) == {8901: 1, 8902: 1, 8903: 1, 8904: 1}
    await at(sbot, timedelta(days=3))
    assert await counts(sbot, MEMBERS) == {8901: 2, 8902: 2, 8903: 1, 8904: 2}

    newcomer = sbot.phone(NEWCOMER, lang="ky")
    await register(sbot, newcomer, "ky", name="Жаңы Кызматкер")
    card = await expect(admin, "Жаңы Кызматкер")
    await admin.press("✅ " + t("en", "Approve"), message_id=card["message_id"])
    await expect(newcomer, call("ky"))
    await sbot.restart()
    await at(sbot, timedelta(days=1))
    everyone = [*MEMBERS, NEWCOMER]
    assert await counts(sbot, everyone) == {8901: 3, 8902: 3, 8903: 1, 8904: 3, NEWCOMER: 1}
    await sbot.restart()
    await drain(sbot)
    await at(sbot, timedelta(hours=3))
    assert await counts(sbot, everyone) == {8901: 4, 8902: 4, 8903: 1, 8904: 4, NEWCOMER: 2}
    await sbot.restart()
    await at(sbot, -timedelta(hours=1))
    assert await counts(sbot, everyone) == {8901: 4, 8902: 4, 8903: 1, 8904: 4, NEWCOMER: 2}
    assert sum(x.startswith(call("ky")) for x in await texts(sbot, NEWCOMER)) == 1
