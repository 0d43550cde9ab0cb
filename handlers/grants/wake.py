"""The timed wake-up that asks entrants for their reports (bot.grants.service.requests). The
JobQueue only wakes it: what is due is decided by the projects' `next_request_at`, so a restart
neither loses nor repeats a request. A failed pass is logged and the next one tries again."""

from __future__ import annotations

import logging
from datetime import timedelta

from handlers.common import App, Context, services

log = logging.getLogger(__name__)
EVERY = timedelta(minutes=5)
FIRST = timedelta(seconds=20)


async def ask_due(context: Context) -> None:
    try:
        await services(context).grant_requests.wake()
    except Exception:
        log.exception("grant report requests failed; the next pass tries again")


def register(app: App) -> None:
    if app.job_queue is not None:
        app.job_queue.run_repeating(ask_due, EVERY, first=FIRST, name="grant-requests")
