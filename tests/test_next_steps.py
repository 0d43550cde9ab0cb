"""Pushes that end with their next step, read as a member reads them: the call and the
reminders open the call and start (or continue) our submission, a receipt opens our
submissions and offers to edit until the deadline, a revision request opens the draft with the
reviewer's comment and the revision's date, a result congratulates (or thanks) with the winners
in the same message; and the seminar report's period picker."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import translator
from tests.competitions.helpers import DEADLINE, OPENS, make_competition, place_members
from tests.conftest import ADMIN_ID, add_members, expect, t, tap
from tests.seminars.helpers import drain, make_seminar

KY, RU = translator("ky"), translator("ru")
CALL = "A competition is open."
OPEN = "📄 Open the call"
START = "📝 Start our submission"
CONTINUE = "▶️ Continue our draft"
OCTOBER = "1–31 октября 2026\u202fг."
DESCRIBE = (
    "Describe what was done: what, where, for whom and with what result. "
    "One message, up to {limit} characters."
)


def label(lang: str, text: str) -> str:
    """A label with its emoji: the emoji stays, the words are translated."""
    icon, words = text.split(" ", 1)
    return f"{icon} {t(lang, words)}"


def buttons(message: dict) -> list[str]:
    return [b["text"] for row in message.get("buttons") or [] for b in row]


async def latest(bot, user_id: int, fragment: str) -> dict:
    """The newest message in the member's chat that contains `fragment`."""
    state = await bot.emulator_state(user_id)
    found = [m for m in state["messages"] if fragment in (m.get("text") or m.get("caption") or "")]
    assert found, f"{user_id} has no message with {fragment!r}"
    return found[-1]


async def opened(sbot, members: list[int], place: str = "Beshik-Jon"):
    """An open competition whose call has reached the members (ky, ru in turn)."""
    muni = await place_members(sbot, place, members)
    competition = await make_competition(sbot)
    sbot.clock.set(OPENS + timedelta(minutes=1))
    await drain(sbot)
    return competition, muni


async def test_the_call_and_the_reminders_open_the_call_and_start_or_continue_the_draft(sbot):
    await opened(sbot, [9101, 9102])
    for member, lang in ((9101, "ky"), (9102, "ru")):
        call = await latest(sbot, member, "🏆 " + t(lang, CALL))
        assert buttons(call) == [label(lang, OPEN), label(lang, START)]
        assert "/competitions" not in call["text"], "the buttons, not a command to type"

    ru = sbot.phone(9102, lang="ru")
    await tap(ru, label("ru", START))
    limit = RU.number(3000)
    await expect(ru, t("ru", DESCRIBE).format(limit=limit))
    ky = sbot.phone(9101, lang="ky")
    await tap(ky, label("ky", OPEN))
    details = await expect(ky, KY._("For: {entrant}").format(entrant="Бешик-Жон"))
    assert "▶️ " + t("ky", "Start") in buttons(details)

    sbot.clock.set(DEADLINE - timedelta(days=7) + timedelta(minutes=1))
    await drain(sbot)
    head = "Reminder: {entrant} has not sent its submission to «{title}» yet."
    ru_reminder = await latest(sbot, 9102, t("ru", head).split("{")[0])
    assert buttons(ru_reminder) == [label("ru", OPEN), label("ru", CONTINUE)]
    ky_reminder = await latest(sbot, 9101, t("ky", "The deadline is {date}.").split("{")[0])
    assert buttons(ky_reminder) == [label("ky", OPEN), label("ky", START)]
    await tap(ru, label("ru", CONTINUE))
    await expect(ru, t("ru", DESCRIBE).format(limit=limit))


async def test_a_receipt_opens_our_submissions_and_offers_to_edit_until_the_deadline(sbot):
    competition, muni = await opened(sbot, [9111, 9112])
    await sbot.services.submissions.submit(
        9111, competition.id, muni, "Мы провели сходы.", 300, [], None
    )
    await drain(sbot)
    head = "A submission for {entrant} was sent to «{title}». Receipt number: {receipt}."
    receipt = await latest(sbot, 9112, t("ru", head).split("{")[0])
    edit = "✏️ " + RU._("Edit until {date}").format(date=RU.date(DEADLINE))
    assert buttons(receipt) == [label("ru", "📨 Our submissions"), edit]
    assert edit == "✏️ Изменить до 10 декабря"
    member = sbot.phone(9112, lang="ru")
    await tap(member, label("ru", "📨 Our submissions"))
    mine = await expect(member, t("ru", "Our submissions"))
    assert "IC-2026-001" in mine["text"]
    await tap(member, edit)
    await expect(member, t("ru", "Please check your submission before sending."))


async def test_see_what_to_fix_opens_the_draft_with_the_comment_and_the_revision_date(sbot):
    competition, muni = await opened(sbot, [9121, 9122])
    sent = await sbot.services.submissions.submit(
        9121, competition.id, muni, "Мы провели сходы.", 300, [], None
    )
    reviews, sid = sbot.services.reviews, sent.submission.id
    await reviews.set_status(ADMIN_ID, sid, "under_review")
    await reviews.begin_revision(ADMIN_ID, sid)
    await reviews.text(ADMIN_ID, "Добавьте фото встреч.")
    await reviews.text(ADMIN_ID, "05.12.2026 18:00")  # before the competition's 10 December
    await drain(sbot)
    notice = await latest(sbot, 9122, "Добавьте фото встреч.")
    assert buttons(notice) == [label("ru", "✏️ See what to fix")]
    ky_notice = await latest(sbot, 9121, "Добавьте фото встреч.")
    assert buttons(ky_notice) == [label("ky", "✏️ See what to fix")]

    member = sbot.phone(9122, lang="ru")
    await tap(member, label("ru", "✏️ See what to fix"))
    draft = await expect(member, t("ru", "Please check your submission before sending."))
    text = draft["text"]
    assert t("ru", "Reviewer's comment: {comment}").format(comment="Добавьте фото встреч.") in text
    by = RU._("Please send a revised version by {date}.").format(date="5 декабря, 18:00")
    assert by in text
    assert "10 декабря" not in text, "the revision's date, not the competition's deadline"
    assert "✅ " + t("ru", "Send") in buttons(draft)


async def test_a_result_comes_once_with_the_winners_congratulating_or_thanking(sbot):
    competition, beshik = await opened(sbot, [9131, 9132])
    masy = await place_members(sbot, "Masy", [9141], langs=("ru",))
    await place_members(sbot, "Dostuk", [9151], langs=("ky",))
    subs, results = sbot.services.submissions, sbot.services.results
    won = await subs.submit(9131, competition.id, beshik, "Отчёт.", 100, [], None)
    await subs.submit(9141, competition.id, masy, "Отчёт.", 100, [], None)
    await results.choose(ADMIN_ID, won.submission.id, "place1")
    await results.text(ADMIN_ID, "300000")
    await drain(sbot)
    await results.publish(ADMIN_ID, competition.id)
    await drain(sbot)

    for member, lang in ((9131, "ky"), (9132, "ru"), (9141, "ru"), (9151, "ky")):
        tr = translator(lang)
        state = await sbot.emulator_state(member)
        first = "🥇 " + tr._("1st place")
        about = [m for m in state["messages"] if first in (m.get("text") or "")]
        assert len(about) == 1, f"{member}: the result and the winners in one message"
        assert buttons(about[0]) == [label(lang, "🏅 All results")]
    grant = RU._("Grant: {amount}.").format(
        amount=RU._("{amount} KGS").format(amount="300\u00a0000")
    )
    won_ru = (await latest(sbot, 9132, "🥇"))["text"]
    assert won_ru.startswith("🏆 " + RU._("The results of «{title}» are published.").format(
        title=competition.title_ru))  # fmt: skip
    assert "🎉 " + RU._("Congratulations!") + f" Бешик-Джон: {RU._('1st place')}." in won_ru
    assert grant in won_ru
    won_ky = (await latest(sbot, 9131, "🥇"))["text"]
    assert "🎉 " + KY._("Congratulations!") + f" Бешик-Жон: {KY._('1st place')}." in won_ky
    thanks = RU._("{entrant} is not among the winners this time. Thank you for taking part!")
    lost = (await latest(sbot, 9141, "🥇"))["text"]
    assert thanks.format(entrant="Массы") in lost and RU._("Congratulations!") not in lost
    winners_only = (await latest(sbot, 9151, "🥇"))["text"]
    assert winners_only.startswith("🏆 " + KY._("Winners of «{title}»").format(
        title=competition.title_ky))  # fmt: skip

    member = sbot.phone(9132, lang="ru")
    await tap(member, label("ru", "🏅 All results"))
    shown = await expect(member, f"Бешик-Джон: {RU._('1st place')}.")
    assert shown["text"].startswith("🏆 " + competition.title_ru)


async def test_after_the_results_nothing_is_left_to_prepare(sbot):
    competition, _ = await opened(sbot, [9161])
    masy = await place_members(sbot, "Masy", [9171], langs=("ru",))
    sent = await sbot.services.submissions.submit(9171, competition.id, masy, "О", 1, [], None)
    await sbot.services.results.choose(ADMIN_ID, sent.submission.id, "incentive")
    await sbot.services.results.skip(ADMIN_ID, sent.submission.id)
    await sbot.services.results.publish(ADMIN_ID, competition.id)
    sbot.clock.set(DEADLINE - timedelta(days=7) + timedelta(minutes=1))
    await drain(sbot)
    head = t("ky", "Reminder: {entrant} has not sent its submission to «{title}» yet.")
    texts = [m.get("text") or "" for m in (await sbot.emulator_state(9161))["messages"]]
    assert not any(head.split("{")[0] in x for x in texts), "no reminder once results are out"
    await sbot.services.competitions.move_deadline(
        ADMIN_ID, competition.id, DEADLINE + timedelta(days=1)
    )
    await drain(sbot)
    moved = await latest(sbot, 9161, "📅 ")
    assert buttons(moved) == [label("ky", "🏅 All results")], "no «start our submission»"


async def test_reports_from_the_menu_open_a_period_picker_and_name_an_empty_period(sbot):
    await make_seminar(sbot)  # 25 November 2026
    admin = sbot.phone(ADMIN_ID, lang="ru", first_name="Админ")
    await admin.send("/start")
    await expect(admin, t("ru", "You are project staff. Send /help to see your commands."))
    await admin.send(t("ru", "📊 Reports"))
    asked = "Seminars, competitions and registrations: which period should the report cover?"
    picker = await expect(admin, t("ru", asked))
    periods = ["📅 This month", "⏮ Last month", "🗓 This quarter", "📆 This year",
               "✏️ Another period"]  # fmt: skip
    assert buttons(picker) == [label("ru", p) for p in periods]

    await tap(admin, label("ru", "⏮ Last month"))
    nothing = (
        "Nothing in the period {period}: no seminars, no competition deadlines, no new members."
    )
    empty = await expect(admin, RU._(nothing).format(period=OCTOBER))
    assert empty["text"].startswith("За период 1–31 октября 2026\u202fг. ничего не было")
    assert buttons(empty) == [label("ru", p) for p in periods], "the picker again"
    state = await admin.state()
    shown = next(m for m in state["messages"] if m["message_id"] == picker["message_id"])
    assert shown["text"] == picker["text"] and not buttons(shown), "one live picker"

    await tap(admin, label("ru", "✏️ Another period"))
    await expect(admin, "01.11.2026 30.11.2026")
    await admin.send("с первого по тридцатое")
    unread = (
        "I couldn't read two dates. Write the first and the last day, like: 01.11.2026 30.11.2026"
    )
    bad = await expect(admin, "⚠️ " + t("ru", unread))
    assert buttons(bad) == [label("ru", p) for p in periods]
    await admin.send("01.11.2026 30.11.2026")
    summary = await expect(
        admin, RU._("Report for {period}").format(period="1–30 ноября 2026\u202fг.")
    )
    assert RU.ngettext("{count} seminar", "{count} seminars", 1).format(count=1) in summary["text"]
    await admin.wait_state(
        lambda st: any((m.get("document") or {}).get("file_name", "") ==
                       "report-2026-11-01-2026-11-30.xlsx" for m in st["messages"])
    )  # fmt: skip
    assert await sbot.services.current_flow(ADMIN_ID) is None, "the question is closed"

    await admin.send("/language")
    await tap(admin, "Кыргызча")
    await admin.send("/report")
    ky_picker = await expect(admin, t("ky", asked))
    assert buttons(ky_picker) == [label("ky", p) for p in periods]
    await tap(admin, label("ky", "📆 This year"))
    this_year = "2026-жылдын 1-январы – 31-декабры"
    await expect(admin, KY._("Report for {period}").format(period=this_year))


async def test_seminar_pushes_end_with_what_to_do(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [9181, 9182, 9183])  # ky, ru, ky
    admin = sbot.phone(ADMIN_ID, lang="en")
    await admin.send("/start")
    await expect(admin, t("en", "You are project staff. Send /help to see your commands."))
    seminar = await make_seminar(sbot, capacity=2)
    await drain(sbot)
    rsvp = sbot.services.rsvp
    for member in (9181, 9182, 9183):
        await rsvp.answer(member, seminar.id, "yes")  # the third goes to the waitlist
    await rsvp.answer(9182, seminar.id, "no")  # so the third is promoted
    moved = {"address": "ул. Токтогула, 5"}
    await sbot.services.seminars.update(ADMIN_ID, seminar.id, moved, None)
    await drain(sbot)

    opened_up = KY._("A place has opened up: you are now on the list of participants.")
    promoted = await latest(sbot, 9183, opened_up)
    assert buttons(promoted) == [label("ky", "❌ I can't attend")]
    changed = await latest(sbot, 9181, "✏️ ")
    assert buttons(changed) == [label("ky", "✅ I will attend"), label("ky", "❌ I can't attend")]
    full = await latest(sbot, ADMIN_ID, "📊 ")
    assert buttons(full) == [label("en", "📋 Open the seminar")]
    await tap(admin, label("en", "📋 Open the seminar"))
    await expect(admin, seminar.title_ru)
