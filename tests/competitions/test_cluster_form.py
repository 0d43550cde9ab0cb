"""/newcluster: staff name a cluster and tick its municipalities; the cluster is then an
audience in the pickers, a region-limited coordinator can tick only their own regions, and
a restart or a forged button loses nothing."""

from __future__ import annotations

from bot.competitions.callbacks import ClusterFormCb
from bot.core.places import clusters as repo
from bot.i18n import translator
from tests.competitions.helpers import municipality_id, place_members
from tests.conftest import alert, expect, t, tap
from tests.seminars.helpers import forge
from tests.seminars.test_seminars import staff

RU = translator("ru")


def _labels(state: dict, last: bool = False) -> list[str]:
    messages = state["messages"][-1:] if last else state["messages"]
    return [b["text"] for m in messages for row in m.get("buttons") or [] for b in row]


async def tap_starting(phone, prefix: str) -> None:
    """Presses the button whose label starts with `prefix` (the district follows the name)."""
    state = await phone.wait_state(lambda s: any(x.startswith(prefix) for x in _labels(s)))
    label = next(x for x in reversed(_labels(state)) if x.startswith(prefix))
    await phone.press(label)


async def ticked(phone, name: str) -> None:
    await phone.wait_state(lambda s: any(x.startswith("✓ " + name) for x in _labels(s)))


async def make_in_bot(admin, name_ky: str, name_ru: str, municipalities: list[str]) -> dict:
    await admin.send("/newcluster")
    await expect(admin, t("ru", "Write the cluster's name in Kyrgyz."))
    await admin.send(name_ky)
    await admin.send(name_ru)
    for name in municipalities:
        await admin.send(name)
        await expect(admin, RU._("Found for «{query}»:").format(query=name))
        await tap_starting(admin, name + " (")
        await ticked(admin, name)
    await tap(admin, t("ru", "Done"))
    summary = await expect(admin, t("ru", "New cluster"))
    await tap(admin, "✅ " + t("ru", "Save the cluster"))
    await expect(admin, t("ru", "It can now be chosen as an audience of broadcasts and seminars, "
                                "and as an entrant in competitions between clusters."))  # fmt: skip
    return summary


async def test_a_cluster_made_in_the_bot_is_offered_in_the_audience_picker(sbot):
    await place_members(sbot, "Beshik-Jon", [9101])
    await place_members(sbot, "Kenesh", [9102])
    admin = await staff(sbot)
    await admin.send("/newcluster")
    await admin.send("Базар суу")
    await expect(admin, t("ru", "Now the name in Russian."))
    await sbot.restart()
    await admin.send("Базар вода")
    await tap_starting(admin, "Бешик-Джон (")
    await ticked(admin, "Бешик-Джон")
    await tap(admin, t("ru", "Done"))
    assert await alert(admin) == RU.ngettext(
        "Please choose at least {count} municipality.",
        "Please choose at least {count} municipalities.",
        2,
    ).format(count=2)
    await admin.send("kenesh")
    await expect(admin, RU._("Found for «{query}»:").format(query="kenesh"))
    await tap_starting(admin, "Кенеш (")
    await ticked(admin, "Кенеш")
    await tap(admin, t("ru", "Show all municipalities"))
    state = await admin.wait_state(lambda s: "1/3" in _labels(s, last=True))
    assert "✓ Бешик-Джон (Базар-Коргонский район)" in _labels(state, last=True)
    await tap(admin, t("ru", "Done"))
    summary = await expect(admin, t("ru", "New cluster"))
    assert "bazar-voda" in summary["text"] and "Бешик-Джон" in summary["text"]
    await tap(admin, "✅ " + t("ru", "Save the cluster"))
    await expect(admin, RU.ngettext(
        "The cluster «{name}» is saved with {count} municipality.",
        "The cluster «{name}» is saved with {count} municipalities.", 2,
    ).format(name="Базар вода", count=2))  # fmt: skip
    db = sbot.services.db
    cluster = await repo.by_code(db, "bazar-voda")
    assert (cluster.name_ky, cluster.name_ru) == ("Базар суу", "Базар вода")
    assert await repo.count_members(db, cluster.id) == 2
    again = await make_in_bot(admin, "Базар суу", "Базар вода", ["Массы", "Достук"])
    assert "bazar-voda-2" in again["text"]
    await admin.send("/broadcast")
    await admin.send("Кластер жыйыны")
    await admin.send("Собрание кластера")
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "By cluster"))
    await tap(admin, "Базар вода")
    await tap(admin, t("ru", "Done"))
    preview = await expect(admin, t("ru", "Preview"))
    cluster = RU.ngettext("Cluster {names}", "Clusters {names}", 1)
    reach = RU.ngettext("{audience}: {count} person", "{audience}: {count} people", 2)
    assert reach.format(audience=cluster.format(names="Базар вода"), count=2) in preview["text"]


async def test_a_region_limited_coordinator_ticks_only_their_regions(sbot):
    await place_members(sbot, "Bulolu", [9201], langs=("ru",))
    await sbot.services.accounts.set_role(900_001, 9201, "coordinator", ["osh"])
    coordinator = sbot.phone(9201)
    await coordinator.send("/newcluster")
    await coordinator.send("Алай")
    await coordinator.send("Алай")
    state = await coordinator.wait_state(lambda s: any("Булолу (" in x for x in _labels(s)))
    assert not any(x.startswith("Бешик-Джон") for x in _labels(state))
    beshik = await municipality_id(sbot, "Beshik-Jon")
    forged = ClusterFormCb(action="toggle", value=str(beshik)).pack()
    assert await forge(coordinator, forged) == t(
        "ru", "This button is from an earlier step. Here is where you are now:"
    )
    for name in ("Булолу", "Исанов"):
        await tap_starting(coordinator, name + " (")
        await ticked(coordinator, name)
    await tap(coordinator, t("ru", "Done"))
    summary = await expect(coordinator, t("ru", "New cluster"))
    assert "Бешик-Джон" not in summary["text"] and "alai" in summary["text"]
    member = sbot.phone(9301)
    await place_members(sbot, "Masy", [9301], langs=("ru",))
    assert await forge(member, ClusterFormCb(action="confirm", value="-").pack()) == t(
        "ru", "This command is for project staff."
    )
    await tap(coordinator, "✅ " + t("ru", "Save the cluster"))
    await expect(coordinator, "✅")
    cluster = await repo.by_code(sbot.services.db, "alai")
    assert await repo.count_members(sbot.services.db, cluster.id) == 2
