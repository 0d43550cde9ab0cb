"""Approval cards already in reviewers' chats, edited through the outbox (so a restart or an
outage loses no edit): a newer card replaces an undecided one, and erasing the person leaves
"erased member" on every card that showed their name and phone."""

from __future__ import annotations

from typing import Literal

from bot.accounts.repo import cards
from bot.accounts.repo.cards import DeliveredCard
from bot.delivery.outbox import FOREVER, LEASE, Outbox, Push

Edit = Literal["replaced", "erased"]


def edit(card: DeliveredCard, what: Edit) -> Push:
    """Keyed by the message it edits, not by the person: the key outlives their users row."""
    return Push(
        f"card-edit:{card.chat_id}:{card.message_id}:{what}",
        card.chat_id,
        f"approval_{what}",
        {"message_id": card.message_id},
        kind="approval",
        expires_at=FOREVER if what == "erased" else None,
    )


async def replace_earlier(outbox: Outbox, user_id: int, submission: int) -> int:
    """Before the cards for `submission` go out: unsent cards of earlier ones are dropped, and
    delivered ones nobody decided say they were replaced, so only the new card is live."""
    await outbox.cancel_keyed(cards.card_prefix(user_id))
    decided = await cards.decided(outbox.db, user_id)
    stale = [
        card
        for card in await cards.delivered(outbox.db, user_id)
        if card.submission < submission and card.submission not in decided
    ]
    await outbox.enqueue_many(edit(card, "replaced") for card in stale)
    return len(stale)


async def erase_all(outbox: Outbox, user_id: int) -> int:
    """Every delivered card about the person, decided or not, becomes "erased member"; so does
    a card on its way right now, once its send is over and its message id known (the edit
    finds it by key, and is dropped if the card never arrived)."""
    found = await cards.delivered(outbox.db, user_id)
    await outbox.enqueue_many(edit(card, "erased") for card in found)
    after = outbox.clock.now() + LEASE
    await outbox.enqueue_many(
        Push(f"card-edit:{chat_id}:{key}:erased", chat_id, "approval_erased", {"card": key},
             not_before=after, kind="approval", expires_at=FOREVER)
        for key, chat_id in await cards.in_flight(outbox.db, user_id)
    )  # fmt: skip
    return len(found)
