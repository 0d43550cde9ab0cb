"""Staff actions scripted through the real services, for benchmarks, tests and demo data."""

from __future__ import annotations

from bot.core import users as users_repo
from bot.wiring import Services


async def queue_broadcast(
    svc: Services,
    author_tid: int,
    text: str,
    when: str | None = None,
    programme_id: int | None = None,
) -> int:
    """A broadcast to every member, made by the same service calls the /broadcast wizard makes
    (in `programme_id`, which must be named when the author works in several)."""
    await users_repo.ensure(svc.db, author_tid, str(author_tid), svc.people.now())
    wizard = svc.broadcast_wizard
    await wizard.begin(author_tid, programme_id=programme_id)
    await wizard.text(author_tid, text, len(text))
    await wizard.skip(author_tid)
    await wizard.skip(author_tid)
    await wizard.choose_kind(author_tid, "all")
    await wizard.when(author_tid, when)
    return (await wizard.confirm(author_tid)).id
