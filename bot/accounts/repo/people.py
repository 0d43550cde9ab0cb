"""The people directory: every approved or deactivated member and every coordinator, with
their place."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonRow:
    user_id: int
    full_name: str | None
    role: str
    status: str
    position: str | None
    position_detail: str | None
    organisation: str | None
    municipality: dict[str, str] | None
    """The municipality's name by language (ky, ru, en), or None."""
    district: dict[str, str] | None
    region: dict[str, str] | None
    region_id: int | None
    phone: str | None
    lang: str | None
    telegram_id: int | None
    registered: str
    last_active: str | None

    @property
    def is_member(self) -> bool:
        return self.role == "member"


_SQL = (
    "SELECT u.id, u.full_name, u.tg_name, u.role, u.status, u.position, u.position_detail,"
    " u.organisation, u.phone, u.lang, u.telegram_id, u.created_at, u.last_active_at,"
    " m.name_ky, m.name_ru, m.name_en, d.name_ky, d.name_ru, d.name_en,"
    " r.name_ky, r.name_ru, r.name_en, r.id"
    " FROM users u LEFT JOIN municipalities m ON m.id = u.municipality_id"
    " LEFT JOIN districts d ON d.id = m.district_id LEFT JOIN regions r ON r.id = d.region_id"
    " WHERE u.status IN ('approved', 'inactive') OR u.role IN ('coordinator', 'admin')"
    " ORDER BY r.name_en, d.name_en, m.name_en, u.full_name, u.id"
)


def directory(conn: sqlite3.Connection) -> list[PersonRow]:
    """Read on any connection (`Database.read_off_loop` gives a worker thread's)."""
    return [_row(tuple(r)) for r in conn.execute(_SQL).fetchall()]


def _names(ky: str | None, ru: str | None, en: str | None) -> dict[str, str] | None:
    return None if en is None else {"ky": ky or en, "ru": ru or en, "en": en}


def _row(r: tuple[Any, ...]) -> PersonRow:
    return PersonRow(
        user_id=r[0],
        full_name=r[1] or r[2],
        role=r[3],
        status=r[4],
        position=r[5],
        position_detail=r[6],
        organisation=r[7],
        phone=r[8],
        lang=r[9],
        telegram_id=r[10],
        registered=r[11],
        last_active=r[12],
        municipality=_names(r[13], r[14], r[15]),
        district=_names(r[16], r[17], r[18]),
        region=_names(r[19], r[20], r[21]),
        region_id=r[22],
    )
