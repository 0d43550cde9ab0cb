"""/mydata: the person's copy of everything stored about them, as a JSON file.

The section and field names are the database's own, in English, so the file reads the same
for everyone and matches what an operator sees; the note at the top, the caption and the
answers are in the reader's language.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from bot.i18n import Translator


def document(tr: Translator, data: Mapping[str, object], now: datetime) -> bytes:
    about = tr._(
        "Everything munibot stores about you, as of {date}. Times are in UTC. Messages are "
        "listed by what they were about; their text is written in your language when they are "
        "sent. Send /deleteme in the bot to delete your personal data."
    ).format(date=tr.date(now))
    body = {"about": about, "exported_at": now.isoformat(timespec="seconds"), **data}
    return json.dumps(body, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def file_name(now: datetime) -> str:
    return f"munibot-my-data-{now:%Y-%m-%d}.json"


def caption(tr: Translator) -> str:
    return tr._("Your data: everything the bot stores about you, in one file.")


def nothing_stored(tr: Translator) -> str:
    return tr._("The bot stores nothing about you.")
