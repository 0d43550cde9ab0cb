"""The daily retention job (bot.accounts.service.retention): a few minutes after each start,
then once a day. A failed run is logged and the next day's tries again."""

from __future__ import annotations

import logging
from datetime import timedelta

from handlers.common import App, Context, services

log = logging.getLogger(__name__)
EVERY = timedelta(days=1)
FIRST = timedelta(minutes=5)
"""After the start has settled: the first pass may have a backlog to work off."""


async def prune(context: Context) -> None:
    try:
        await services(context).retention.prune()
    except Exception:
        log.exception("retention pass failed; the next one is in a day")


def register(app: App) -> None:
    if app.job_queue is not None:
        app.job_queue.run_repeating(prune, EVERY, first=FIRST, name="retention")
