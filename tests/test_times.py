"""Times as people write them (bot.core.timeparse) and the quick picks (bot.core.quicktimes),
without a bot: many ky, ru and en forms, what is certain and what is read back, past times,
and text that is no time at all."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core import quicktimes, timeviews
from bot.core.errors import Refusal
from bot.core.timeparse import read
from bot.i18n import translator
from tests.competitions.helpers import place_members
from tests.conftest import ADMIN_ID, alert, expect, t, tap
from tests.seminars.test_seminars import staff

BISHKEK = ZoneInfo("Asia/Bishkek")
NOW = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
"""Sunday 6 December 2026, 14:00 in Bishkek."""


def at(day: str, hm: str = "09:00") -> datetime:
    """A Bishkek time: at("07.12", "09:00")."""
    d, m, *y = (int(x) for x in day.split("."))
    hour, minute = (int(x) for x in hm.split(":"))
    return datetime(y[0] if y else 2026, m, d, hour, minute, tzinfo=BISHKEK)


CERTAIN = [
    ("бүгүн 18:00", at("06.12", "18:00")),
    ("бүгүн саат 18:00дө", at("06.12", "18:00")),
    ("эртең 09:30", at("07.12", "09:30")),
    ("эртең саат 10:00до", at("07.12", "10:00")),
    ("бүрсүгүнү 10:00", at("08.12", "10:00")),
    ("25-декабрда саат 10:00", at("25.12", "10:00")),
    ("2027-жылдын 25-декабры саат 10:00", at("25.12.2027", "10:00")),
    ("сегодня 18:00", at("06.12", "18:00")),
    ("Сегодня в 18:00", at("06.12", "18:00")),
    ("завтра в 9:15", at("07.12", "09:15")),
    ("завтра в 9.15", at("07.12", "09:15")),
    ("послезавтра 10:00", at("08.12", "10:00")),
    ("25 декабря в 10:00", at("25.12", "10:00")),
    ("25 декабря 2027 г. 10:00", at("25.12.2027", "10:00")),
    ("9:00 завтра", at("07.12", "09:00")),
    ("25.12 10:00", at("25.12", "10:00")),
    ("25.12.2026 10:00", at("25.12", "10:00")),
    ("25.12.26 10:00", at("25.12", "10:00")),
    ("25/12/2026 10:00", at("25.12", "10:00")),
    ("2026-12-25 14:30", at("25.12", "14:30")),
    ("01.12 10:00", at("01.12", "10:00")),
    ("tomorrow 9:30", at("07.12", "09:30")),
    ("tomorrow at 9:30 pm", at("07.12", "21:30")),
    ("today 18:00", at("06.12", "18:00")),
    ("December 25 10:00", at("25.12", "10:00")),
    ("25 Dec 2027 10:00", at("25.12.2027", "10:00")),
    ("zavtra v 9:00", at("07.12", "09:00")),
    ("erteng saat 9:00", at("07.12", "09:00")),
]
UNSURE = [
    # an hour without minutes
    ("эртең 9да", at("07.12", "09:00")),
    ("эртең саат 9", at("07.12", "09:00")),
    ("эртең саат 9-да", at("07.12", "09:00")),
    ("Эртең эртең менен 9да", at("07.12", "09:00")),
    ("эртең кечки 6да", at("07.12", "18:00")),
    ("эртең түштөн кийин 3тө", at("07.12", "15:00")),
    ("завтра в 9", at("07.12", "09:00")),
    ("завтра в 9 утра", at("07.12", "09:00")),
    ("завтра в 6 вечера", at("07.12", "18:00")),
    ("завтра в 2 дня", at("07.12", "14:00")),
    ("завтра в 3", at("07.12", "15:00")),
    ("сегодня в 9", at("06.12", "21:00")),
    ("в 11 ночи", at("06.12", "23:00")),
    ("tomorrow 9am", at("07.12", "09:00")),
    ("tomorrow at 9 a.m.", at("07.12", "09:00")),
    ("tonight 8", at("06.12", "20:00")),
    ("25 декабря в 10", at("25.12", "10:00")),
    ("25.12 10", at("25.12", "10:00")),
    # a weekday
    ("дүйшөмбү 10:00", at("07.12", "10:00")),
    ("дүйшөмбүдө саат 10:00", at("07.12", "10:00")),
    ("шаршембиде 14:00", at("09.12", "14:00")),
    ("жума күнү 10:00", at("11.12", "10:00")),
    ("кийинки дүйшөмбү 9:00", at("07.12", "09:00")),
    ("в понедельник 10:00", at("07.12", "10:00")),
    ("в среду в 14:30", at("09.12", "14:30")),
    ("в пятницу 25.12 10:00", at("25.12", "10:00")),
    ("в следующий понедельник в 10", at("07.12", "10:00")),
    ("сб 10:00", at("12.12", "10:00")),
    ("в воскресенье 18:00", at("06.12", "18:00")),
    ("next monday 9am", at("07.12", "09:00")),
    ("Wednesday 10:00", at("09.12", "10:00")),
    # no day: today if still ahead, else tomorrow
    ("10:00", at("07.12", "10:00")),
    ("18:00", at("06.12", "18:00")),
    ("в 9.30", at("07.12", "09:30")),
    ("в полдень", at("07.12", "12:00")),
    # a year guessed: typed in December, a January date is next year's
    ("05.01 10:00", at("05.01.2027", "10:00")),
    ("5 января в 10:00", at("05.01.2027", "10:00")),
]
UNREADABLE = [
    "", "   ", "завтра", "эртең", "tomorrow", "привет", "hello 10:00", "25.13 10:00",
    "32.12 10:00", "31.11 10:00", "25:00", "10:75", "завтра 10:00 и 11:00", "в среду 25.12 10:00",
    "сегодня завтра 10:00", "13pm", "0am", "25.12", "через 2 дня в 10", "кечээ 10:00",
    "asdf", "10:00 10:00", "дүйшөмбү шейшемби 10:00", "10 утра вечера",
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CERTAIN)
def test_certain_forms(text: str, expected: datetime) -> None:
    found = read(text, NOW, BISHKEK)
    assert found is not None, text
    assert (found.when, found.certain) == (expected, True), text


@pytest.mark.parametrize(("text", "expected"), UNSURE)
def test_forms_read_back_for_a_yes(text: str, expected: datetime) -> None:
    found = read(text, NOW, BISHKEK)
    assert found is not None, text
    assert (found.when, found.certain) == (expected, False), text


@pytest.mark.parametrize("text", UNREADABLE)
def test_what_is_no_time_is_not_read(text: str) -> None:
    assert read(text, NOW, BISHKEK) is None


def test_a_past_time_is_read_as_written_and_refused_by_the_step() -> None:
    """The reader does not move a past date into the future: the wizard refuses it."""
    for text, expected in (
        ("01.01.2020 10:00", at("01.01.2020", "10:00")),
        ("01.12 10:00", at("01.12", "10:00")),
        ("сегодня 09:00", at("06.12", "09:00")),
        ("бүгүн 13:59", at("06.12", "13:59")),
    ):
        found = read(text, NOW, BISHKEK)
        assert found is not None and found.when == expected and found.when <= NOW, text


def test_a_bare_time_is_on_the_day_the_question_names() -> None:
    day = date(2026, 12, 10)
    assert read("17:00", NOW, BISHKEK, day) == read("10.12 17:00", NOW, BISHKEK)
    found = read("5", NOW, BISHKEK, day)
    assert found is not None and (found.when, found.certain) == (at("10.12", "17:00"), False)
    tomorrow = read("завтра 17:00", NOW, BISHKEK, day)
    assert tomorrow is not None and tomorrow.when == at("07.12", "17:00")


def test_a_weekday_that_is_today_means_today_while_its_time_is_ahead() -> None:
    sunday = read("в воскресенье 18:00", NOW, BISHKEK)
    passed = read("в воскресенье 10:00", NOW, BISHKEK)
    following = read("next sunday 18:00", NOW, BISHKEK)
    assert sunday is not None and sunday.when == at("06.12", "18:00")
    assert passed is not None and passed.when == at("13.12", "10:00")
    assert following is not None and following.when == at("13.12", "18:00")


def test_typed_refuses_what_it_cannot_read_and_says_when_it_is_unsure() -> None:
    with pytest.raises(Refusal) as refused:
        quicktimes.typed("когда-нибудь", NOW, BISHKEK)
    assert refused.value.code == "bad_time"
    reading = quicktimes.typed("завтра в 9", NOW, BISHKEK)
    assert reading.when == at("07.12", "09:00").astimezone(UTC)
    with pytest.raises(quicktimes.Unsure) as unsure:
        quicktimes.unsure(reading, NOW, BISHKEK)
    assert unsure.value.pick == quicktimes.Pick(reading.when, "tomorrow")
    quicktimes.unsure(quicktimes.typed("завтра 09:00", NOW, BISHKEK), NOW, BISHKEK)


def test_every_example_the_bot_gives_is_understood() -> None:
    """The examples in each language's refusal are read by the bot itself."""
    for lang in ("ky", "ru", "en"):
        examples = timeviews.examples(translator(lang)).split(", ")
        assert len(examples) == 3, lang
        for example in examples:
            assert read(example, NOW, BISHKEK) is not None, (lang, example)


def test_quick_picks_are_ahead_in_order_and_within_the_limits() -> None:
    soon = quicktimes.choose(quicktimes.soon(NOW, BISHKEK), NOW, BISHKEK)
    assert [(p.when, p.day) for p in soon] == [
        (at("06.12", "18:00"), "today"),
        (at("07.12", "09:00"), "tomorrow"),
    ], "Monday 09:00 is tomorrow's pick already"
    evening = NOW.replace(hour=12, minute=55)  # 18:55 in Bishkek
    assert [p.when for p in quicktimes.choose(quicktimes.soon(evening, BISHKEK), evening,
                                              BISHKEK)] == [at("07.12")]  # fmt: skip
    wednesday = datetime(2026, 12, 9, 2, 0, tzinfo=UTC)
    picks = quicktimes.choose(quicktimes.soon(wednesday, BISHKEK), wednesday, BISHKEK)
    assert [(p.when, p.day) for p in picks] == [
        (at("09.12", "18:00"), "today"), (at("10.12"), "tomorrow"), (at("14.12"), "other")
    ]  # fmt: skip
    start = at("10.12", "10:00").astimezone(UTC)
    before = quicktimes.choose(
        quicktimes.before(start, wednesday, BISHKEK), wednesday, BISHKEK, not_after=start
    )
    assert [p.when for p in before] == [at("09.12", "18:00"), at("10.12")], "before the start"
    opens = at("10.12", "10:00").astimezone(UTC)
    after = quicktimes.choose(quicktimes.weeks_after(opens, BISHKEK), NOW, BISHKEK, after=opens)
    assert [p.when for p in after] == [
        at("17.12", "18:00"), at("24.12", "18:00"), at("09.01.2027", "18:00")
    ]  # fmt: skip
    meetings = quicktimes.choose(quicktimes.meetings(NOW, BISHKEK), NOW, BISHKEK)
    assert [p.when for p in meetings] == [at("07.12", "10:00"), at("14.12", "10:00")]


def test_pick_labels_name_the_day_in_the_readers_language() -> None:
    tomorrow = quicktimes.Pick(at("07.12").astimezone(UTC), "tomorrow")
    later = quicktimes.Pick(at("09.12", "10:00").astimezone(UTC), "other")
    ru, ky = translator("ru"), translator("ky")
    assert timeviews.label(ru, tomorrow) == "Завтра, " + ru.datetime(tomorrow.when)
    assert timeviews.label(ky, tomorrow) == "Эртең, " + ky.datetime(tomorrow.when)
    assert "среда" in timeviews.label(ru, later) and "шаршемби" in timeviews.label(ky, later)
    assert quicktimes.at_minute(quicktimes.minute_of(later.when)) == later.when
    with pytest.raises(Refusal):
        quicktimes.at_minute(10**17)  # a forged button


def test_the_year_is_guessed_only_for_a_date_well_back() -> None:
    assert read("10.11 10:00", NOW, BISHKEK).when == at("10.11", "10:00")  # type: ignore[union-attr]
    late = NOW + timedelta(days=20)  # 26 December
    found = read("03.01 10:00", late, BISHKEK)
    assert found is not None and found.when == at("03.01.2027", "10:00") and not found.certain


# The wizards' time questions through the bot, on the seminar tests' clock: Sunday
# 22 November 2026, 12:00 in Bishkek.

RU, KY = translator("ru"), translator("ky")


def labels(message: dict) -> list[str]:
    return [b["text"] for row in message.get("buttons") or [] for b in row]


def local(day: str, hm: str) -> datetime:
    return at(day, hm).astimezone(UTC)


async def test_seminar_start_and_deadline_offer_picks_and_read_back_a_bare_hour(sbot):
    admin = await staff(sbot)
    await admin.send("/newseminar")
    await expect(admin, t("ru", "Write the seminar's title in Kyrgyz."))
    await admin.send("Бюджет")
    await expect(admin, t("ru", "Now the title in Russian."))
    await admin.send("Бюджет")
    await tap(admin, t("ru", "Skip"))
    await expect(admin, t("ru", "The description in Russian."))
    await tap(admin, t("ru", "Skip"))
    start = await expect(admin, t("ru", "When does it start?"))
    monday, next_monday = local("23.11.2026", "10:00"), local("30.11.2026", "10:00")
    assert labels(start) == [
        RU._("Tomorrow, {when}").format(when=RU.datetime(monday)),
        RU.datetime(next_monday, weekday=True), t("ru", "Another time"), t("ru", "Cancel"),
    ]  # fmt: skip
    await tap(admin, RU.datetime(next_monday, weekday=True))
    await expect(
        admin, t("ru", "When does it end? A time on the same day (17:00) or a date and time.")
    )
    await admin.send("в 5")
    end = local("30.11.2026", "17:00")
    await expect(admin, RU.datetime(end, weekday=True) + "?")
    await tap(admin, t("ru", "Yes"))
    deadline = await expect(admin, t("ru", "Until when can members answer?"))
    picks = [local("22.11.2026", "18:00"), local("23.11.2026", "09:00"),
             local("28.11.2026", "18:00"), local("29.11.2026", "18:00")]  # fmt: skip
    assert labels(deadline) == [
        RU._("Today, {when}").format(when=RU.datetime(picks[0])),
        RU._("Tomorrow, {when}").format(when=RU.datetime(picks[1])),
        RU.datetime(picks[2], weekday=True), RU.datetime(picks[3], weekday=True),
        t("ru", "Another time"), t("ru", "Until the start"), t("ru", "Cancel"),
    ], "only picks before the start"  # fmt: skip
    await admin.send("01.12 10:00")
    after = await expect(admin, t("ru", "The answer deadline can't be after the start."))
    assert RU.datetime(picks[3], weekday=True) in labels(after), "the picks again"
    await admin.send("когда удобно")
    unread = await expect(admin, t("ru", "I couldn't read this time."))
    assert "завтра в 9" in unread["text"], "an example in the reader's language"
    await tap(admin, t("ru", "Another time"))
    await expect(admin, "завтра в 9, в понедельник 10:00")
    await admin.send("29.11 18:00")
    await expect(admin, t("ru", "In which town or village is it?"))
    flow = await sbot.services.seminar_form.current(ADMIN_ID)
    values = flow.data["values"]
    assert (values["starts_at"], values["ends_at"], values["rsvp_deadline"]) == (
        next_monday.isoformat(timespec="seconds"), end.isoformat(timespec="seconds"),
        picks[3].isoformat(timespec="seconds"),
    )  # fmt: skip


async def test_competition_opening_and_deadline_offer_picks_and_refuse_in_kyrgyz(sbot):
    await place_members(sbot, "Beshik-Jon", [8901])
    admin = sbot.phone(ADMIN_ID, lang="ky", first_name="Админ")
    await admin.send("/start")
    await expect(admin, t("ky", "You are project staff. Send /help to see your commands."))
    await admin.send("/newcompetition")
    await expect(admin, t("ky", "Write the competition's title in Kyrgyz."))
    for answer in ("Таза айыл", "Чистое село", "Айылды тазалаңыз.", "Уберите село."):
        await admin.send(answer)
    await expect(
        admin, t("ky", "The rules in Kyrgyz: who may enter, what counts, how it is judged.")
    )
    for answer in ("Эрежелер", "Правила", "1-орун: 500 000 сом", "1 место: 500 000 сом", "ic"):
        await admin.send(answer)
    await tap(admin, t("ky", "Municipalities"))
    await tap(admin, t("ky", "All municipalities"))
    opening = await expect(
        admin, t("ky", "When does the competition open? Members get the call at that time.")
    )
    today, tomorrow = local("22.11.2026", "18:00"), local("23.11.2026", "09:00")
    assert labels(opening) == [
        KY._("Today, {when}").format(when=KY.datetime(today)),
        KY._("Tomorrow, {when}").format(when=KY.datetime(tomorrow)),
        t("ky", "Another time"), t("ky", "Now"), t("ky", "Cancel"),
    ]  # fmt: skip
    await admin.send("эртең саат 10до")
    opens = local("23.11.2026", "10:00")
    asked = await expect(admin, KY._("Tomorrow, {when}").format(when=KY.datetime(opens)) + "?")
    await tap(admin, t("ky", "Yes"))
    deadline = await expect(admin, t("ky", "Until when can submissions be sent?"))
    week, two, month = (local(d, "18:00") for d in ("30.11.2026", "07.12.2026", "23.12.2026"))
    assert labels(deadline)[:3] == [KY.datetime(w, weekday=True) for w in (week, two, month)]
    await admin.send("бүгүн 18:00")
    before = await expect(admin, t("ky", "The deadline must be after the opening time."))
    assert KY.datetime(two, weekday=True) in labels(before)
    await admin.send("01.11 18:00")
    past = await expect(
        admin, t("ky", "This time has already passed. Please give a time in the future.")
    )
    assert "эртең саат 9да" in past["text"]
    await tap(admin, KY.datetime(two, weekday=True))
    await expect(admin, t("ky", "How many files may a submission have? A number from 0 to 30."))
    values = (await sbot.services.competition_form.current(ADMIN_ID)).data["values"]
    assert (values["opens_at"], values["deadline"]) == (
        opens.isoformat(timespec="seconds"), two.isoformat(timespec="seconds")
    )  # fmt: skip
    assert labels(asked) == [t("ky", "Yes"), t("ky", "Another time")]
    await admin.press(KY._("Today, {when}").format(when=KY.datetime(today)))
    assert await alert(admin) == t(
        "ky", "This button is from an earlier step. Here is where you are now:"
    )
