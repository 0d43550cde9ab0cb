"""Handlers for competitions: the call, drafts, review, results, clusters and exports."""

from __future__ import annotations

from handlers.common import App
from handlers.competitions import (
    cluster_form,
    conditions,
    export,
    form,
    listing,
    my_submissions,
    panel,
    panel_review,
    press,
    reminders,
    results,
    review,
    staff,
    submit,
)


def register(app: App) -> None:
    for module in (
        listing,
        staff,
        form,
        cluster_form,
        submit,
        my_submissions,
        review,
        results,
        panel,
        panel_review,
        conditions,
        export,
        reminders,
        press,
    ):
        module.register(app)
