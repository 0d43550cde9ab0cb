"""The people one can be in the sandbox's web chat, kept in a JSON file beside the demo database.

They live outside the bot's database on purpose: a persona is only a Telegram user id with a
name and a phone language, which is all the emulator needs; what the bot knows about that
person (registered or not, role, municipality) stays in the bot's own tables.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROLES = ("coordinator", "member", "visitor")
FIRST_VISITOR_ID = 7_000_001
MAX_NAME = 64


@dataclass(frozen=True)
class Persona:
    id: int
    name: str
    lang: str
    role: str = "visitor"
    place: dict[str, str] = field(default_factory=dict)
    """The municipality's name by language (ky, ru, en), when the persona has one."""


class PersonaBook:
    """Thread-safe enough for one sandbox process: every change is written out at once."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._people: dict[int, Persona] = {}
        if self.path.exists():
            for raw in json.loads(self.path.read_text(encoding="utf-8")):
                persona = Persona(**raw)
                self._people[persona.id] = persona

    def all(self) -> list[Persona]:
        return sorted(self._people.values(), key=lambda p: (ROLES.index(p.role), p.id))

    def get(self, telegram_id: int) -> Persona | None:
        return self._people.get(telegram_id)

    def add(
        self,
        name: str,
        lang: str,
        role: str = "visitor",
        place: dict[str, str] | None = None,
        telegram_id: int | None = None,
    ) -> Persona:
        """A new persona, or the existing one with that id (seeding twice adds nothing)."""
        name = " ".join(name.split())[:MAX_NAME]
        if not name:
            raise ValueError("a persona needs a name")
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        with self._lock:
            if telegram_id is not None and telegram_id in self._people:
                return self._people[telegram_id]
            if telegram_id is None:
                telegram_id = max([FIRST_VISITOR_ID - 1, *self._people]) + 1
            persona = Persona(telegram_id, name, lang, role, dict(place or {}))
            self._people[telegram_id] = persona
            self._save()
        return persona

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        data = [asdict(p) for p in self._people.values()]
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(self.path)
