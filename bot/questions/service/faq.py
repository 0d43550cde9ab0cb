"""/faq: the questions staff teach the bot, each with the phrases people ask it with and one
answer in Kyrgyz and one in Russian. Any coordinator or admin may add or remove one; they are
the same for every programme.

Adding is a short flow kept in the flows table: the phrases (one message, one a line), then the
answer in Kyrgyz, then in Russian, after which the entry is saved and answered at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core import flows
from bot.core.errors import NotFound, Refusal
from bot.core.flows import Flow
from bot.core.people import People
from bot.core.wizard import Wizard
from bot.db import Database
from bot.questions import repo
from bot.questions.repo import FaqEntry
from bot.questions.service.matcher import FaqPhrases, words

FLOW = "faq_entry"
STEPS = ("phrases", "answer_ky", "answer_ru")
MAX_PHRASES = 20
MAX_PHRASE = 200
MAX_ANSWER = 3000
"""With the note on top, an answer still fits one message."""


@dataclass(frozen=True)
class Added:
    entry: FaqEntry


def check_phrases(raw: str) -> list[str]:
    """One phrase a line; blank lines and repeats dropped; each must hold a word."""
    found: list[str] = []
    for line in (raw or "").splitlines():
        phrase = " ".join(line.split())
        if not phrase or phrase.casefold() in (p.casefold() for p in found):
            continue
        if len(phrase) > MAX_PHRASE:
            raise Refusal("field_too_long", limit=MAX_PHRASE, length=len(phrase))
        if not words(phrase):
            raise Refusal("faq_no_words")
        found.append(phrase)
    if not found:
        raise Refusal("text_empty")
    if len(found) > MAX_PHRASES:
        raise Refusal("faq_too_many", limit=MAX_PHRASES)
    return found


def check_answer(raw: str) -> str:
    text = (raw or "").strip()
    if not text:
        raise Refusal("text_empty")
    if len(text) > MAX_ANSWER:
        raise Refusal("field_too_long", limit=MAX_ANSWER, length=len(text))
    return text


class Faq(Wizard):
    flow_name = FLOW

    def __init__(self, db: Database, people: People) -> None:
        self.db = db
        self.people = people
        self.clock = people.clock
        self._cache: tuple[tuple[int, int], list[FaqEntry]] | None = None

    async def entries(self) -> list[FaqEntry]:
        """Read again only when an entry was added or removed."""
        stamp = await repo.stamp(self.db)
        if self._cache is None or self._cache[0] != stamp:
            self._cache = (stamp, await repo.entries(self.db))
        return self._cache[1]

    async def phrasebook(self) -> list[FaqPhrases]:
        return [FaqPhrases(e.id, e.phrases) for e in await self.entries()]

    async def entry(self, entry_id: int) -> FaqEntry | None:
        return await repo.entry(self.db, entry_id)

    async def listing(self, telegram_id: int) -> list[FaqEntry]:
        await self.people.require_staff(telegram_id)
        return await self.entries()

    async def to_remove(self, telegram_id: int, entry_id: int) -> FaqEntry:
        await self.people.require_staff(telegram_id)
        found = await repo.entry(self.db, entry_id)
        if found is None:
            raise NotFound(str(entry_id))
        return found

    async def remove(self, telegram_id: int, entry_id: int) -> FaqEntry:
        found = await self.to_remove(telegram_id, entry_id)
        await repo.remove(self.db, entry_id)
        return found

    async def begin(self, telegram_id: int) -> Flow:
        """A staff member's new entry; another open form must be finished or left first."""
        await self.people.require_staff(telegram_id)
        other = await flows.get(self.db, telegram_id)
        if other is not None and other.flow != FLOW:
            raise Refusal("other_flow_open")
        return await self._save(Flow(telegram_id, FLOW, STEPS[0], {}))

    async def text(self, telegram_id: int, text: str) -> Flow | Added:
        """The answer to the step the flow stands at; after the Russian answer, the entry."""
        await self.people.require_staff(telegram_id)
        flow = await self._at(telegram_id)
        data = dict(flow.data)
        if flow.step == "phrases":
            data["phrases"] = check_phrases(text)
            return await self._save(Flow(telegram_id, FLOW, "answer_ky", data))
        if flow.step == "answer_ky":
            data["answer_ky"] = check_answer(text)
            return await self._save(Flow(telegram_id, FLOW, "answer_ru", data))
        answer_ru = check_answer(text)
        actor = await self.people.actor(telegram_id)
        by = actor.user.id if actor.user is not None else None
        async with self.db.transaction():
            entry_id = await repo.add(self.db, list(data["phrases"]), str(data["answer_ky"]),
                                      answer_ru, by, self.now())  # fmt: skip
            await flows.clear(self.db, telegram_id)
        saved = await repo.entry(self.db, entry_id)
        assert saved is not None
        return Added(saved)

    async def leave(self, telegram_id: int) -> None:
        """The flow's Cancel button: only this flow is dropped."""
        await self.abort(telegram_id)
