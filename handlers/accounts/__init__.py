"""Handlers for registration, the profile, language, approvals, roles and erasing."""

from __future__ import annotations

from handlers.accounts import (
    account,
    admin,
    approvals,
    language,
    membership,
    profile,
    registration,
    steps,
)
from handlers.common import App


def register(app: App) -> None:
    for module in (registration, language, profile, approvals, admin, account, membership, steps):
        module.register(app)
