"""Clusters: loaded from a CSV (all or nothing), then used as an audience."""

from __future__ import annotations

from bot.core.places import clusters as repo
from bot.core.places.cluster_import import import_clusters
from bot.i18n import translator
from tests.conftest import ADMIN_ID, add_members, button_shown, expect, t, tap
from tests.seminars.helpers import drain, make_seminar, texts

HEADER = "cluster,name_ky,name_ru,name_en,municipality\n"
GOOD = HEADER + (
    "bazar-water,Базар суу,Базар вода,Bazar water,Beshik-Jon\n"
    "bazar-water,Базар суу,Базар вода,Bazar water,Kenesh\n"
    "nooken,Ноокен,Ноокен,Nooken,Масы\n"
    "nooken,Ноокен,Ноокен,Nooken,Kenesh\n"
)


async def test_a_cluster_file_loads_once_and_a_municipality_may_be_in_two(sbot, tmp_path):
    path = tmp_path / "clusters.csv"
    path.write_text(GOOD, encoding="utf-8")
    db = sbot.services.db
    report = await import_clusters(db, path)
    assert (report.clusters_added, report.members_added, report.rejected) == (2, 4, [])
    again = await import_clusters(db, path)
    assert (again.clusters_added, again.members_added) == (0, 0)
    clusters = {c.code: c for c in await repo.all_clusters(db)}
    assert await repo.count_members(db, clusters["nooken"].id) == 2


async def test_a_bad_cluster_file_names_each_bad_row_and_loads_nothing(sbot, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + "bazar-water,Базар суу,Базар вода,,Beshik-Jon\n"
        + "Bazar Water!,Базар суу,Базар вода,,Kenesh\n"
        + "bazar-water,Башка ат,Базар вода,,Kenesh\n"
        + "nooken,Ноокен,Ноокен,,Atlantis\n"
        + "nooken,,Ноокен,,Masy\n",
        encoding="utf-8",
    )
    report = await import_clusters(sbot.services.db, path)
    assert [line for line, _ in report.rejected] == [3, 4, 5, 6]
    reasons = " | ".join(reason for _, reason in report.rejected)
    assert "latin letters" in reasons and "different names" in reasons
    assert "unknown municipality 'Atlantis'" in reasons and "empty: name_ky" in reasons
    assert await repo.all_clusters(sbot.services.db) == []


async def test_a_cluster_is_an_audience_for_seminars_and_broadcasts(sbot, tmp_path):
    path = tmp_path / "clusters.csv"
    path.write_text(GOOD, encoding="utf-8")
    await import_clusters(sbot.services.db, path)
    await add_members(sbot.services.db, sbot.emulator.url, [8101, 8102])
    await add_members(sbot.services.db, sbot.emulator.url, [8103], region="osh")
    bazar = (await repo.by_code(sbot.services.db, "bazar-water")).id
    seminar = await make_seminar(sbot, audience={"kind": "clusters", "values": [str(bazar)]})
    await drain(sbot)
    invited = translator("ky")._("You are invited to a seminar.")
    assert any(invited in x for x in await texts(sbot, 8101))
    assert not any(seminar.title_ru in x for x in await texts(sbot, 8103))
    admin = sbot.phone(ADMIN_ID, lang="ru", first_name="Админ")
    await admin.send("/broadcast")
    await admin.send("Кластер жыйыны")
    await admin.send("Собрание кластера")
    await tap(admin, t("ru", "No attachment"))
    await tap(admin, t("ru", "By cluster"))
    await button_shown(admin, "Базар вода")
    await tap(admin, "Базар вода")
    await tap(admin, t("ru", "Done"))
    preview = await expect(admin, t("ru", "Preview"))
    cluster = translator("ru").ngettext("Cluster {names}", "Clusters {names}", 1)
    reach = translator("ru").ngettext("{audience}: {count} person", "{audience}: {count} people", 2)
    assert reach.format(audience=cluster.format(names="Базар вода"), count=2) in preview["text"]
