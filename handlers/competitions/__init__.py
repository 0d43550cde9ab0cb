"""Handlers for competitions: the call, drafts, review, results, clusters and exports."""

from __future__ import annotations

from handlers.common import App
from handlers.competitions import (
    cluster_form,
    export,
    form,
    listing,
    my_submissions,
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
        export,
    ):
        module.register(app)
