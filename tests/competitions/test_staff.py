"""The staff side of a competition through the emulator: the list, the card and its counts,
moving the deadline, one entrant's extension, and buttons pressed by people who may not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.competitions.callbacks import CompetitionCb, EntrantCb
from bot.competitions.repo import submissions as subs_repo
from bot.core.errors import Refusal
from bot.i18n import translator
from tests.competitions.helpers import DEADLINE, OPENS, make_competition, place_members
from tests.conftest import ADMIN_ID, expect, t
from tests.seminars.helpers import drain, forge, pushes, texts

RU, KY = translator("ru"), translator("ky")
TITLE = {"ky": "Коммуналдык төлөмдөр боюнча маалымат кампаниясы",
         "ru": "Информационная кампания по оплате коммунальных услуг"}  # fmt: skip
NEW_DEADLINE = datetime(2026, 12, 20, 12, 0, tzinfo=UTC)  # 20.12.2026 18:00 in Bishkek


def plural(one: str, many: str, count: int) -> str:
    return RU.ngettext(one, many, count).format(count=count)


async def press_containing(phone, fragment: str) -> dict:
    """Taps the newest button whose label contains `fragment`, as a person would."""

    def find(state):
        for message in reversed(state["messages"]):
            for row in message.get("buttons") or []:
                for b in row:
                    if fragment in b["text"]:
                        return message["message_id"], b
        return None

    message_id, found = find(await phone.wait_state(find))
    await phone.press(message_id=message_id, callback_data=found["callback_data"])
    return found


async def open_card(sbot, admin) -> dict:
    await admin.send("/competitions")
    await expect(admin, t("ru", "Competitions you run. Send /newcompetition to create one."))
    listed = await press_containing(admin, "IC · ")
    await expect(admin, t("ru", "Code: {code}").format(code="IC"))
    return listed


async def test_the_card_counts_entrants_submissions_statuses_and_extensions(sbot):
    ids = {}
    for name, uid, lang in (
        ("Beshik-Jon", 8401, "ky"),
        ("Masy", 8402, "ru"),
        ("Dostuk", 8403, "ky"),
    ):
        ids[name] = await place_members(sbot, name, [uid], (lang,))
    audience = {"kind": "municipalities", "values": [str(i) for i in ids.values()]}
    competition = await make_competition(sbot, audience)
    sbot.clock.set(OPENS + timedelta(minutes=1))
    submit = sbot.services.submissions.submit
    await submit(8401, competition.id, ids["Beshik-Jon"], "Встречи.", 100, [], None)
    sent = await submit(8402, competition.id, ids["Masy"], "Листовки.", 50, [], None)
    db = sbot.services.db
    await subs_repo.set_review(db, sent.submission.id, "2026-11-22T07:00:00+00:00",
                               status="under_review")  # fmt: skip
    until = DEADLINE + timedelta(days=2)
    await sbot.services.competitions.extend(ADMIN_ID, competition.id, ids["Dostuk"], until)

    admin = sbot.phone(ADMIN_ID, lang="ru", first_name="Admin")
    listed = await open_card(sbot, admin)
    assert "Информационная кампания по…" in listed["text"], "cut between words"
    assert plural("{count} submission", "{count} submissions", 2) in listed["text"]
    assert "🟢 " + RU._("{left} left").split("{")[0] in listed["text"]
    card = await expect(admin, t("ru", "Code: {code}").format(code="IC"))
    one = plural("{count} submission", "{count} submissions", 1)
    for line in (
        plural("{count} entrant may take part.", "{count} entrants may take part.", 3),
        plural("{count} of them has sent a submission.",
               "{count} of them have sent a submission.", 2),
        plural("{count} entrant has more time.", "{count} entrants have more time.", 1),
    ):  # fmt: skip
        assert line in card["text"]
    assert f"• {RU._('received')}: {one}" in card["text"]
    assert f"• {RU._('under review')}: {one}" in card["text"]
    assert TITLE["ru"] in card["text"]
    assert RU._("Entrants: municipalities (aiyl okmotu).") in card["text"]
    labels = {b["text"] for row in card["buttons"] for b in row}
    for label in ("📨 Submissions", "🏆 Results", "📤 Export", "📅 Move deadline",
                  "⏳ Give an entrant more time", "« All competitions"):  # fmt: skip
        icon, english = label.split(" ", 1)
        assert f"{icon} {t('ru', english)}" in labels
    await press_containing(admin, t("ru", "All competitions"))
    await admin.wait_state(lambda st: "IC · " in str(st["messages"][-1].get("buttons")))


async def test_moving_the_deadline_from_the_card(sbot):
    await place_members(sbot, "Beshik-Jon", [8601, 8602], ("ky", "ru"))
    await place_members(sbot, "Masy", [8603], ("ru",))
    await make_competition(sbot)
    sbot.clock.set(OPENS + timedelta(minutes=1))
    await drain(sbot)
    admin = sbot.phone(ADMIN_ID, lang="ru", first_name="Admin")
    await open_card(sbot, admin)
    await press_containing(admin, t("ru", "Move deadline"))
    await expect(admin, t("ru", "Current deadline: {date}.").format(date=RU.datetime(DEADLINE)))
    await admin.send("завтра вечером")
    await expect(
        admin, t("ru", "I couldn't read this time. Please write it like 25.12.2026 14:30.")
    )
    await admin.send("01.11.2026 18:00")
    await expect(admin, t("ru", "This time has already passed. Please give a time in the future."))
    await admin.send("20.12.2026 18:00")
    done = RU.ngettext(
        "The deadline is now {date}. {count} member is being told.",
        "The deadline is now {date}. {count} members are being told.",
        3,
    ).format(date=RU.datetime(NEW_DEADLINE), count=3)
    await expect(admin, done)
    card = await expect(admin, t("ru", "Code: {code}").format(code="IC"))
    assert RU.datetime(NEW_DEADLINE) in card["text"]
    assert await sbot.services.current_flow(ADMIN_ID) is None
    await drain(sbot)
    for member, lang in ((8601, "ky"), (8602, "ru"), (8603, "ru")):
        tr = translator(lang)
        told = tr._("New deadline: {date}.").format(date=tr.datetime(NEW_DEADLINE, weekday=True))
        assert sum(told in x for x in await texts(sbot, member)) == 1, member

    def reminded(lang: str, deadline: datetime) -> str:
        tr = translator(lang)
        return tr._("The deadline is {date}.").format(date=tr.datetime(deadline, weekday=True))

    for when in (DEADLINE - timedelta(days=7), DEADLINE - timedelta(hours=3)):
        sbot.clock.set(when + timedelta(minutes=1))
        await drain(sbot)
    for member in (8601, 8602, 8603):
        assert not [x for x in await texts(sbot, member) if x.startswith("⏰")], member
    sbot.clock.set(NEW_DEADLINE - timedelta(days=7, minutes=-1))
    await drain(sbot)
    for member, lang in ((8601, "ky"), (8602, "ru"), (8603, "ru")):
        found = [x for x in await texts(sbot, member) if x.startswith("⏰")]
        assert len(found) == 1, member
        assert TITLE[lang] in found[0] and reminded(lang, NEW_DEADLINE) in found[0]


async def test_an_extension_after_the_deadline_for_one_entrant(sbot):
    beshik = await place_members(sbot, "Beshik-Jon", [8701], ("ky",))
    masy = await place_members(sbot, "Masy", [8702], ("ru",))
    competition = await make_competition(sbot)
    sbot.clock.set(DEADLINE + timedelta(hours=1))
    await drain(sbot)
    admin = sbot.phone(ADMIN_ID, lang="ru", first_name="Admin")
    await open_card(sbot, admin)
    await press_containing(admin, t("ru", "Give an entrant more time"))
    await expect(admin, t("ru", "Which entrant should get more time?"))
    await press_containing(admin, "Бешик-Джон")
    question = t("ru", "Until when may {entrant} send its submission?")
    await expect(admin, question.format(entrant="Бешик-Джон"))
    await admin.send("12.12.2026 18:00")
    until = datetime(2026, 12, 12, 12, 0, tzinfo=UTC)
    done = t("ru", "{entrant} may now send until {date}. Its staff are being told.")
    await expect(admin, done.format(entrant="Бешик-Джон", date=RU.datetime(until)))

    submissions = sbot.services.submissions
    await submissions.may_send(8701, competition.id, beshik)
    sent = await submissions.submit(8701, competition.id, beshik, "Мы успели.", 10, [], None)
    assert sent.version == 1
    with pytest.raises(Refusal) as refused:
        await submissions.may_send(8702, competition.id, masy)
    assert refused.value.code == "closed"
    assert refused.value.info["since"] == DEADLINE

    await drain(sbot)
    notice = KY._("{entrant} may send its submission to «{title}» until {date}.").format(
        entrant="Бешик-Жон", title=TITLE["ky"], date=KY.datetime(until)
    )
    assert sum(notice in x for x in await texts(sbot, 8701)) == 1
    assert await pushes(sbot, "competition_extended", 8702) == []
    await admin.send("/competitions")
    await press_containing(admin, "IC · ")
    await press_containing(admin, t("ru", "Give an entrant more time"))
    await press_containing(admin, "✅ 📅 Бешик-Джон · " + RU.date(until))


async def test_extension_reminders_count_down_to_the_new_date(sbot):
    """The 7-day reminder for the common deadline was sent; the extended entrant still gets
    the one for its own date, also after the common deadline moves to an earlier one."""
    beshik = await place_members(sbot, "Beshik-Jon", [8751], ("ru",))
    competition = await make_competition(sbot)
    sbot.clock.set(DEADLINE - timedelta(days=7, minutes=-1))
    await drain(sbot)
    until = DEADLINE + timedelta(days=1)
    await sbot.services.competitions.extend(ADMIN_ID, competition.id, beshik, until)
    moved = DEADLINE + timedelta(hours=12)
    await sbot.services.competitions.move_deadline(ADMIN_ID, competition.id, moved)
    sbot.clock.set(until - timedelta(days=7, minutes=-1))
    await drain(sbot)
    reminders = [x for x in await texts(sbot, 8751) if x.startswith("⏰")]
    deadline = RU._("The deadline is {date}.")
    dates = [deadline.format(date=RU.datetime(d, weekday=True)) for d in (DEADLINE, until)]
    assert [sum(d in x for x in reminders) for d in dates] == [1, 1] and len(reminders) == 2


async def test_people_who_do_not_run_it_are_refused(sbot):
    await place_members(sbot, "Beshik-Jon", [8501], ("ru",))
    masy = await place_members(sbot, "Masy", [8502], ("ky",))
    await sbot.services.accounts.set_role(ADMIN_ID, 8502, "coordinator", ["osh"])
    competition = await make_competition(sbot)
    refused = {8501: t("ru", "This is for the competition's organisers only."),
               8502: t("ky", "This is for the competition's organisers only.")}  # fmt: skip
    member, coordinator = sbot.phone(8501), sbot.phone(8502, lang="ky")
    for action in ("open", "move", "extend", "list"):
        data = CompetitionCb(competition_id=competition.id, action=action).pack()
        assert await forge(member, data) == refused[8501], action
        if action != "list":
            assert await forge(coordinator, data) == refused[8502], action
    picked = EntrantCb(competition_id=competition.id, entrant_id=masy, action="extend").pack()
    assert await forge(coordinator, picked) == refused[8502]
    assert await sbot.services.current_flow(8502) is None
    await coordinator.send("/competitions")
    await expect(
        coordinator, t("ky", "There are no competitions yet. Send /newcompetition to create one.")
    )
    await coordinator.send_and_wait("20.12.2026 18:00")
    still = await sbot.services.competitions.get(competition.id)
    assert still.deadline == DEADLINE and still.version == competition.version
