"""One broadcast as the history and its page show it: when, to whom (as the chat names the
audience), where it stands and the delivery figures as the service counts them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot.broadcasts.views.audience import reach_named
from bot.console.web.broadcasts import markup, words
from bot.core.programmes.repo import Programme
from bot.core.texts import clip, text_for
from bot.i18n import Translator
from bot.wiring import Services

if TYPE_CHECKING:
    from bot.broadcasts.repo import Broadcast

START = 80
"""Characters of the text shown in the history."""


@dataclass(frozen=True)
class Row:
    id: int
    when: str
    programme: str
    audience: str
    start: str
    state: str
    status: str
    counts: dict[str, int]
    total: int
    waiting: bool
    """Scheduled and not started: it can still be cancelled."""

    @property
    def left(self) -> int:
        return self.counts.get("pending", 0) + self.counts.get("sending", 0)


def state(item: Broadcast, counts: dict[str, int], now: datetime) -> str:
    """As the chat's progress card heads it: stopped, finished, scheduled or being sent."""
    left = counts.get("pending", 0) + counts.get("sending", 0)
    if item.status == "cancelled":
        return "stopped"
    if left == 0:
        return "finished"
    if datetime.fromisoformat(item.send_at) > now and not counts.get("sent"):
        return "scheduled"
    return "sending"


async def row(
    svc: Services,
    tr: Translator,
    item: Broadcast,
    counts: dict[str, int],
    programmes: dict[int, Programme],
) -> Row:
    """`programmes`: the names to show, empty when the reader sees only one."""
    now = svc.clock.now()
    code = state(item, counts, now)
    named = await svc.broadcasts.audience_names(item)
    found = programmes.get(item.programme_id) if item.programme_id is not None else None
    text = markup.plain(text_for(tr.lang, item.text_ky, item.text_ru))
    return Row(
        id=item.id, when=tr.datetime(datetime.fromisoformat(item.send_at)),
        programme=found.name(tr.lang) if found else "",
        audience=markup.plain(reach_named(tr, named, item.total)), start=clip(text, START),
        state=code, status=words.state(tr, code), counts=counts, total=item.total,
        waiting=svc.broadcasts.waiting(item, counts),
    )  # fmt: skip
