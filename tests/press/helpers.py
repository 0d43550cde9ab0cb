"""The press tests' scene: three seminars in three towns of two regions, 12 different people
(3 women) of whom one came twice; and competitions with shared places and with clusters."""

from __future__ import annotations

import io
from datetime import date, timedelta

from docx import Document

from bot.competitions.repo import competitions as comp_repo
from bot.competitions.repo import submissions as subs_repo
from bot.competitions.repo.submissions import Result
from bot.i18n import translator
from bot.press import document
from bot.press.views import competitions, seminars
from tests.competitions.helpers import OPENS, make_cluster, make_competition, place_members
from tests.conftest import ADMIN_ID, add_members
from tests.seminars.helpers import START, make_seminar
from tests.seminars.test_seminars import answer

JALAL_ABAD = list(range(8301, 8309))
ISSYK_KUL = list(range(8309, 8313))
WOMEN = (8301, 8302, 8309)
TOWNS = ("Жалал-Абад", "Токтогул", "Каракол")
PERIOD = (date(2026, 11, 1), date(2026, 12, 31))


async def seminar_scene(sbot) -> list:
    db = sbot.services.db
    await add_members(db, sbot.emulator.url, JALAL_ABAD)
    await add_members(db, sbot.emulator.url, ISSYK_KUL, region="issyk-kul")
    await db.execute(
        "UPDATE users SET gender = 'male' WHERE telegram_id BETWEEN 8301 AND 8312"
        " AND telegram_id NOT IN (8301, 8302, 8309)"
    )
    made = []
    for n, town in enumerate(TOWNS):
        start = START + timedelta(days=2 * n)
        made.append(await make_seminar(sbot, city=town, starts_at=start,
                                       ends_at=start + timedelta(hours=6)))  # fmt: skip
    who = {0: JALAL_ABAD[:5], 1: [*JALAL_ABAD[5:], 8301], 2: ISSYK_KUL}
    for index, members in who.items():
        for member in members:
            await answer(sbot, member, made[index].id, yes=True)
    for index, members in who.items():
        sbot.clock.set(made[index].starts_at + timedelta(minutes=5))
        for member in members:
            await sbot.services.attendance.check_in(member, made[index].checkin_code, "code")
    return made


def read_back(data: bytes) -> tuple[str, object]:
    doc = Document(io.BytesIO(data))
    return "\n".join(p.text for p in doc.paragraphs), doc.core_properties


async def period_draft(sbot, lang: str) -> tuple[str, object]:
    tr = translator(lang)
    found = await sbot.services.press.period(ADMIN_ID, *PERIOD)
    return read_back(document.render(tr, seminars.draft(tr, found)))


async def competition_draft(sbot, competition_id: int, lang: str) -> tuple[str, object]:
    tr = translator(lang)
    found = await sbot.services.press.competition(ADMIN_ID, competition_id)
    return read_back(document.render(tr, competitions.draft(tr, found)))


PLACES = {
    "Beshik-Jon": 1, "Teplokluchenka": 1, "Dostuk": 2, "B. Mambetov": 2,
    "Masy": 3, "Toktogul": 3, "Orgochor": 3,
}  # fmt: skip
INCENTIVE = ("Kenesh", "Burgondu", "Chelpek", "Kyzyl-Suu")


async def _submit(sbot, member: int, competition_id: int, entrant: int) -> None:
    await sbot.services.submissions.submit(member, competition_id, entrant, "План", 100, [], None)


async def _record(sbot, competition_id: int, result: Result) -> None:
    now = sbot.clock.now().isoformat()
    await subs_repo.record_result(sbot.services.db, competition_id, result, None, now)


async def publish(sbot, competition_id: int) -> None:
    now = sbot.clock.now().isoformat()
    await comp_repo.update(sbot.services.db, competition_id, now, results_published_at=now)


async def places_scene(sbot, published: bool = True):
    """Places shared 2-2-3 and four incentive prizes, each entrant having sent a plan."""
    entrants = {}
    for n, name in enumerate([*PLACES, *INCENTIVE]):
        entrants[name] = await place_members(sbot, name, [8400 + n])
    competition = await make_competition(sbot)
    sbot.clock.set(OPENS + timedelta(minutes=5))
    for n, name in enumerate([*PLACES, *INCENTIVE]):
        await _submit(sbot, 8400 + n, competition.id, entrants[name])
    for name, place in PLACES.items():
        await _record(sbot, competition.id, Result(entrants[name], "place", place, None, None))
    for name in INCENTIVE:
        await _record(sbot, competition.id, Result(entrants[name], "incentive", None, None, None))
    if published:
        await publish(sbot, competition.id)
    return competition


CLUSTERS = {
    "TEPLO": ["Teplokluchenka", "Kerege-Tash", "Oktyabr"],
    "SARUU": ["Saruu", "Darhan"],
    "NOOKEN": ["Masy", "Dostuk"],
}
GRANT = 5_000_000


async def cluster_scene(sbot):
    """Two winning clusters with a grant each, one conditional winner with its condition
    still to meet."""
    ids = {code: await make_cluster(sbot, code, names) for code, names in CLUSTERS.items()}
    for n, names in enumerate(CLUSTERS.values()):
        await place_members(sbot, names[0], [8500 + n])
    audience = {"kind": "clusters", "values": list(ids.values())}
    competition = await make_competition(sbot, audience, entrant_kind="cluster", code="CL")
    sbot.clock.set(OPENS + timedelta(minutes=5))
    for n, cluster in enumerate(ids.values()):
        await _submit(sbot, 8500 + n, competition.id, cluster)
    condition = "Доработать план к марту"
    until = sbot.clock.now() + timedelta(days=60)
    for code in ("TEPLO", "SARUU"):  # a condition met reads as a win
        await _record(sbot, competition.id, Result(ids[code], "conditional", None, GRANT,
                                                   "План", until))  # fmt: skip
        await sbot.services.db.execute(
            "UPDATE competition_results SET condition_state = 'met' WHERE entrant_id = ?",
            (ids[code],),
        )
    await _record(sbot, competition.id, Result(ids["NOOKEN"], "conditional", None, GRANT,
                                               condition, until))  # fmt: skip
    await publish(sbot, competition.id)
    return competition
