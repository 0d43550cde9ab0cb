"""bench/soak.py's accounting after the bot has stopped: the outbox as the bot left it, beside
what each chat in the emulator really holds.

- A push was due when its time came before the bot stopped (or it was tried, or sent).
- Delivered: `sent`, and the message with its id is in the chat.
- Dropped, not lost: `cancelled` (the push no longer applied: an answer changed, its time
  passed) and `blocked` for a chat that is still blocked at the end.
- Lost: every other due row, e.g. still pending or failed after the drain, parked as blocked
  for someone who came back, or `sent` with no such message in the chat.
- Duplicates: in a chat, more copies of a push's message (same text or caption, file name
  and buttons) than rows that sent it. A kill repeats at most the rows leased when it came
  (`in_flight_at_kills`); a send that timed out may arrive twice (`maybe_twice` rows).
  A copy that was edited afterwards (a registration card) no longer looks like its twin.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from dataclasses import dataclass, field

import aiohttp

from bench import soak_texts as texts

Chats = dict[int, dict]


@dataclass
class Outcome:
    due: int = 0
    delivered: int = 0
    cancelled: int = 0
    blocked: int = 0
    lost: int = 0
    duplicates: int = 0
    maybe_twice: int = 0
    lost_kinds: Counter[str] = field(default_factory=Counter)


async def chats(url: str, session: aiohttp.ClientSession, ids: list[int]) -> Chats:
    sem = asyncio.Semaphore(20)

    async def one(uid: int) -> tuple[int, dict]:
        async with sem, session.get(f"{url}/client/{uid}/messages") as resp:
            return uid, (await resp.json())["result"]

    return dict(await asyncio.gather(*(one(uid) for uid in ids)))


def fingerprint(message: dict) -> str:
    buttons = [b.get("callback_data") or b.get("url") or b["text"]
               for row in message.get("buttons") or [] for b in row]  # fmt: skip
    document = (message.get("document") or {}).get("file_name")
    return json.dumps([message.get("text") or message.get("caption") or "", document, buttons])


def deliveries(rows: list[dict], found: Chats, end_iso: str) -> Outcome:
    out = Outcome()
    sent_prints: dict[int, Counter[str]] = {}
    for row in rows:
        chat = found.get(row["chat_id"])
        if not (row["not_before"] <= end_iso or row["status"] == "sent" or row["attempts"]):
            continue
        out.due += 1
        out.maybe_twice += bool(row["maybe_twice"])
        by_id = {m["message_id"]: m for m in (chat or {}).get("messages", [])}
        status = row["status"]
        if status == "sent" and row["message_id"] in by_id:
            out.delivered += 1
            prints = sent_prints.setdefault(row["chat_id"], Counter())
            prints[fingerprint(by_id[row["message_id"]])] += 1
        elif status == "cancelled":
            out.cancelled += 1
        elif status == "blocked" and chat is not None and chat.get("blocked"):
            out.blocked += 1
        else:
            out.lost += 1
            error = (row["last_error"] or "")[:60]
            out.lost_kinds[f"{row['template']} {status} {error}".strip()] += 1
    for chat_id, prints in sent_prints.items():
        everything = Counter(fingerprint(m) for m in found[chat_id]["messages"])
        out.duplicates += sum(max(0, everything[p] - n) for p, n in prints.items())
    return out


def wrong_language(found: Chats, langs: dict[int, str]) -> tuple[int, list[str]]:
    """Messages in a chat holding a catalog piece that only the reader's other language has;
    the samples name the piece, never the message (it may hold a name or a phone)."""
    wrong, samples = 0, []
    for uid, state in found.items():
        for message in state["messages"]:
            text = message.get("text") or message.get("caption") or ""
            piece = texts.wrong_language(langs[uid], text)
            if piece:
                wrong += 1
                samples.append(f"user {uid} ({langs[uid]}) read {piece!r}")
    return wrong, samples[:5]
