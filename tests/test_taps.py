"""Taps change the screen (issue 22, §2), read as a member and a coordinator read them: the
invitation edited to its answer, /seminars and /status showing it, one live keyboard in the
submission draft, a stale review card drawn again, and the author told of a new version."""

from __future__ import annotations

from datetime import timedelta

from bot.competitions.repo import competitions as comp_repo
from bot.seminars.callbacks import RsvpCb
from tests.competitions.helpers import OPENS, make_competition, place_members
from tests.competitions.test_submissions import (
    PNG,
    TEXT,
    attached,
    begin,
    describe,
    residents_question,
    review_head,
)
from tests.conftest import ADMIN_ID, add_members, alert, expect, t, tap
from tests.seminars.helpers import drain, make_seminar

LONG_KY = "Жергиликтүү бюджетти пландоо жана коомчулуктун катышуусу"


def labels(message: dict) -> list[str]:
    return [b["text"] for row in message.get("buttons") or [] for b in row]


async def message(phone, message_id: int, check=lambda m: True) -> dict:
    """The message as it is once `check` holds for it."""

    def found(state: dict) -> dict | None:
        for m in state["messages"]:
            if m["message_id"] == message_id and check(m):
                return m
        return None

    return found(await phone.wait_state(found))


async def settled(phone, lang: str) -> list[dict]:
    """Everything the bot did for the updates before: a member's updates are handled one after
    another, so once /seminars is answered, the press before it has been handled whole."""
    await phone.send("/seminars")
    await expect(phone, t(lang, "Upcoming seminars"))
    return await phone.messages()


def documents(messages: list[dict]) -> list[dict]:
    return [m for m in messages if m.get("document")]


async def test_an_answer_edits_the_invitation_and_the_same_answer_again_sends_nothing(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7601, 7602])
    seminar = await make_seminar(sbot)
    await drain(sbot)
    await answer_change_and_read(sbot.phone(7601, lang="ky"), "ky", seminar.id, seminar.title_ky)
    await answer_change_and_read(sbot.phone(7602, lang="ru"), "ru", seminar.id, seminar.title_ru)


async def answer_change_and_read(phone, lang: str, seminar_id: int, title: str) -> None:
    """Yes on the invitation, the same yes again, [Change answer], then can't attend; and the
    answer on /seminars and /status."""
    invitation = await expect(phone, t(lang, "You are invited to a seminar."))
    on_invitation = {"message_id": invitation["message_id"]}
    await tap(phone, "✅ " + t(lang, "I will attend"))
    assert await alert(phone) == "✅ " + t(lang, "Saved: you will attend.")
    going = "✅ " + t(lang, "You will attend.")
    edited = await message(phone, invitation["message_id"], lambda m: going in m["text"])
    assert title in edited["text"]
    assert labels(edited) == ["✏️ " + t(lang, "Change answer")]
    caption = t(lang, "Open the file to add «{title}» to your calendar.").format(title=title)
    calendar = await expect(phone, caption)
    assert calendar["document"]["file_name"] == f"seminar-{seminar_id}.ics"

    before = await settled(phone, lang)
    yes = RsvpCb(seminar_id=seminar_id, answer="yes").pack()
    await phone.press(callback_data=yes, **on_invitation)
    assert await alert(phone) == t(lang, "This is already your answer.")
    after = await settled(phone, lang)
    assert len(after) == len(before) + 1, "only the /seminars asked for"
    assert len(documents(after)) == 1, "no second calendar file"

    await phone.press("✏️ " + t(lang, "Change answer"), **on_invitation)
    both = ["✅ " + t(lang, "I will attend"), "❌ " + t(lang, "I can't attend")]
    choosing = await message(phone, invitation["message_id"], lambda m: labels(m) == both)
    assert going in choosing["text"], "the answer as it stands"
    await phone.press("❌ " + t(lang, "I can't attend"), **on_invitation)
    assert await alert(phone) == t(lang, "Saved: you won't attend.")
    declined = "❌ " + t(lang, "You won't attend.")
    edited = await message(phone, invitation["message_id"], lambda m: declined in m["text"])
    assert labels(edited) == ["✏️ " + t(lang, "Change answer")]

    await phone.send("/seminars")
    mine = await expect(phone, t(lang, "Upcoming seminars"))
    assert declined in mine["text"] and title in mine["text"]
    assert labels(mine) == ["✅ " + t(lang, "I will attend")], "verb only: one seminar"
    await phone.send("/status")
    status = await expect(phone, t(lang, "My status"))
    assert declined in status["text"]


async def test_a_full_seminar_shows_the_waitlist_place_on_the_invitation(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7611, 7612])
    await make_seminar(sbot, capacity=1)
    await drain(sbot)
    first = sbot.phone(7611, lang="ky")
    await tap(first, "✅ " + t("ky", "I will attend"))
    await expect(first, "✅ " + t("ky", "You will attend."))
    second = sbot.phone(7612, lang="ru")
    invitation = await expect(second, t("ru", "You are invited to a seminar."))
    await tap(second, "✅ " + t("ru", "I will attend"))
    assert await alert(second) == "⏳ " + t(
        "ru", "Saved: the seminar is full, you are on the waitlist."
    )
    waiting = "⏳ " + t("ru", "You are on the waitlist, number {position}.").format(position=1)
    edited = await message(second, invitation["message_id"], lambda m: waiting in m["text"])
    assert t("ru", "If a place opens up, I will tell you at once.") in edited["text"]
    assert not documents(await settled(second, "ru")), "no calendar file for a waitlist place"

    await tap(first, "✏️ " + t("ky", "Change answer"))
    await tap(first, "❌ " + t("ky", "I can't attend"))
    await expect(first, "❌ " + t("ky", "You won't attend."))
    await drain(sbot)
    promoted = t("ru", "A place has opened up: you are now on the list of participants.")
    await expect(second, promoted)
    await second.send("/seminars")
    mine = await expect(second, t("ru", "Upcoming seminars"))
    assert "✅ " + t("ru", "You will attend.") in mine["text"]


async def test_the_member_list_names_seminars_in_the_text_and_answers_in_place(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7621])
    first = await make_seminar(sbot, title_ky=LONG_KY)
    second = await make_seminar(sbot, title_ky=LONG_KY + ": экинчи этап")
    await drain(sbot)
    phone = sbot.phone(7621, lang="ky")
    await phone.send("/seminars")
    mine = await expect(phone, t("ky", "Upcoming seminars"))
    assert LONG_KY in mine["text"] and second.title_ky in mine["text"], "whole titles in the text"
    yes, no = "✅ " + t("ky", "I will attend"), "❌ " + t("ky", "I can't attend")
    assert labels(mine) == [f"1️⃣ {yes}", f"1️⃣ {no}", f"2️⃣ {yes}", f"2️⃣ {no}"]
    assert "1️⃣ <b>" in mine["html"] and "2️⃣ <b>" in mine["html"]
    assert all(len(label) <= 24 for label in labels(mine)), "short, nothing cut"

    await tap(phone, f"1️⃣ {yes}")
    assert await alert(phone) == "✅ " + t("ky", "Saved: you will attend.")
    again = await message(phone, mine["message_id"], lambda m: f"1️⃣ {yes}" not in labels(m))
    assert labels(again) == [f"1️⃣ {no}", f"2️⃣ {yes}", f"2️⃣ {no}"]
    assert "✅ " + t("ky", "You will attend.") in again["text"]
    assert "❔ " + t("ky", "You haven't answered yet.") in again["text"]
    statuses = sorted(item.invitation.status for item in await sbot.services.rsvp.mine(7621))
    assert statuses == ["going", "invited"]
    assert {first.id, second.id} == {
        item.seminar.id for item in await sbot.services.rsvp.mine(7621)
    }


async def test_staff_lists_cut_long_titles_between_words(sbot):
    await make_seminar(sbot, title_ru="Планирование местного бюджета и участие жителей в нём")
    admin = sbot.phone(ADMIN_ID, lang="ru")
    await admin.send("/start")
    await expect(admin, t("ru", "You are project staff. Send /help to see your commands."))
    await admin.send("/seminars")
    head = "Seminars: upcoming first, then past ones. Send /newseminar to create one."
    listing = await expect(admin, t("ru", head))
    (label,) = [x for x in labels(listing) if "Планирование" in x]
    shown = label.split(" · ")[1]
    assert shown == "Планирование местного бюджета и…", label


async def test_the_draft_keeps_one_live_keyboard(sbot):
    await place_members(sbot, "Beshik-Jon", [7631], langs=("ru",))
    await make_competition(sbot)
    sbot.clock.set(OPENS + timedelta(minutes=1))
    await drain(sbot)
    phone = sbot.phone(7631, lang="ru")
    await begin(phone, "ru")
    await expect(phone, describe("ru"))
    await phone.send(TEXT)
    await expect(phone, residents_question("ru"))
    await phone.send("300")
    for n in (1, 2, 3):
        await phone.send(photo=PNG + bytes([n]))
        await expect(phone, attached("ru", n))
    done, cancel = "✅ " + t("ru", "Done with files"), t("ru", "Cancel")

    def live(state: dict) -> list[dict]:
        return [m for m in state["messages"] if cancel in labels(m)]

    state = await phone.wait_state(lambda s: len(live(s)) == 1)
    (counter,) = live(state)
    assert attached("ru", 3) in counter["text"] and done in labels(counter)
    assert counter["message_id"] == max(m["message_id"] for m in state["messages"])
    counters = [m for m in state["messages"] if "📎" in (m.get("text") or "")]
    assert len(counters) == 4, "the files question and three counters stay, as history"
    start = "▶️ " + t("ru", "Start")
    assert not any(start in labels(m) for m in state["messages"]), "the call's Start went"

    await phone.send_album([{"photo": PNG + b"a"}, {"photo": PNG + b"b"}])
    await expect(phone, attached("ru", 5))
    state = await phone.wait_state(lambda s: len(live(s)) == 1 and attached("ru", 5)
                                   in (live(s)[0].get("text") or ""))  # fmt: skip
    await tap(phone, done)
    review = await expect(phone, review_head("ru"))
    state = await phone.wait_state(lambda s: len(live(s)) == 1)
    assert live(state)[0]["message_id"] == review["message_id"]
    await tap(phone, "✏️ " + t("ru", "Change text"))
    await expect(phone, describe("ru"))
    await phone.send("Провели 14 встреч.")
    await expect(phone, review_head("ru"))
    state = await phone.wait_state(lambda s: len(live(s)) == 1)
    assert "✅ " + t("ru", "Send") in labels(live(state)[0])


async def test_a_stale_review_card_is_drawn_again_and_the_author_hears_of_version_2(sbot):
    muni = await place_members(sbot, "Beshik-Jon", [7641], langs=("ky",))
    competition = await make_competition(sbot)
    sbot.clock.set(OPENS + timedelta(minutes=1))
    submit = sbot.services.submissions.submit
    sent = await submit(7641, competition.id, muni, "Беш жолугушуу өттү.", 120, [], None)
    receipt = sent.submission.receipt
    entrant = await comp_repo.entrant(sbot.services.db, competition, muni)
    admin = sbot.phone(ADMIN_ID, lang="ru")
    await admin.send("/start")
    await admin.send(f"/submissions {competition.id}")
    await tap(admin, f"{receipt} · {entrant.name('ru')}")
    await tap(admin, "🔍 " + t("ru", "Take under review"))
    status = t("ru", "Status: {status}")
    card = await expect(admin, status.format(status=t("ru", "under review")))

    reviews = sbot.services.reviews
    await reviews.begin_revision(ADMIN_ID, sent.submission.id)
    await reviews.text(ADMIN_ID, "Сүрөттөрдү кошуңуз.")
    await reviews.text(ADMIN_ID, "20.12.2026 18:00")
    await submit(7641, competition.id, muni, "Сүрөттөр кошулду.", 150, [], 1)
    await drain(sbot)
    head = t("ru", "{entrant} sent version {version}.").format(entrant="Бешик-Джон", version=2)
    notice = await expect(admin, "📨 " + head)
    assert receipt in notice["text"] and labels(notice) == ["📂 " + t("ru", "Open")]

    await admin.press("✅ " + t("ru", "Accept"), message_id=card["message_id"])
    assert await alert(admin) == t(
        "ru", "This submission's status has changed meanwhile: it is now {status}."
    ).format(status=t("ru", "received"))
    note = t("ru", "This card was out of date: here it is as it is now. Nothing was changed.")
    redrawn = await message(admin, card["message_id"], lambda m: note in m["text"])
    assert status.format(status=t("ru", "received")) in redrawn["text"]
    assert "Сүрөттөр кошулду." in redrawn["text"], "the new version's text"
    assert "✅ " + t("ru", "Accept") not in labels(redrawn)
    assert (await sbot.services.reviews.card(ADMIN_ID, sent.submission.id)).submission.status == (
        "received"
    )

    await tap(admin, "📂 " + t("ru", "Open"))
    opened = await message(admin, notice["message_id"], lambda m: m["edited"])
    assert status.format(status=t("ru", "received")) in opened["text"]


async def test_the_author_reads_the_new_version_notice_in_their_language(sbot):
    muni = await place_members(sbot, "Beshik-Jon", [7651], langs=("ru",))
    competition = await make_competition(sbot)
    sbot.clock.set(OPENS + timedelta(minutes=1))
    admin = sbot.phone(ADMIN_ID, lang="ky")
    await admin.send("/start")
    await expect(admin, t("ky", "You are project staff. Send /help to see your commands."))
    submit = sbot.services.submissions.submit
    await submit(7651, competition.id, muni, "Встречи.", 10, [], None)
    await drain(sbot)
    await submit(7651, competition.id, muni, "Встречи и листовки.", 12, [], 1)
    await drain(sbot)
    head = t("ky", "{entrant} sent version {version}.").format(entrant="Бешик-Жон", version=2)
    notice = await expect(admin, "📨 " + head)
    assert labels(notice) == ["📂 " + t("ky", "Open")]
    notices = [m for m in await admin.messages() if (m.get("text") or "").startswith("📨")]
    assert len(notices) == 1, "the first version is no news to the author"


async def test_a_seminar_card_cancelled_meanwhile_is_drawn_again(sbot):
    seminar = await make_seminar(sbot)
    admin = sbot.phone(ADMIN_ID, lang="ru")
    await admin.send("/start")
    await admin.send("/seminars")
    head = "Seminars: upcoming first, then past ones. Send /newseminar to create one."
    listing = await expect(admin, t("ru", head))
    await tap(admin, next(x for x in labels(listing) if seminar.title_ru in x))
    card = await expect(admin, t("ru", "Places taken: {going} of {capacity}").split("{")[0])
    await sbot.services.seminars.cancel(ADMIN_ID, seminar.id)
    cancel = "🚫 " + t("ru", "Cancel seminar")
    await admin.press(cancel, message_id=card["message_id"])
    assert await alert(admin) == t("ru", "This seminar has been cancelled.")
    gone = "🚫 " + t("ru", "Cancelled.")
    redrawn = await message(admin, card["message_id"], lambda m: gone in m["text"])
    assert cancel not in labels(redrawn)
