"""Guards on what can't be undone, read as people see them: publishing results says what is
still open and asks twice before the deadline; a rejection carries its reason, who decided and
[Register again] from the previous answers; approval welcomes with buttons; leaving a wizard
with several answers asks first; the seminar and competition wizards end in a summary where
each part can be changed."""

from __future__ import annotations

from datetime import timedelta

from bot.competitions.callbacks import CompetitionCb
from bot.competitions.repo import competitions as comp_repo
from bot.core.wizard import LeaveCb
from bot.i18n import translator
from tests.accounts.test_registration import APPROVED, REJECTED, register
from tests.competitions.helpers import DEADLINE, OPENS, make_competition, place_members
from tests.conftest import ADMIN_ID, add_members, alert, button_shown, expect, t, tap
from tests.seminars.helpers import drain, forge

RU, KY = translator("ru"), translator("ky")


def labels(message: dict) -> list[str]:
    return [b["text"] for row in message.get("buttons") or [] for b in row]


async def staff(bot, lang: str = "ru", **kw):
    admin = bot.phone(ADMIN_ID, lang=lang, first_name="Айгүл", **kw)
    await admin.send("/start")
    await expect(admin, t(lang, "You are project staff. Send /help to see your commands."))
    return admin


# Publishing results ---------------------------------------------------------------------------


async def _entered(bot):
    """Beshik-Jon sent and won; Masy sent and waits for review; Toktogul sent nothing."""
    ids = {
        "Beshik-Jon": await place_members(bot, "Beshik-Jon", [9101], ("ky",)),
        "Masy": await place_members(bot, "Masy", [9201], ("ru",)),
        "Toktogul": await place_members(bot, "Toktogul", [9301], ("ru",)),
    }
    audience = {"kind": "municipalities", "values": [str(i) for i in ids.values()]}
    competition = await make_competition(bot, audience)
    bot.services.clock.set(OPENS + timedelta(minutes=1))
    svc = bot.services
    for name, member in (("Beshik-Jon", 9101), ("Masy", 9201)):
        await svc.submissions.submit(member, competition.id, ids[name], "Отчёт.", 100, [], None)
    beshik = await comp_repo.entrant(svc.db, competition, ids["Beshik-Jon"])
    sent = await svc.results.board(ADMIN_ID, competition.id)
    sid = next(s.id for e, s in sent.entrants if e.id == beshik.id)
    await svc.results.choose(ADMIN_ID, sid, "place1")
    await svc.results.skip(ADMIN_ID, sid)
    return competition


async def test_publishing_before_the_deadline_says_what_is_open_and_asks_twice(sbot):
    competition = await _entered(sbot)
    admin = await staff(sbot)
    await admin.send(f"/submissions {competition.id}")
    await tap(admin, "🏆 " + t("ru", "Results"))
    await tap(admin, "📣 " + t("ru", "Publish"))
    preview = await expect(admin, RU._("Each entrant that took part also hears its own result."
                                       " It can't be undone."))  # fmt: skip
    text = preview["text"]
    assert (
        RU.ngettext(
            "Publish the results to {count} member?", "Publish the results to {count} members?", 3
        ).format(count=3)
        in text
    )
    assert RU.ngettext("{count} of {total} entrants has not sent anything.",
                       "{count} of {total} entrants have not sent anything.",
                       1).format(count=1, total=3) in text  # fmt: skip
    assert RU.ngettext(
        "{count} submission is not reviewed yet (received or under review).",
        "{count} submissions are not reviewed yet (received or under review).", 2,
    ).format(count=2) in text  # fmt: skip
    assert "18 дней" in text and "10 декабря" in text  # 22 Nov 13:01 to 10 Dec 18:00
    assert labels(preview) == ["⚠️ " + t("ru", "Publish before the deadline"),
                               t("ru", "« Back")]  # fmt: skip

    await tap(admin, "⚠️ " + t("ru", "Publish before the deadline"))
    second = await expect(admin, t("ru", "Once the results are published, nobody can send or "
                                         "change a submission. Publish now anyway?"))  # fmt: skip
    assert labels(second) == ["📣 " + t("ru", "Yes, publish now"), t("ru", "« Back")]
    await tap(admin, t("ru", "« Back"))
    await expect(admin, t("ru", "Not published yet."))
    yes = CompetitionCb(competition_id=competition.id, action="publish_yes").pack()
    await forge(admin, yes)  # an old "Publish and send" before the deadline asks the same
    await expect(admin, t("ru", "The deadline has not passed yet."))
    assert (await sbot.services.competitions.get(competition.id)).results_published_at is None
    await tap(admin, "📣 " + t("ru", "Yes, publish now"))
    await expect(admin, t("ru", "Published on {date}.").split("{")[0])
    assert (await sbot.services.competitions.get(competition.id)).results_published_at

    # Toktogul never sent: nothing invites it to prepare a submission any more.
    toktogul = sbot.phone(9301, lang="ru")
    await toktogul.send("/competitions")
    listed = await expect(toktogul, t("ru", "The results are published."))
    assert t("ru", "Not sent yet.") not in listed["text"]
    assert labels(listed) == ["🏅 " + t("ru", "All results")]
    await toktogul.send("/status")
    status = await expect(toktogul, t("ru", "My status"))
    assert competition.title_ru not in status["text"].split(t("ru", "Latest results"))[0]
    assert not any("📝" in label for label in labels(status))


async def test_after_the_deadline_the_confirm_says_when_it_passed_and_asks_once(sbot):
    competition = await _entered(sbot)
    sbot.services.clock.set(DEADLINE + timedelta(days=1))
    admin = await staff(sbot, lang="ky")
    await admin.send(f"/submissions {competition.id}")
    await tap(admin, "🏆 " + t("ky", "Results"))
    await tap(admin, "📣 " + t("ky", "Publish"))
    passed = KY._("The deadline passed on {date}.").split("{")[0]
    preview = await expect(admin, passed)
    assert "📭 " + KY.ngettext("{count} of {total} entrants has not sent anything.",
                              "{count} of {total} entrants have not sent anything.",
                              1).format(count=1, total=3) in preview["text"]  # fmt: skip
    assert labels(preview)[0] == "✅ " + t("ky", "Publish and send")
    await tap(admin, "✅ " + t("ky", "Publish and send"))
    await expect(admin, t("ky", "Published on {date}.").split("{")[0])


# Rejection with a reason, and registering again ---------------------------------------------


async def test_a_rejection_gives_the_reason_the_contact_and_register_again(bot):
    admin = await staff(bot, lang="ru", username="aigul_coord")
    member = bot.phone(9401, lang="ky", first_name="Бакыт")
    await register(bot, member, "ky", name="Токтогулов Бакыт")
    card = await expect(admin, "Токтогулов Бакыт")
    await admin.press("❌ " + t("ru", "Reject"), message_id=card["message_id"])
    asked = await expect(admin, t("ru", "Why is it rejected? The person will read the reason."))
    assert "Токтогулов Бакыт" in asked["text"]
    assert labels(asked) == [
        t("ru", "Not staff of this municipality"), t("ru", "Details look wrong"),
        t("ru", "Registered twice"), "✍️ " + t("ru", "Another reason"), "« " + t("ru", "Back"),
    ]  # fmt: skip
    await admin.press(t("ru", "Registered twice"), message_id=card["message_id"])
    done = await expect(admin, t("ru", "Rejected by {name}").format(name="Айгүл"))
    assert t("ru", "Reason: {reason}").format(
        reason=t("ru", "You are already registered from another Telegram account.")
    ) in done["text"]  # fmt: skip

    told = await expect(member, t("ky", REJECTED))
    text = told["text"]
    assert t("ky", "Reason: {reason}").format(
        reason=t("ky", "You are already registered from another Telegram account.")
    ) in text  # fmt: skip
    assert t("ky", "Decided by {name}. To ask about it, write to {contact}.").format(
        name="Айгүл", contact="@aigul_coord"
    ) in text  # fmt: skip
    assert "+996" not in text
    assert labels(told) == ["↩️ " + t("ky", "Register again")]

    await tap(member, "↩️ " + t("ky", "Register again"))
    summary = await expect(member, t("ky", "Please check your details:"))
    intro = t("ky", "Here are your answers from last time. Change what is needed, then confirm "
                    "to send them for approval again.")  # fmt: skip
    assert summary["text"].startswith("↩️ " + intro)
    assert "Токтогулов Бакыт" in summary["text"] and "Бешик-Жон" in summary["text"]
    await tap(member, "✏️ " + t("ky", "Name"))
    await member.send("Токтогулов Бакыт Асанович")
    await tap(member, t("ky", "✅ Confirm"))
    await expect(admin, "Токтогулов Бакыт Асанович")
    user = await bot.user(9401)
    assert user.status == "pending" and user.phone.startswith("+996")


async def test_a_typed_reason_reaches_the_person_with_a_link_to_the_coordinator(bot):
    admin = await staff(bot, lang="ky")
    member = bot.phone(9402, lang="ru")
    await register(bot, member, "ru", name="Иванова Анна")
    card = await expect(admin, "Иванова Анна")
    await admin.press("❌ " + t("ky", "Reject"), message_id=card["message_id"])
    await tap(admin, "✍️ " + t("ky", "Another reason"))
    await expect(admin, t("ky", "Write the reason in one message. The person will read it as "
                                "you write it."))  # fmt: skip
    await admin.send("Ваш аймак уже зарегистрирован <главой>.")
    await expect(admin, t("ky", "Rejected. {name} will get your reason.").format(
        name="Иванова Анна"))  # fmt: skip
    edited = await expect(admin, t("ky", "Rejected by {name}").format(name="Айгүл"))
    assert edited["message_id"] == card["message_id"] and labels(edited) == []
    told = await expect(member, "Ваш аймак уже зарегистрирован <главой>.")
    assert f'<a href="tg://user?id={ADMIN_ID}">Айгүл</a>' in told["html"]
    assert await bot.services.current_flow(ADMIN_ID) is None
    await member.send("/start")
    await expect(member, t("ru", "Please check your details:"))


async def test_back_on_the_reasons_brings_the_card_back(bot):
    admin = await staff(bot, lang="ru")
    member = bot.phone(9403, lang="ru")
    await register(bot, member, "ru", name="Сидоров Пётр")
    card = await expect(admin, "Сидоров Пётр")
    await admin.press("❌ " + t("ru", "Reject"), message_id=card["message_id"])
    await tap(admin, "✍️ " + t("ru", "Another reason"))
    await tap(admin, "« " + t("ru", "Back"))
    await button_shown(admin, "✅ " + t("ru", "Approve"))
    back = next(
        m for m in (await admin.state())["messages"] if m["message_id"] == card["message_id"]
    )
    assert labels(back) == ["✅ " + t("ru", "Approve"), "❌ " + t("ru", "Reject")]
    assert await bot.services.current_flow(ADMIN_ID) is None
    assert (await bot.user(9403)).status == "pending"


# Approval ---------------------------------------------------------------------------------


async def test_approval_welcomes_with_the_first_things_to_open(bot):
    admin = await staff(bot, lang="ru")
    member = bot.phone(9501, lang="ky")
    await register(bot, member, "ky", name="Асанова Айгүл")
    card = await expect(admin, "Асанова Айгүл")
    await admin.press("✅ " + t("ru", "Approve"), message_id=card["message_id"])
    await expect(member, t("ky", APPROVED))
    welcome = await expect(member, t("ky", "Seminar invitations and competition calls will come "
                                           "here. Where to start:"))  # fmt: skip
    assert labels(welcome) == [t("ky", "📅 Seminars"), t("ky", "🏆 Competitions"),
                               t("ky", "📋 My status")]  # fmt: skip
    assert "/help" not in welcome["text"]
    state = await member.state()
    assert state["reply_keyboard"], "the home menu came with the approval"
    await tap(member, t("ky", "📋 My status"))
    await expect(member, t("ky", "My status"))


# Leaving a wizard ---------------------------------------------------------------------------


async def test_leaving_the_seminar_form_asks_after_three_answers(sbot):
    admin = await staff(sbot, lang="ky")
    await admin.send("/newseminar")
    await admin.send("Бюджет")
    await admin.send("Бюджет")
    await admin.send("/cancel")
    await expect(admin, t("ky", "Cancelled."))
    assert await sbot.services.current_flow(ADMIN_ID) is None

    await admin.send("/newseminar")
    for answer in ("Бюджет", "Бюджет", "Жергиликтүү бюджет тууралуу."):
        await admin.send(answer)
    question = await expect(admin, t("ky", "The description in Russian."))
    await tap(admin, t("ky", "Cancel"))
    asked = await expect(admin, t("ky", "Leave the seminar form?"))
    assert KY.ngettext("{count} answer will be lost.", "{count} answers will be lost.",
                       3).format(count=3) in asked["text"]  # fmt: skip
    assert labels(asked) == ["🚪 " + t("ky", "Leave"), "▶️ " + t("ky", "Keep going")]
    assert asked["message_id"] == question["message_id"], "the question is replaced"
    await tap(admin, "▶️ " + t("ky", "Keep going"))
    await expect(admin, t("ky", "The description in Russian."))
    await admin.send("О местном бюджете.")
    await admin.send("/cancel")
    four = KY.ngettext("{count} answer will be lost.", "{count} answers will be lost.", 4)
    await expect(admin, four.format(count=4))
    await tap(admin, "🚪 " + t("ky", "Leave"))
    await expect(admin, t("ky", "Cancelled."))
    assert await sbot.services.current_flow(ADMIN_ID) is None
    stale = LeaveCb(flow="seminar_form", answer="leave").pack()
    assert await forge(admin, stale) == t("ky", "This button is no longer valid.")


async def test_leaving_a_registration_asks_in_russian(bot):
    member = bot.phone(9601, lang="ru")
    await member.send("/start")
    await tap(member, "Русский")
    await tap(member, t("ru", "📱 Share my phone number"))
    await member.send("Бешик-Джон")
    await tap(member, "Бешик-Джон")
    await tap(member, t("ru", "Head of the aiyl okmotu"))
    await expect(member, t("ru", "Please write your full name (surname, first name)."))
    await member.send("/cancel")
    await expect(member, t("ru", "Leave the registration?"))
    await tap(member, "▶️ " + t("ru", "Keep going"))
    await expect(member, t("ru", "Please write your full name (surname, first name)."))
    await member.send("Петрова Мария")
    await tap(member, t("ru", "Female"))
    await expect(member, t("ru", "Please check your details:"))
    assert (await bot.services.current_flow(9601)).step == "confirm"


# The wizards' summaries -------------------------------------------------------------------


async def _seminar_until_summary(admin):
    await admin.send("/newseminar")
    await admin.send("Жеке сектор")
    await admin.send("Частный сектор")
    await tap(admin, t("ru", "Skip"))
    await expect(admin, t("ru", "The description in Russian."))
    await admin.send("О работе с частным сектором.")
    await admin.send("01.12.2026 10:00")
    await expect(
        admin, t("ru", "When does it end? A time on the same day (17:00) or a date and time.")
    )
    await admin.send("17:00")
    await tap(admin, t("ru", "Until the start"))
    await expect(admin, t("ru", "In which town or village is it?"))
    await admin.send("Жалал-Абад")
    await admin.send("ул. Ленина, 1")
    await tap(admin, t("ru", "Skip"))
    await tap(admin, t("ru", "All members"))
    await expect(admin, t("ru", "How many places are there?"))
    await admin.send("25")
    await admin.send("Айгүл, +996 555 000 111")
    return await expect(admin, t("ru", "Tap a part to change it."))


async def test_the_seminar_summary_changes_any_part_before_creating(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [9701])
    admin = await staff(sbot)
    summary = await _seminar_until_summary(admin)
    assert "Жалал-Абад" in summary["text"] and "25" in summary["text"]
    assert "✏️ " + t("ru", "Place") in labels(summary)
    assert "✏️ " + t("ru", "Number of places") in labels(summary)
    await tap(admin, "✏️ " + t("ru", "Place"))
    city = await expect(admin, t("ru", "In which town or village is it?"))
    assert t("ru", "Now: {value}").format(value="Жалал-Абад") in city["text"]
    await admin.send("Ош")
    address = await expect(admin, t("ru", "The address: street, building, room."))
    assert "ул. Ленина, 1" in address["text"]
    await tap(admin, t("ru", "Keep as it is"))
    await tap(admin, t("ru", "Keep as it is"))
    summary = await expect(admin, t("ru", "Tap a part to change it."))
    assert "Ош, ул. Ленина, 1" in summary["text"]
    await tap(admin, "✏️ " + t("ru", "Number of places"))
    await admin.send("40")
    await expect(admin, t("ru", "Number of places") + ": 40")
    await admin.send("/cancel")
    await expect(admin, t("ru", "Leave the seminar form?"))
    await tap(admin, "▶️ " + t("ru", "Keep going"))
    await tap(admin, "✅ " + t("ru", "Create and send invitations"))
    await expect(admin, RU._("Places taken: {going} of {capacity}").format(going=0, capacity=40))
    seminar = (await sbot.services.seminars.listing(ADMIN_ID))[0][0]
    assert (seminar.city, seminar.address, seminar.capacity) == ("Ош", "ул. Ленина, 1", 40)
    await drain(sbot)


async def test_the_competition_summary_changes_any_part_before_creating(sbot):
    await place_members(sbot, "Beshik-Jon", [9801])
    admin = await staff(sbot, lang="ky")
    await admin.send("/newcompetition")
    await admin.send("Таза айыл")
    await admin.send("Чистое село")
    for _ in range(6):
        await tap(admin, t("ky", "Skip"))
    await admin.send("ic")
    await tap(admin, t("ky", "Municipalities"))
    await tap(admin, t("ky", "All municipalities"))
    await tap(admin, t("ky", "Now"))
    await admin.send("10.12.2026 18:00")
    await admin.send("3")
    await tap(admin, t("ky", "No"))
    summary = await expect(admin, t("ky", "Tap a part to change it."))
    assert "IC-2026-001" in summary["text"]
    assert "✏️ " + t("ky", "Receipt code") in labels(summary)
    await tap(admin, "✏️ " + t("ky", "Receipt code"))
    code = await expect(admin, t("ky", "Now: {value}").format(value="IC"))
    assert t("ky", "Keep as it is") in labels(code)
    await admin.send("SIAP")
    summary = await expect(admin, "SIAP-2026-001")
    await tap(admin, "✏️ " + t("ky", "Dates"))
    await tap(admin, t("ky", "Keep as it is"))
    deadline = await expect(admin, t("ky", "Now: {value}").format(
        value=KY.datetime(DEADLINE)))  # fmt: skip
    assert t("ky", "Keep as it is") in labels(deadline)
    await tap(admin, t("ky", "Keep as it is"))
    await expect(admin, t("ky", "Tap a part to change it."))
    await tap(admin, "✏️ " + t("ky", "Who takes part"))
    await tap(admin, t("ky", "Clusters"))
    await alert(admin)  # no clusters in this programme yet
    await tap(admin, t("ky", "Keep as it is"))
    await tap(admin, t("ky", "Keep as it is"))
    await tap(admin, "✅ " + t("ky", "Create the competition"))
    await expect(admin, t("ky", "The call is going out now."))
    created = (await sbot.services.competitions.listing(ADMIN_ID))[0][0]
    assert (created.code, created.max_files, created.deadline) == ("SIAP", 3, DEADLINE)
