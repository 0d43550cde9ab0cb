"""Audiences by behaviour and combination, through the bot: "invited but no answer" reaches
exactly those members, "AO heads in Naryn" combines a place and a position, a long list of
municipalities pages to its last item and finds one typed in Latin, forged and old buttons
change nothing, and an empty behaviour audience says why and queues nothing."""

from __future__ import annotations

import pytest

from bot.broadcasts.callbacks import BroadcastAudienceCb, BroadcastWizardCb
from bot.core import labels
from bot.core import users as users_repo
from bot.core.audience.views import BEHAVIOUR_LABELS, BEHAVIOUR_NAMES, WHY_EMPTY
from bot.core.errors import Refusal
from bot.core.texts import clip
from bot.i18n import translator
from tests.broadcasts.test_broadcasts import KY_TEXT, RU_TEXT, reach, staff, to_audience
from tests.competitions.helpers import OPENS, make_competition, place_members
from tests.conftest import ADMIN_ID, add_members, alert, button_shown, expect, t, tap
from tests.programmes import coordinator_of
from tests.seminars.helpers import START, drain, forge, make_seminar

NOTHING_SENT = "Nothing will be sent. Narrow the audience another way, or cancel."
TITLE = "Частный сектор и услуги"


def seminar_button(title: str = TITLE) -> str:
    return f"{clip(title, 40)} · {translator('ru').date(START)}"


async def broadcasts_queued(bot) -> int:
    return await bot.services.db.count("SELECT COUNT(*) FROM outbox WHERE kind = 'broadcast'")


async def place(db, region: str, names: list[tuple[str, str]]) -> list[int]:
    """Municipalities (ru name, en name) in the region's first district; returns their ids."""
    district = await db.fetchone(
        "SELECT d.id FROM districts d JOIN regions r ON r.id = d.region_id WHERE r.code = ?"
        " ORDER BY d.id LIMIT 1",
        (region,),
    )
    ids = []
    for ru, en in names:
        ids.append(
            await db.insert(
                "INSERT INTO municipalities (district_id, kind, name_ky, name_ru, name_en)"
                " VALUES (?, 'aiyl_aimak', ?, ?, ?)",
                (district[0], ru, ru, en),
            )
        )
    return ids


async def member(db, telegram_id: int, municipality_id: int, position: str = "head") -> None:
    """An approved member; `add_members` gives those who must also receive the message."""
    user = await users_repo.ensure(db, telegram_id, f"Member {telegram_id}", "2026-01-01")
    await users_repo.update_fields(
        db, user.id, "2026-01-01", lang="ru", full_name=f"Member {telegram_id}",
        municipality_id=municipality_id, position=position, gender="female",
    )  # fmt: skip
    await db.execute("UPDATE users SET status = 'approved' WHERE id = ?", (user.id,))


async def to_behaviour(admin, behaviour: str) -> dict:
    """From the audience question: by seminar, the seminar, the behaviour; the preview."""
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "By seminar"))
    await expect(admin, t("ru", "Which seminar?"))
    await tap(admin, seminar_button())
    await tap(admin, t("ru", BEHAVIOUR_LABELS[behaviour]))
    return await expect(admin, t("ru", "Preview"))


async def test_invited_but_no_answer_reaches_exactly_those(sbot):
    invited = [7001, 7002, 7003, 7004]
    await add_members(sbot.services.db, sbot.emulator.url, invited)
    seminar = await make_seminar(sbot)
    await sbot.services.rsvp.answer(7001, seminar.id, "yes")
    await sbot.services.rsvp.answer(7002, seminar.id, "no")
    await drain(sbot)
    admin = await staff(sbot)
    await to_audience(admin, ky=None)
    preview = await to_behaviour(admin, "no_answer")
    assert reach(t("ru", "All members"), 4) in preview["text"]
    name = t("ru", BEHAVIOUR_NAMES["no_answer"]).format(title=TITLE)
    assert "→ " + reach(name, 2) in preview["text"], "the preview says how the behaviour narrowed"
    await tap(admin, t("ru", "Send now"))
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    await expect(admin, t("ru", "Broadcast #{id} finished.").format(id=1), timeout=10)
    rows = await sbot.services.db.fetchall(
        "SELECT chat_id FROM outbox WHERE kind = 'broadcast' ORDER BY chat_id"
    )
    assert [r[0] for r in rows] == [7003, 7004], "exactly those who have not answered"
    for silent in (7001, 7002):
        messages = (await sbot.emulator_state(silent))["messages"]
        assert not any(RU_TEXT in (m.get("text") or "") for m in messages)
    reader = sbot.phone(7004)
    assert await reader.wait_for(lambda ms: any(RU_TEXT in (m.get("text") or "") for m in ms))
    await admin.send("/broadcasts")
    await expect(admin, reach(t("ru", "All members") + " · " + name, 2))


async def test_ao_heads_in_naryn(bot):
    db = bot.services.db
    naryn = await place(db, "naryn", [("Кочкор", "Kochkor"), ("Ат-Башы", "At-Bashy")])
    await add_members(db, bot.emulator.url, [7101, 7102, 7103], region="naryn")
    for telegram_id, position in ((7104, "deputy_head"), (7105, "specialist")):
        await member(db, telegram_id, naryn[1], position)
    await add_members(db, bot.emulator.url, [7106], region="jalal-abad")
    admin = await staff(bot)
    await to_audience(admin, ky=None)
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "By region"))
    await tap(admin, "Нарынская область")
    await tap(admin, t("ru", "Done"))
    await expect(admin, reach("Нарынская область", 5))
    await tap(admin, t("ru", "Narrow the audience"))
    await tap(admin, t("ru", "Only some positions"))
    heads = labels.position(translator("ru"), "head")
    await tap(admin, heads)
    await button_shown(admin, "✓ " + heads)
    await tap(admin, t("ru", "Done"))
    preview = await expect(admin, t("ru", "Preview"))
    assert reach("Нарынская область", 5) + "\n→ " + reach(heads, 3) in preview["text"]
    await tap(admin, t("ru", "Send now"))
    await tap(admin, "✅ " + t("ru", "Confirm and send"))
    await expect(admin, t("ru", "Broadcast #{id} finished.").format(id=1), timeout=10)
    rows = await db.fetchall("SELECT chat_id FROM outbox WHERE kind = 'broadcast' ORDER BY chat_id")
    assert [r[0] for r in rows] == [7101, 7102, 7103]


async def test_paging_reaches_the_last_of_81_and_typing_finds_a_latin_spelling(bot):
    db = bot.services.db
    names = [(f"Айыл {n:02d}", f"Aiyl {n:02d}") for n in range(1, 81)] + [("Куйручук", "Kuiruchuk")]
    ids = await place(db, "naryn", names)
    for n, municipality_id in enumerate(ids):
        await member(db, 8000 + n, municipality_id)
    admin = await staff(bot)
    await to_audience(admin, ky=None)
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "By municipality"))
    await expect(admin, t("ru", "To find one, type part of its name."))
    await button_shown(admin, "1/11")
    for page in range(2, 12):
        await tap(admin, "▶")
        await button_shown(admin, f"{page}/11")
    await tap(admin, "Куйручук")
    await button_shown(admin, "✓ Куйручук")
    await admin.send("Kuyruchuk")
    await expect(admin, t("ru", "Found for «{query}»:").format(query="Kuyruchuk"))
    await button_shown(admin, "✓ Куйручук")
    await button_shown(admin, t("ru", "Show the whole list"))
    await tap(admin, t("ru", "Done"))
    preview = await expect(admin, t("ru", "Preview"))
    one = translator("ru").ngettext("Municipality {names}", "Municipalities {names}", 1)
    assert reach(one.format(names="Куйручук"), 1) in preview["text"]


async def test_forged_and_old_buttons_are_refused(sbot):
    db = sbot.services.db
    await add_members(db, sbot.emulator.url, [7201, 7202])
    await add_members(db, sbot.emulator.url, [7203], region="osh")
    seminar = await make_seminar(sbot)
    osh = await db.fetchone("SELECT id FROM regions WHERE code = 'osh'")
    await coordinator_of(sbot, 7250, 1, regions=[osh[0]])
    coordinator = sbot.phone(7250, lang="ru", first_name="Coordinator")
    await coordinator.send("/start")
    await to_audience(coordinator, ky=None)
    await tap(coordinator, t("ru", "No attachment"))
    await tap(coordinator, t("ru", "By seminar"))
    await expect(coordinator, t("ru", "There is no seminar you can choose here."))
    forged = BroadcastAudienceCb(action="eventid", value=str(seminar.id)).pack()
    assert await forge(coordinator, forged) == t("ru", "You are not allowed to do this.")
    stale = t("ru", "This button is from an earlier step. Here is where you are now:")
    wrong_step = BroadcastAudienceCb(action="behaviour", value="no_answer").pack()
    assert await forge(coordinator, wrong_step) == stale
    missing = BroadcastAudienceCb(action="eventid", value="999").pack()
    assert await forge(coordinator, missing) == stale
    await tap(coordinator, t("ru", "Choose the audience again"))
    await tap(coordinator, t("ru", "By municipality"))
    await alert(coordinator)
    jalal_abad = await db.fetchone("SELECT municipality_id FROM users WHERE telegram_id = 7201")
    outside = BroadcastWizardCb(action="toggle", value=str(jalal_abad[0])).pack()
    assert await forge(coordinator, outside) == stale, "a place outside the coordinator's region"
    flow = await sbot.services.broadcast_wizard.current(7250)
    assert flow is not None and flow.data["audience"]["values"] == []
    assert await broadcasts_queued(sbot) == 0


async def test_an_empty_behaviour_audience_says_why_and_queues_nothing(sbot):
    await add_members(sbot.services.db, sbot.emulator.url, [7301, 7302])
    seminar = await make_seminar(sbot)
    for telegram_id in (7301, 7302):
        await sbot.services.rsvp.answer(telegram_id, seminar.id, "yes")
    admin = await staff(sbot)
    await to_audience(admin, ky=None)
    preview = await to_behaviour(admin, "no_answer")
    assert t("ru", WHY_EMPTY["no_answer"]).format(title=TITLE) in preview["text"]
    assert t("ru", NOTHING_SENT) in preview["text"]
    buttons = [b["text"] for row in preview["buttons"] for b in row]
    assert t("ru", "Send now") not in buttons and t("ru", "Schedule") not in buttons
    no_one = t("ru", "No registered member matches this audience. Please choose another.")
    assert await forge(admin, BroadcastWizardCb(action="now", value="-").pack()) == no_one
    assert await broadcasts_queued(sbot) == 0
    assert await sbot.services.db.count("SELECT COUNT(*) FROM broadcasts") == 0
    await tap(admin, t("ru", "Narrow the audience"))
    await tap(admin, t("ru", "By seminar"))
    await tap(admin, seminar_button())
    await tap(admin, t("ru", BEHAVIOUR_LABELS["no_show"]))
    await expect(admin, t("ru", WHY_EMPTY["not_ended"]).format(title=TITLE))
    assert await broadcasts_queued(sbot) == 0


async def test_entrants_that_have_not_submitted_and_winners_not_yet_published(sbot):
    db = sbot.services.db
    sent = await place_members(sbot, "Beshik-Jon", [7401, 7402], langs=("ru",))
    await place_members(sbot, "Kenesh", [7403], langs=("ru",))
    competition = await make_competition(sbot)
    await db.execute(
        "INSERT INTO submissions (competition_id, entrant_id, seq, receipt, created_at,"
        " updated_at) VALUES (?, ?, 1, 'IC-2026-001', '2026-11-23', '2026-11-23')",
        (competition.id, sent),
    )
    title = competition.title_ru or ""
    label = f"{clip(title, 40)} · {translator('ru').date(OPENS)}"
    admin = await staff(sbot)
    await to_audience(admin, ky=None)
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "By competition"))
    await tap(admin, label)
    await tap(admin, t("ru", BEHAVIOUR_LABELS["not_submitted"]))
    preview = await expect(admin, t("ru", "Preview"))
    name = t("ru", BEHAVIOUR_NAMES["not_submitted"]).format(title=title)
    assert "→ " + reach(name, 1) in preview["text"], "only Kenesh has not sent one"
    await tap(admin, t("ru", "Narrow the audience"))
    await tap(admin, t("ru", "By competition"))
    await tap(admin, label)
    await tap(admin, t("ru", BEHAVIOUR_LABELS["winners"]))
    await expect(admin, t("ru", WHY_EMPTY["not_published"]).format(title=title))
    assert await broadcasts_queued(sbot) == 0


async def test_another_screen_opens_the_wizard_with_its_audience_ready(sbot):
    """What "✉️ Message them" on a coverage line calls: the texts are asked, then the
    preview; an audience the person could not have chosen is refused."""
    db = sbot.services.db
    await add_members(db, sbot.emulator.url, [7501, 7502])
    seminar = await make_seminar(sbot)
    await sbot.services.rsvp.answer(7501, seminar.id, "yes")
    municipality = await db.fetchone("SELECT municipality_id FROM users WHERE telegram_id = 7502")
    ready = {"kind": "municipalities", "values": [municipality[0]],
             "behaviour": {"kind": "no_answer", "id": seminar.id}}  # fmt: skip
    admin = await staff(sbot)
    await sbot.services.broadcast_wizard.begin_with(ADMIN_ID, ready)
    await admin.send(KY_TEXT)
    await admin.send(RU_TEXT)
    await tap(admin, t("ru", "No attachment"))
    preview = await expect(admin, t("ru", "Preview"))
    name = t("ru", BEHAVIOUR_NAMES["no_answer"]).format(title=TITLE)
    assert "→ " + reach(name, 1) in preview["text"]
    osh = await db.fetchone("SELECT id FROM regions WHERE code = 'osh'")
    await coordinator_of(sbot, 7550, 1, regions=[osh[0]])
    with pytest.raises(Refusal):
        await sbot.services.broadcast_wizard.begin_with(7550, ready)
