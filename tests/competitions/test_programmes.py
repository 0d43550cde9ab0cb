"""Competitions and clusters in a bot with two programmes: each call comes labelled with its
programme and follows its mutes, a coordinator of one programme can't see or change the
other's competitions even with forged buttons, and the wizards ask for the programme only of
someone who works in several."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.competitions.callbacks import (
    CompetitionCb,
    CompetitionFormCb,
    EntrantCb,
    ResultCb,
    ReviewCb,
)
from bot.competitions.repo import competitions as repo
from bot.core.errors import Refusal
from bot.core.places import clusters as clusters_repo
from bot.core.places.cluster_import import import_clusters
from bot.core.programmes import repo as programmes_repo
from bot.core.programmes.repo import NewProgramme
from bot.i18n import translator
from tests.competitions.helpers import OPENS, make_cluster, make_competition, place_members
from tests.competitions.test_cluster_form import tap_starting, ticked
from tests.conftest import ADMIN_ID, expect, t, tap
from tests.programmes import PSI, VOICE, coordinator_of, two_programmes
from tests.seminars.helpers import drain, forge, pushes, texts
from tests.seminars.test_seminars import staff

RU = translator("ru")
CALLED = RU._("A competition is open.")
REFUSED = "This is for the competition's organisers only."
WHICH = "Which programme is this for?"
LISTED = "Competitions you run. Send /newcompetition to create one."


def _buttons(message: dict) -> list[str]:
    return [b["text"] for row in message.get("buttons") or [] for b in row]


async def _calls(bot, chat_id: int) -> set[int]:
    """The competitions whose call was queued for this chat."""
    rows = await pushes(bot, "competition_open", chat_id)
    return {json.loads(r["params"])["competition_id"] for r in rows}


async def test_each_call_is_labelled_with_its_programme_and_a_muted_one_stops(sbot):
    psi, voice = await two_programmes(sbot)
    await place_members(sbot, "Beshik-Jon", [8801], ("ru",))
    first = await make_competition(sbot, programme_id=psi, code="PS", title_ru="Конкурс PSI")
    second = await make_competition(sbot, programme_id=voice, code="VC", title_ru="Конкурс Voice")
    assert (first.programme_id, second.programme_id) == (psi, voice)
    assert first.audience.get("programme") == psi and second.audience.get("programme") == voice
    sbot.clock.set(OPENS + timedelta(minutes=1))
    await drain(sbot)
    calls = [x for x in await texts(sbot, 8801) if CALLED in x]
    assert len(calls) == 2
    assert any(x.startswith("📌 " + PSI.name_ru + "\n") and "Конкурс PSI" in x for x in calls)
    assert any(x.startswith("📌 " + VOICE.name_ru + "\n") and "Конкурс Voice" in x for x in calls)

    await sbot.services.programmes.set_muted(8801, voice, True)
    third = await make_competition(sbot, programme_id=voice, code="VCB", title_ru="Второй Voice")
    fourth = await make_competition(sbot, programme_id=psi, code="PSB", title_ru="Второй PSI")
    await drain(sbot)
    assert await _calls(sbot, 8801) == {first.id, second.id, fourth.id}
    reminded = {json.loads(r["params"])["competition_id"]
                for r in await pushes(sbot, "competition_reminder", 8801)}  # fmt: skip
    assert third.id not in reminded and fourth.id in reminded
    calls = [x for x in await texts(sbot, 8801) if CALLED in x]
    assert any(x.startswith("📌 " + PSI.name_ru + "\n") and "Второй PSI" in x for x in calls)
    assert not any("Второй Voice" in x for x in calls)
    rows = await sbot.services.db.fetchall(
        "SELECT params, programme_id FROM outbox WHERE kind = 'competition'"
    )
    programme_of = {c.id: c.programme_id for c in (first, second, third, fourth)}
    assert rows and all(
        r["programme_id"] == programme_of[json.loads(r["params"])["competition_id"]] for r in rows
    )
    member = sbot.phone(8801, lang="ru")
    await member.send("/competitions")
    listed = await expect(member, "Второй Voice")
    text = listed["text"]
    assert text.index("📌 " + PSI.name_ru) < text.index("Конкурс PSI") < text.index("Второй PSI")
    assert (
        text.index("Второй PSI") < text.index("📌 " + VOICE.name_ru) < text.index("Конкурс Voice")
    )


async def _snapshot(bot) -> dict[str, list[tuple]]:
    db = bot.services.db
    queries = {
        "competitions": "SELECT * FROM competitions ORDER BY id",
        "entrants": "SELECT * FROM competition_entrants ORDER BY 1, 2",
        "submissions": "SELECT * FROM submissions ORDER BY id",
        "results": "SELECT * FROM competition_results ORDER BY 1, 2",
        "log": "SELECT * FROM competition_log ORDER BY id",
        "outbox": "SELECT id, chat_id, template, status FROM outbox ORDER BY id",
        "flows": "SELECT telegram_id, flow, step FROM flows ORDER BY 1",
    }
    return {name: [tuple(r) for r in await db.fetchall(sql)] for name, sql in queries.items()}


async def test_a_coordinator_of_one_programme_cannot_touch_anothers_competition(sbot):
    psi, voice = await two_programmes(sbot)
    beshik = await place_members(sbot, "Beshik-Jon", [8811], ("ru",))
    await make_competition(sbot, programme_id=psi, code="PS", title_ru="Конкурс PSI")
    theirs = await make_competition(sbot, programme_id=voice, code="VC", title_ru="Конкурс Voice")
    await coordinator_of(sbot, 8850, psi)
    sbot.clock.set(OPENS + timedelta(minutes=1))
    submit = sbot.services.submissions.submit
    sid = (
        await submit(8811, theirs.id, beshik, "Мы провели встречи.", 120, [], None)
    ).submission.id
    await sbot.services.reviews.set_status(ADMIN_ID, sid, "under_review")
    await sbot.services.results.choose(ADMIN_ID, sid, "place1")
    await sbot.services.results.skip(ADMIN_ID, sid)
    await drain(sbot)
    before = await _snapshot(sbot)

    coordinator = sbot.phone(8850, lang="ru")
    await coordinator.send("/competitions")
    listed = await expect(coordinator, t("ru", LISTED))
    assert any("PS · " in x for x in _buttons(listed))
    assert not any("VC · " in x for x in _buttons(listed))
    assert not any(PSI.name_ru in x for x in _buttons(listed)), "one programme: no names"
    cid = theirs.id
    forged = [
        *(CompetitionCb(competition_id=cid, action=a)
          for a in ("open", "subs", "export", "results", "publish", "publish_yes", "move",
                    "extend")),
        EntrantCb(competition_id=cid, entrant_id=beshik, action="extend"),
        *(ReviewCb(submission_id=sid, action=a, value=v)
          for a, v in (("open", "-"), ("files", "-"), ("history", "-"), ("status", "accepted"),
                       ("status", "rejected"), ("status", "needs_revision"), ("score", "-"),
                       ("result", "-"), ("skip", "-"))),
        ResultCb(submission_id=sid, award="place2"),
        ResultCb(submission_id=sid, award="none"),
    ]  # fmt: skip
    for data in forged:
        assert await forge(coordinator, data.pack()) == t("ru", REFUSED), data
    for command in (f"/exportsubmissions {cid}", "/exportsubmissions voice", f"/submissions {cid}"):
        await coordinator.send(command)
        await expect(coordinator, t("ru", REFUSED))
    await coordinator.send("/exportsubmissions")
    offered = await expect(coordinator, RU._("Choose a competition to export its submissions:"))
    assert any("PS · " in x for x in _buttons(offered))
    assert not any("VC · " in x for x in _buttons(offered))
    await coordinator.send("/results")
    menu = await expect(coordinator, t("ru", "Choose a competition to see its results:"))
    assert _buttons(menu) == ["Конкурс PSI"]
    assert await _snapshot(sbot) == before
    assert (await sbot.services.competitions.get(cid)).results_published_at is None

    admin = await staff(sbot)
    await admin.send("/competitions")
    listed = await expect(admin, t("ru", LISTED))
    labels = _buttons(listed)
    assert any(x.startswith(PSI.name_ru[:24] + " · ") and "PS · " in x for x in labels)
    assert any(x.startswith(VOICE.name_ru[:24] + " · ") and "VC · " in x for x in labels)


async def test_the_wizards_ask_for_the_programme_only_of_someone_in_several(sbot):
    psi, voice = await two_programmes(sbot)
    other, _ = await sbot.services.programmes.save(
        NewProgramme(code="other", name_ky="Башка", name_ru="Другая", name_en="Other"), []
    )
    double_id = await coordinator_of(sbot, 8860, psi)
    await programmes_repo.set_staff(sbot.services.db, voice, double_id, [])
    await coordinator_of(sbot, 8861, psi)

    single = sbot.phone(8861, lang="ru")
    await single.send("/newcompetition")
    first = await expect(single, t("ru", "Write the competition's title in Kyrgyz."))
    assert RU._(WHICH) not in first["text"]
    await tap(single, t("ru", "Cancel"))
    await single.send("/newcluster")
    await expect(single, t("ru", "Write the cluster's name in Kyrgyz."))
    await tap(single, t("ru", "Cancel"))

    double = sbot.phone(8860, lang="ru")
    await double.send("/newcompetition")
    asked = await expect(double, RU._(WHICH))
    assert {PSI.name_ru, VOICE.name_ru} <= set(_buttons(asked))
    assert "Другая" not in _buttons(asked)
    forged = CompetitionFormCb(action="programme", value=str(other.id)).pack()
    assert await forge(double, forged) == t("ru", REFUSED)
    assert (await sbot.services.current_flow(8860)).step == "programme"
    await double.send("Голос")
    await expect(double, t("ru", "Please choose with the buttons above."))
    await tap(double, VOICE.name_ru)
    await expect(double, t("ru", "Write the competition's title in Kyrgyz."))
    await double.send("Таза айыл")
    await double.send("Чистое село")
    for _ in range(6):
        await tap(double, t("ru", "Skip"))
    await double.send("CV")
    await tap(double, t("ru", "Municipalities"))
    await tap(double, t("ru", "All municipalities"))
    await tap(double, t("ru", "Now"))
    await double.send("10.12.2026 18:00")
    await double.send("0")
    await tap(double, t("ru", "No"))
    preview = await expect(double, t("ru", "Preview"))
    assert "📌 " + VOICE.name_ru in preview["text"]
    await tap(double, "✅ " + t("ru", "Create the competition"))
    await expect(double, "✅")
    created = (await repo.listing(sbot.services.db))[0]
    assert (created.code, created.programme_id) == ("CV", voice)

    await double.send("/newcluster")
    await expect(double, RU._(WHICH))
    await tap(double, VOICE.name_ru)
    await expect(double, t("ru", "Write the cluster's name in Kyrgyz."))
    await double.send("Голос суу")
    await double.send("Голос вода")
    for name in ("Массы", "Достук"):
        await double.send(name)
        await expect(double, RU._("Found for «{query}»:").format(query=name))
        await tap_starting(double, name + " (")
        await ticked(double, name)
    await tap(double, t("ru", "Done"))
    await expect(double, t("ru", "New cluster"))
    await tap(double, "✅ " + t("ru", "Save the cluster"))
    await expect(double, "✅")
    cluster = await clusters_repo.by_code(sbot.services.db, "golos-voda")
    assert cluster is not None and cluster.programme_id == voice


async def test_a_competition_between_clusters_offers_only_its_programmes_clusters(sbot):
    psi, voice = await two_programmes(sbot)
    await place_members(sbot, "Kenesh", [8871], ("ru",))
    await place_members(sbot, "Masy", [8872], ("ru",))
    ours = await make_cluster(sbot, "ours", ["Beshik-Jon", "Kenesh"], psi)
    theirs = await make_cluster(sbot, "theirs", ["Masy", "Dostuk"], voice)
    admin = await staff(sbot)
    await admin.send("/newcompetition")
    await expect(admin, RU._(WHICH))
    await tap(admin, PSI.name_ru)
    await admin.send("Кластерлер")
    await admin.send("Кластеры")
    for _ in range(6):
        await tap(admin, t("ru", "Skip"))
    await admin.send("CL")
    await tap(admin, t("ru", "Clusters"))
    await tap(admin, t("ru", "By cluster"))
    await tap(admin, "ours ru")
    state = await admin.wait_state(lambda st: "✓ ours ru" in _buttons(st["messages"][-1]))
    assert not any("theirs" in x for x in _buttons(state["messages"][-1]))
    forged = CompetitionFormCb(action="toggle", value=str(theirs)).pack()
    stale = t("ru", "This button is from an earlier step. Here is where you are now:")
    assert await forge(admin, forged) == stale
    assert [str(ours)] == (await sbot.services.current_flow(ADMIN_ID)).data["audience"]["values"]
    with_theirs = {"kind": "clusters", "values": [str(theirs)]}
    admin_actor = await sbot.services.people.actor(ADMIN_ID)
    entrants = sbot.services.competitions.entrant_ids
    assert await entrants(admin_actor, "cluster", {"kind": "all", "values": []}, psi) == [ours]
    with pytest.raises(Refusal) as refused:
        await entrants(admin_actor, "cluster", with_theirs, psi)
    assert refused.value.code == "stale"


async def test_imported_clusters_go_into_the_programme_named_or_the_only_one(sbot, tmp_path):
    path = tmp_path / "clusters.csv"
    path.write_text(
        "cluster,name_ky,name_ru,municipality\n"
        "bazar-water,Базар суу,Базар вода,Beshik-Jon\nbazar-water,Базар суу,Базар вода,Kenesh\n",
        encoding="utf-8",
    )
    db = sbot.services.db
    assert (await import_clusters(db, path)).clusters_added == 1
    assert (await clusters_repo.by_code(db, "bazar-water")).programme_id == 1
    await db.execute("DELETE FROM clusters")
    psi, voice = await two_programmes(sbot)
    refused = await import_clusters(db, path)
    assert refused.clusters_added == 0 and "--programme" in refused.rejected[0][1]
    unknown = await import_clusters(db, path, "nope")
    assert unknown.clusters_added == 0 and "nope" in unknown.rejected[0][1]
    assert (await import_clusters(db, path, "voice")).clusters_added == 1
    assert (await clusters_repo.by_code(db, "bazar-water")).programme_id == voice
