"""What bench/soak.py puts in the database before the bot's first start: members, one seminar,
one competition and three broadcasts, all through the services the bot's own buttons call, so
every push they cause is a real outbox row with its real key and timing.

The pushes are timed against the run's clock: the seminar's 2-hour reminder, the competition's
3-hour reminder and each broadcast fall due at a chosen moment of the run (a broadcast just
before each SIGKILL, so that rows are in flight when it lands, and one during the blocked-user
wave, so that some rows are parked on a 403).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import ADMIN_ID, seed_registered
from bot.clock import Clock
from bot.config import Config
from bot.db import open_database
from bot.wiring import Services

LANGS = ("ky", "ru")


def lang_of(uid: int) -> str:
    """bench.common.seed_registered gives member i ("ky", "ru")[i % 2]; registrants follow suit."""
    return LANGS[uid % 2]


@dataclass(frozen=True)
class Plan:
    """The run's wall-clock anchors: t0 is when the users start, `seconds` how long they act."""

    t0: datetime
    seconds: float

    def at(self, fraction: float, plus_s: float = 0.0) -> datetime:
        return self.t0 + timedelta(seconds=fraction * self.seconds + plus_s)


BROADCASTS = (0.26, 0.62, 0.71)
"""When each broadcast falls due, as fractions of the run (see bench/soak_faults.py)."""
SEMINAR_REMINDER_AT = 0.5
COMPETITION_OPENS_AT = 0.03
COMPETITION_REMINDER_AT = 0.9


async def seed(db_path: Path, config: Config, members: list[int], plan: Plan) -> dict[str, int]:
    """Members and staff first (bench.common), then the seminar, competition and broadcasts."""
    await seed_registered(db_path, members, spread=True)
    db = await open_database(db_path)
    try:
        await db.execute("UPDATE users SET lang = 'ru' WHERE telegram_id = ?", (ADMIN_ID,))
        svc = Services.build(config, db, Clock())
        seminar = await _seminar(svc, plan, capacity=max(10, len(members) // 2))
        competition = await _competition(svc, plan)
        broadcasts = [await _broadcast(svc, n, plan.at(f)) for n, f in enumerate(BROADCASTS, 1)]
        due = await db.count("SELECT COUNT(*) FROM outbox")
    finally:
        await db.close()
    return {"seminar": seminar, "competition": competition, "broadcasts": len(broadcasts),
            "rows": due}  # fmt: skip


async def _seminar(svc: Services, plan: Plan, capacity: int) -> int:
    """Starts two hours after the middle of the run, so the 2-hour reminders of those going
    fall due mid-run; past capacity, yes-answers join the waitlist."""
    starts = plan.at(SEMINAR_REMINDER_AT, 2 * 3600)
    values = {
        "title_ky": "Жергиликтүү бюджет боюнча семинар",
        "title_ru": "Семинар по местному бюджету",
        "description_ky": "Бюджетти пландоо жана отчёттуулук.",
        "description_ru": "Планирование бюджета и отчётность.",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=6),
        "city": "Жалал-Абад",
        "address": "Ленин көчөсү, 1",
        "latitude": None,
        "longitude": None,
        "capacity": capacity,
        "rsvp_deadline": starts - timedelta(minutes=30),
        "organiser": "Soak organiser",
    }
    seminar, _ = await svc.seminars.create(ADMIN_ID, values, {"kind": "all", "values": []})  # type: ignore[arg-type]
    return seminar.id


async def _competition(svc: Services, plan: Plan) -> int:
    """Opens early in the run (the call to every member) and has its 3-hour reminder near
    the end for every entrant that has not sent anything by then."""
    values = {
        "code": "IC",
        "title_ky": "Маалымат кампаниясы",
        "title_ru": "Информационная кампания",
        "description_ky": "Тургундарга кызматтар тууралуу айтып бериңиз.",
        "description_ru": "Расскажите жителям об услугах.",
        "rules_ky": "Бир айыл аймактан бир табыш.",
        "rules_ru": "Одна заявка от айылного аймака.",
        "prizes_ky": "1-орун: 100 000 сом",
        "prizes_ru": "1 место: 100 000 сом",
        "entrant_kind": "municipality",
        "opens_at": plan.at(COMPETITION_OPENS_AT),
        "deadline": plan.at(COMPETITION_REMINDER_AT, 3 * 3600),
        "max_files": 5,
        "needs_residents": True,
    }
    competition, _ = await svc.competitions.create(
        ADMIN_ID,
        values,  # type: ignore[arg-type]
        {"kind": "all", "values": []},
    )
    return competition.id


async def _broadcast(svc: Services, n: int, due: datetime) -> int:
    """Through the /broadcast wizard's service, scheduled a day ahead (the wizard takes whole
    minutes), then moved to the exact second as the outbox moves any keyed rows."""
    wizard, admin = svc.broadcast_wizard, ADMIN_ID
    await wizard.begin(admin)
    ky, ru = f"Соак кабары №{n}: жаңылыктар.", f"Соак-рассылка №{n}: новости."
    await wizard.text(admin, ky, len(ky))
    await wizard.text(admin, ru, len(ru))
    await wizard.skip(admin)
    await wizard.choose_kind(admin, "all")
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).astimezone(svc.config.zone)
    await wizard.when(admin, tomorrow.strftime("%d.%m.%Y %H:%M"))
    broadcast = await wizard.confirm(admin)
    await svc.outbox.move_keyed(f"broadcast:{broadcast.id}:", due)
    return broadcast.id
