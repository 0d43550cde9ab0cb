"""Handlers for registration, the profile, language, approvals, roles and erasing."""

from __future__ import annotations

from handlers.accounts import (
    account,
    admin,
    approvals,
    language,
    membership,
    mydata,
    people,
    presence,
    profile,
    registration,
    retention,
    steps,
)
from handlers.common import App


def register(app: App) -> None:
    modules = (registration, language, profile, approvals, admin, people, account, mydata)
    for module in (*modules, membership, presence, retention, steps):
        module.register(app)
