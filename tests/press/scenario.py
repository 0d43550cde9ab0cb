"""The issue's own scene, at its size: five seminars in Jalal-Abad, Ala-Buka, Toktogul,
Balykchy and Karakol with 108 different people, 13 of them women (six came twice); a
competition with places shared 2-2-3 and 20 incentive prizes; nine clusters of which five won
5,000,000 KGS each and four are conditional winners."""

from __future__ import annotations

from datetime import timedelta

from bot.competitions.repo.submissions import Result
from tests.competitions.helpers import OPENS, make_cluster, make_competition, place_members
from tests.conftest import ADMIN_ID, add_members
from tests.press.helpers import GRANT, PLACES, _record, _submit, publish
from tests.seminars.helpers import START, make_seminar

TOWNS = {"Жалал-Абад": "jalal-abad", "Ала-Бука": "jalal-abad", "Токтогул": "jalal-abad",
         "Балыкчы": "issyk-kul", "Каракол": "issyk-kul"}  # fmt: skip
SIZES = (24, 22, 22, 20, 20)
PEOPLE, WOMEN, TWICE = 108, 13, 6
FIRST_ID = 9001


async def seminars_scene(sbot) -> list:
    db = sbot.services.db
    groups, next_id = [], FIRST_ID
    for size, region in zip(SIZES, TOWNS.values(), strict=True):
        ids = list(range(next_id, next_id + size))
        await add_members(db, sbot.emulator.url, ids, region=region)
        groups.append(ids)
        next_id += size
    await db.execute("UPDATE users SET gender = 'male' WHERE telegram_id >= ?", (FIRST_ID,))
    women = [FIRST_ID + 8 * n for n in range(WOMEN)]
    marks = ",".join("?" * len(women))
    await db.execute(f"UPDATE users SET gender = 'female' WHERE telegram_id IN ({marks})", women)
    made = []
    for n, town in enumerate(TOWNS):
        start = START + timedelta(days=2 * n)
        made.append(await make_seminar(sbot, city=town, starts_at=start, capacity=40,
                                       ends_at=start + timedelta(hours=6)))  # fmt: skip
    groups[-1] += groups[0][:TWICE]  # came again to Karakol: trained twice, one person
    for seminar, ids in zip(made, groups, strict=True):
        sbot.clock.set(seminar.starts_at + timedelta(minutes=5))
        for telegram_id in ids:
            user = await sbot.user(telegram_id)
            await sbot.services.attendance.set_attended(ADMIN_ID, seminar.id, user.id, True)
    return made


async def _more_municipalities(sbot, count: int) -> list[str]:
    """The pilot directory has 22 municipalities; the scene needs more, in one district."""
    db = sbot.services.db
    district = await db.fetchone("SELECT district_id FROM municipalities ORDER BY id LIMIT 1")
    names = [f"Ayil {n:02d}" for n in range(1, count + 1)]
    for name in names:
        await db.execute(
            "INSERT INTO municipalities (district_id, kind, name_ky, name_ru, name_en)"
            " VALUES (?, 'aiyl_aimak', ?, ?, ?)",
            (district[0], f"{name} ky", f"{name} ru", name),
        )
    return names


async def places_scene(sbot):
    """Seven placed (1-1, 2-2, 3-3-3) and twenty incentive prizes."""
    incentive = await _more_municipalities(sbot, 20)
    names = [*PLACES, *incentive]
    entrants = {name: await place_members(sbot, name, [9500 + n]) for n, name in enumerate(names)}
    competition = await make_competition(sbot)
    sbot.clock.set(OPENS + timedelta(minutes=5))
    for n, name in enumerate(names):
        await _submit(sbot, 9500 + n, competition.id, entrants[name])
    for name, place in PLACES.items():
        await _record(sbot, competition.id, Result(entrants[name], "place", place, None, None))
    for name in incentive:
        await _record(sbot, competition.id, Result(entrants[name], "incentive", None, None, None))
    await publish(sbot, competition.id)
    return competition


CONDITION = "Доработать план к марту"


async def clusters_scene(sbot) -> tuple[object, dict[str, list[str]]]:
    """Nine clusters of two municipalities each: five winners (a condition met reads as a
    win), four conditional winners still to meet theirs."""
    names = await _more_municipalities(sbot, 18)
    clusters = {f"CL{n + 1}": names[2 * n : 2 * n + 2] for n in range(9)}
    ids = {code: await make_cluster(sbot, code, members) for code, members in clusters.items()}
    for n, members in enumerate(clusters.values()):
        await place_members(sbot, members[0], [9700 + n])
    audience = {"kind": "clusters", "values": list(ids.values())}
    competition = await make_competition(sbot, audience, entrant_kind="cluster", code="SIP")
    sbot.clock.set(OPENS + timedelta(minutes=5))
    for n, cluster in enumerate(ids.values()):
        await _submit(sbot, 9700 + n, competition.id, cluster)
    until = sbot.clock.now() + timedelta(days=60)
    for n, cluster in enumerate(ids.values()):
        await _record(sbot, competition.id, Result(cluster, "conditional", None, GRANT,
                                                   CONDITION, until))  # fmt: skip
        if n < 5:  # the condition met: a winner, as the board and the report show it
            await sbot.services.db.execute(
                "UPDATE competition_results SET condition_state = 'met' WHERE entrant_id = ?",
                (cluster,),
            )
    await publish(sbot, competition.id)
    return competition, clusters
