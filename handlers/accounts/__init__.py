"""Handlers for registration, the profile, language, approvals, roles and erasing."""

from __future__ import annotations

from handlers.accounts import (
    account,
    admin,
    approvals,
    language,
    membership,
    mydata,
    profile,
    registration,
    retention,
    steps,
)
from handlers.common import App


def register(app: App) -> None:
    modules = (registration, language, profile, approvals, admin, account, mydata, membership)
    for module in (*modules, retention, steps):
        module.register(app)
