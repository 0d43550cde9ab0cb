"""The sandbox's demo dataset, made through the bot's own services and repositories.

Seeding is safe to repeat: a person already in the database, an upcoming demo seminar and an
open demo competition are left as they are, so a restart keeps whatever was done in the
sandbox and adds no second copy. Once the demo seminar is over (or the competition closed),
the next start adds a fresh one, so an old sandbox still has something to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from bot.competitions.repo.competitions import Content
from bot.core import users as users_repo
from bot.core.audience.service import Audience, with_programme
from bot.core.places import repo as places
from bot.core.places.importer import import_municipalities
from bot.core.programmes import repo as programmes_repo
from bot.core.programmes.repo import NewProgramme
from bot.db import utcnow_iso
from bot.emulator.protocol import Profile
from bot.sandbox.personas import Persona, PersonaBook
from bot.seminars.repo import seminars as seminars_repo
from bot.seminars.repo.seminars import SeminarFields
from bot.wiring import Services

PILOT_CSV = Path(__file__).resolve().parents[2] / "data" / "pilot_municipalities.csv"


@dataclass(frozen=True)
class DemoPerson:
    telegram_id: int
    first_name: str
    last_name: str
    lang: str
    role: str
    """The persona's role in the web chat: coordinator, member or visitor."""
    municipality: str | None = None
    """English name in the pilot list."""
    position: str | None = None
    gender: str = "female"
    status: str | None = "approved"
    """None: never registered (the visitor who tries /start)."""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def phone(self) -> str:
        return f"+996555{self.telegram_id % 1_000_000:06d}"


COORDINATOR = DemoPerson(5_000_001, "Айгүл", "Токтосунова", "ru", "coordinator")
PSI_COORDINATOR = DemoPerson(5_000_007, "Гүлнара", "Асанова", "ky", "coordinator")
VOICE_COORDINATOR = DemoPerson(5_000_008, "Нурлан", "Исаков", "ru", "coordinator")
PEOPLE = (
    COORDINATOR,
    PSI_COORDINATOR,
    VOICE_COORDINATOR,
    DemoPerson(5_000_002, "Бакыт", "Осмонов", "ky", "member", "Beshik-Jon", "head", "male"),
    DemoPerson(5_000_003, "Жыпар", "Мамытова", "ru", "member", "Masy", "deputy_head"),
    DemoPerson(5_000_004, "Эрлан", "Жумабеков", "ky", "member", "Kyzyl-Suu", "council_chair",
               "male"),
    DemoPerson(5_000_005, "Чолпон", "Садыкова", "ru", "member", "Bulolu", "council_deputy",
               status="pending"),
    DemoPerson(5_000_006, "Азамат", "Бейшеналиев", "ky", "visitor", gender="male", status=None),
)  # fmt: skip

PSI = NewProgramme(
    code="psi",
    name_ky="Кызмат көрсөтүүлөрдү жакшыртуу",
    name_ru="Улучшение услуг",
    name_en="Public Service Improvement",
    donor="Switzerland (SDC)",
    implementers="Helvetas, Development Policy Institute",
    starts_on="2024-01-01",
    ends_on="2027-12-31",
)
PSI_REGIONS = ("jalal-abad", "issyk-kul")
"""PSI works with target municipalities: all the pilot ones in these regions."""
VOICE = NewProgramme(
    code="voice",
    name_ky="Жарандардын үнү",
    name_ru="Голос граждан",
    name_en="Voice of Citizens",
    donor="Switzerland (SDC)",
    implementers="Development Policy Institute",
    starts_on="2025-01-01",
    ends_on="2028-12-31",
)
VOICE_REGIONS = ("jalal-abad", "issyk-kul", "chui", "naryn", "osh")
STAFF = {PSI_COORDINATOR.telegram_id: "psi", VOICE_COORDINATOR.telegram_id: "voice"}

SEMINAR: SeminarFields = {
    "title_ky": "Жергиликтүү бюджетти пландоо жана коомдук угуулар",
    "title_ru": "Планирование местного бюджета и общественные слушания",
    "description_ky": "Бюджетти тургундар менен кантип талкуулоо керек: практикалык сабак.",
    "description_ru": "Как обсуждать бюджет с жителями: практическое занятие.",
    "city": "Жалал-Абад",
    "address": "ул. Токтогула, 12, конференц-зал",
    "latitude": None,
    "longitude": None,
    "capacity": 25,
    "organiser": "Айгүл Токтосунова, +996 555 000 001",
}
COMPETITION: Content = {
    "code": "IC",
    "title_ky": "Таза суу үчүн төлөм: маалымат кампаниясы",
    "title_ru": "Информационная кампания: оплата за чистую воду",
    "description_ky": "Тургундарга ичүүчү суу үчүн төлөмдүн маанисин түшүндүрүп бериңиз.",
    "description_ru": "Объясните жителям, зачем платить за питьевую воду.",
    "rules_ky": "Ар бир айыл аймагынан бир табыштама.",
    "rules_ru": "Одна заявка от айылного аймака.",
    "prizes_ky": "1-орун: 300 000 сом",
    "prizes_ru": "1 место: 300 000 сом",
    "entrant_kind": "municipality",
    "max_files": 5,
    "needs_residents": True,
    "opens_at": "",
    "deadline": "",
}
"""The opening and the deadline are set when the demo is seeded, from the clock."""
VOICE_SEMINAR: SeminarFields = {
    "title_ky": "Жарандар үчүн ачык бюджет",
    "title_ru": "Открытый бюджет для граждан",
    "description_ky": "Бюджетти жарандарга түшүнүктүү кылып көрсөтүү: мисалдар жана тажрыйба.",
    "description_ru": "Как показать бюджет понятно для жителей: примеры и опыт.",
    "city": "Каракол",
    "address": "ул. Абдрахманова, 121, зал акимиата",
    "latitude": None,
    "longitude": None,
    "capacity": 30,
    "organiser": "Нурлан Исаков, +996 555 000 008",
}


async def seed(svc: Services, book: PersonaBook, csv_path: Path = PILOT_CSV) -> None:
    """Everything in one transaction: a start cut off midway leaves no half-seeded demo."""
    await import_municipalities(svc.db, csv_path)
    by_name = {m.name_en: m for m in await places.all_municipalities(svc.db)}
    async with svc.db.transaction():
        programmes = await _programmes(svc)
        for person in PEOPLE:
            muni = by_name[person.municipality] if person.municipality else None
            book.add(person.full_name, person.lang, person.role, _place(muni), person.telegram_id)
            if person.status is not None:
                await _register(svc, person, muni, programmes)
        audience: Audience = {"kind": "municipalities", "values": _audience(by_name)}
        await _seminar(svc, audience, programmes["psi"])
        await _voice_seminar(svc, programmes["voice"])
        await _competition(svc, audience, programmes["psi"])
        await _past_seminar(svc, audience, programmes["psi"])


async def _programmes(svc: Services) -> dict[str, int]:
    """PSI takes over programme 1 (the one a fresh database starts with); Voice is added.
    They share the Jalal-Abad and Issyk-Kul municipalities, so Beshik-Jon hears from both."""
    await programmes_repo.recode(svc.db, 1, PSI.code)
    psi, _ = await svc.programmes.save(PSI, PSI_REGIONS)
    voice, _ = await svc.programmes.save(VOICE, VOICE_REGIONS)
    regions = await programmes_repo.region_ids(svc.db, psi.id)
    targets = [m.id for m in await places.all_municipalities(svc.db)
               if await places.region_id_of(svc.db, m.id) in regions]  # fmt: skip
    await programmes_repo.set_targets(svc.db, psi.id, targets)
    return {"psi": psi.id, "voice": voice.id}


def _place(muni: places.Place | None) -> dict[str, str]:
    return {lang: muni.name(lang) for lang in ("ky", "ru", "en")} if muni else {}


def _audience(by_name: dict[str, places.Place]) -> list[str | int]:
    return [m for m in sorted(by_name[p.municipality].id for p in PEOPLE if p.municipality)]


async def _register(
    svc: Services, person: DemoPerson, muni: places.Place | None, programmes: dict[str, int]
) -> None:
    """A finished registration, then the coordinator's decision, as the bot would record them;
    the pending one sends its approval card to the coordinator like a real one."""
    db, now = svc.db, svc.people.now()
    if await users_repo.by_telegram_id(db, person.telegram_id) is not None:
        return
    user = await users_repo.ensure(db, person.telegram_id, person.first_name, now, person.lang)
    await users_repo.set_lang(db, person.telegram_id, person.lang, now)
    await users_repo.update_fields(
        db, user.id, now, full_name=person.full_name, phone=person.phone, gender=person.gender,
        municipality_id=muni.id if muni else None, position=person.position,
    )  # fmt: skip
    await users_repo.submit(db, user.id, now)
    if person.role == "coordinator":
        await users_repo.set_role(db, user.id, "coordinator", now)
    if person.telegram_id in STAFF:
        await programmes_repo.set_staff(db, programmes[STAFF[person.telegram_id]], user.id, [])
    if person.status == "pending":
        await svc.registration.request_approval(user.id)
        return
    reviewer = await users_repo.by_telegram_id(db, COORDINATOR.telegram_id)
    assert reviewer is not None
    await users_repo.decide_pending(db, user.id, 1, "approved", reviewer.id, now)


async def _still_ahead(svc: Services, table: str, column: str, title: str) -> bool:
    rows = await svc.db.fetchall(f"SELECT {column} FROM {table} WHERE title_ru = ?", (title,))
    return any(datetime.fromisoformat(r[0]) > svc.clock.now() for r in rows)


def _bishkek(svc: Services, days: int, hour: int) -> datetime:
    zone = svc.config.zone
    day = svc.clock.now().astimezone(zone).date() + timedelta(days=days)
    return datetime.combine(day, time(hour), zone).astimezone(UTC)


async def _seminar(
    svc: Services, audience: Audience, programme_id: int, fields: SeminarFields = SEMINAR,
    author: DemoPerson = COORDINATOR, days: int = 3,
) -> None:  # fmt: skip
    """In a few days, answers open until the day before: the invitations go out at once."""
    if await _still_ahead(svc, "seminars", "starts_at", str(fields["title_ru"])):
        return
    starts = _bishkek(svc, days, 10)
    ends = starts + timedelta(hours=7)
    values: SeminarFields = {**fields, "starts_at": starts, "ends_at": ends}
    values["rsvp_deadline"] = starts - timedelta(days=1)
    await svc.seminars.create(author.telegram_id, values, audience, programme_id=programme_id)


async def _voice_seminar(svc: Services, programme_id: int) -> None:
    """Voice's own seminar, for every member its regions reach."""
    audience: Audience = {"kind": "all", "values": []}
    await _seminar(svc, audience, programme_id, VOICE_SEMINAR, VOICE_COORDINATOR, days=5)


async def _competition(svc: Services, audience: Audience, programme_id: int) -> None:
    """Open now with a deadline two weeks ahead: the call goes out at once, reminders later."""
    if await _still_ahead(svc, "competitions", "deadline", str(COMPETITION["title_ru"])):
        return
    values: Content = {
        **COMPETITION,
        "opens_at": svc.clock.now(),
        "deadline": _bishkek(svc, 14, 18),
    }
    await svc.competitions.create(
        COORDINATOR.telegram_id, values, audience, programme_id=programme_id
    )


PAST_SEMINAR: SeminarFields = {
    "title_ky": "Кызмат көрсөтүүлөрдү жакшыртуу планы: тажрыйба алмашуу",
    "title_ru": "План улучшения услуг: обмен опытом",
    "description_ky": None,
    "description_ru": "Как составить план улучшения услуг вместе с соседними аймаками.",
    "city": "Каракол",
    "address": "ул. Абдрахманова, 121",
    "latitude": None,
    "longitude": None,
    "capacity": 25,
    "organiser": "Айгүл Токтосунова, +996 555 000 001",
}
PAST_ANSWERS = {5_000_002: (True, 5), 5_000_003: (True, 4), 5_000_004: (False, None)}
"""Who said yes to the past seminar: whether they came, and the rating they gave."""


async def _past_seminar(svc: Services, audience: Audience, programme_id: int) -> None:
    """Held three weeks ago, so that /report and /coverage have something to count: two of
    the members came and rated it, one said yes and did not come. Written straight into the
    tables: the invitations went out long ago, nothing is pushed now."""
    title = str(PAST_SEMINAR["title_ru"])
    if await svc.db.fetchone("SELECT 1 FROM seminars WHERE title_ru = ?", (title,)):
        return
    starts, now = _bishkek(svc, -21, 10), svc.people.now()
    author = await users_repo.by_telegram_id(svc.db, COORDINATOR.telegram_id)
    seminar_id = await seminars_repo.create(
        svc.db, **PAST_SEMINAR, starts_at=starts, ends_at=starts + timedelta(hours=6),
        rsvp_deadline=starts - timedelta(days=1), audience=with_programme(audience, programme_id),
        checkin_code=f"{900000 + programme_id}", created_by=author.id if author else None,
        created_at=now, updated_at=now, programme_id=programme_id,
    )  # fmt: skip
    for telegram_id, (came, rating) in PAST_ANSWERS.items():
        user = await users_repo.by_telegram_id(svc.db, telegram_id)
        assert user is not None
        await seminars_repo.invite_many(svc.db, seminar_id, [user.id], now)
        await seminars_repo.set_answer(svc.db, seminar_id, user.id, "going", now, None)
        if came:
            at = utcnow_iso(starts + timedelta(minutes=20))
            await seminars_repo.set_attended(svc.db, seminar_id, user.id, at, "code")
            await seminars_repo.set_feedback(svc.db, seminar_id, user.id, rating, None)


def programmes_line() -> str:
    """For the banner: the two demo programmes, and whom to be to see them kept apart."""
    return (
        f"  Two programmes: {PSI.code} ({PSI.name_en}, coordinator {PSI_COORDINATOR.full_name})"
        f" and {VOICE.code} ({VOICE.name_en}, coordinator {VOICE_COORDINATOR.full_name});"
        " Бакыт Осмонов, head of Beshik-Jon, takes part in both."
    )


def emulator_profile(persona: Persona) -> Profile:
    """How the persona's phone introduces itself to Telegram: name, language, own number."""
    first, _, last = persona.name.partition(" ")
    profile: Profile = {
        "first_name": first,
        "last_name": last or None,
        "language_code": persona.lang,
    }
    known = next((p for p in PEOPLE if p.telegram_id == persona.id), None)
    if known is not None:
        profile["phone_number"] = known.phone
    return profile
