"""/status as a switchboard, read as a member and a coordinator read it: each line that waits
for the reader has a button that opens it (answer the invitation, open the call, continue the
draft, see what to fix), numbered to its line when there are several; each count on a
coordinator's desk opens its list. Titles stay in the text, verbs go on the buttons."""

from __future__ import annotations

from datetime import timedelta

from bot.core import users as users_repo
from bot.i18n import translator
from tests.competitions.helpers import OPENS, make_competition, place_members
from tests.conftest import ADMIN_ID, expect, t, tap
from tests.seminars.helpers import drain, make_seminar

RU = translator("ru")
MAX_LABEL = 34
"""About 30 characters of words, with the emoji or number in front: never cut on a phone."""
DESCRIBE = (
    "Describe what was done: what, where, for whom and with what result. "
    "One message, up to {limit} characters."
)


def buttons(message: dict) -> list[str]:
    return [b["text"] for row in message.get("buttons") or [] for b in row]


async def status(phone, lang: str) -> dict:
    await phone.send("/status")
    screen = await expect(phone, t(lang, "My status"))
    assert all(len(label) <= MAX_LABEL for label in buttons(screen)), buttons(screen)
    return screen


async def open_for(sbot, members: list[int]):
    """A seminar invitation and an open competition, both waiting for the members."""
    muni = await place_members(sbot, "Beshik-Jon", members)
    seminar = await make_seminar(sbot)
    competition = await make_competition(sbot)
    sbot.clock.set(OPENS + timedelta(minutes=1))
    await drain(sbot)
    return seminar, competition, muni


async def test_each_line_that_waits_for_a_member_is_a_numbered_button(sbot):
    seminar, competition, _ = await open_for(sbot, [9501, 9502])
    member = sbot.phone(9502, lang="ru")
    screen = await status(member, "ru")
    assert buttons(screen) == [
        "1️⃣ " + t("ru", "Answer the invitation"),
        "2️⃣ " + t("ru", "Open the call"),
    ]
    assert "1️⃣ " + seminar.title_ru in screen["text"]
    assert "2️⃣ " + competition.title_ru in screen["text"]
    ky = sbot.phone(9501, lang="ky")
    ky_screen = await status(ky, "ky")
    assert buttons(ky_screen) == [
        "1️⃣ " + t("ky", "Answer the invitation"),
        "2️⃣ " + t("ky", "Open the call"),
    ]

    await tap(member, "1️⃣ " + t("ru", "Answer the invitation"))
    invitation = await expect(member, t("ru", "You are invited to a seminar."))
    assert seminar.title_ru in invitation["text"]
    answers = ["✅ " + t("ru", "I will attend"), "❌ " + t("ru", "I can't attend")]
    assert buttons(invitation) == answers
    await sbot.services.rsvp.answer(9502, seminar.id, "yes")

    screen = await status(member, "ru")
    assert buttons(screen) == ["📄 " + t("ru", "Open the call")], "one line waits: no numbers"
    assert "• " + seminar.title_ru in screen["text"]
    assert "• " + competition.title_ru in screen["text"]
    await tap(member, "📄 " + t("ru", "Open the call"))
    await tap(member, "▶️ " + t("ru", "Start"))
    await expect(member, t("ru", DESCRIBE).format(limit=RU.number(3000)))

    screen = await status(member, "ru")
    assert buttons(screen) == ["▶️ " + t("ru", "Continue the draft")]
    assert t("ru", "A draft is open, not sent yet.") in screen["text"]
    await tap(member, "▶️ " + t("ru", "Continue the draft"))
    await expect(member, t("ru", DESCRIBE).format(limit=RU.number(3000)))


async def test_a_revision_request_is_a_button_to_what_to_fix(sbot):
    _, competition, muni = await open_for(sbot, [9511])
    sent = await sbot.services.submissions.submit(
        9511, competition.id, muni, "Мы провели сходы.", 300, [], None
    )
    reviews, sid = sbot.services.reviews, sent.submission.id
    await reviews.set_status(ADMIN_ID, sid, "under_review")
    await reviews.begin_revision(ADMIN_ID, sid)
    await reviews.text(ADMIN_ID, "Добавьте фото встреч.")
    await reviews.text(ADMIN_ID, "05.12.2026 18:00")
    await drain(sbot)
    member = sbot.phone(9511, lang="ky")
    screen = await status(member, "ky")
    fix = "2️⃣ " + t("ky", "See what to fix")
    assert buttons(screen) == ["1️⃣ " + t("ky", "Answer the invitation"), fix]
    await tap(member, fix)
    draft = await expect(member, t("ky", "Please check your submission before sending."))
    assert "Добавьте фото встреч." in draft["text"]


async def test_nothing_waiting_gives_the_text_with_the_menu(sbot):
    await place_members(sbot, "Beshik-Jon", [9521], langs=("ru",))
    member = sbot.phone(9521, lang="ru")
    screen = await status(member, "ru")
    assert not buttons(screen)
    calm = "Nothing is waiting for you now: no seminars ahead, no open competitions."
    assert t("ru", calm) in screen["text"]
    state = await member.state()
    assert state["reply_keyboard"], "the home menu comes with it"


async def test_a_coordinators_counts_open_their_lists(sbot):
    db = sbot.services.db
    await make_seminar(sbot)
    _, competition, muni = await open_for(sbot, [9531])
    await sbot.services.submissions.submit(9531, competition.id, muni, "Отчёт.", 10, [], None)
    waiting = await users_repo.ensure(db, 9539, "Осмонов Бакыт", "2026-01-01")
    await users_repo.update_fields(
        db, waiting.id, "2026-01-01", full_name="Осмонов Бакыт", municipality_id=muni,
        position="head", gender="male", phone="+996700000001", lang="ru",
    )  # fmt: skip
    await db.execute("UPDATE users SET status = 'pending' WHERE id = ?", (waiting.id,))

    admin = sbot.phone(ADMIN_ID, lang="ru", first_name="Админ")
    await admin.send("/start")
    await expect(admin, t("ru", "You are project staff. Send /help to see your commands."))
    screen = await status(admin, "ru")
    assert buttons(screen) == [
        "✅ " + t("ru", "Approve registrations ({count})").format(count=1),
        "📅 " + t("ru", "Open seminars ({count})").format(count=2),
        "🔍 " + t("ru", "Review submissions ({count})").format(count=1),
    ]
    assert "/pending" not in screen["text"] and "/competitions" not in screen["text"]

    await tap(admin, "✅ " + t("ru", "Approve registrations ({count})").format(count=1))
    await expect(admin, "Осмонов Бакыт")
    await tap(admin, "📅 " + t("ru", "Open seminars ({count})").format(count=2))
    listed = "Seminars: upcoming first, then past ones. Send /newseminar to create one."
    await expect(admin, t("ru", listed))
    await tap(admin, "🔍 " + t("ru", "Review submissions ({count})").format(count=1))
    await expect(admin, t("ru", "Competitions you run. Send /newcompetition to create one."))
