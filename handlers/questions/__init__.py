"""Plain questions: free text answered from the reader's own data, and /faq for staff."""

from __future__ import annotations

from handlers.common import App
from handlers.questions import ask, faq


def register(app: App) -> None:
    faq.register(app)
    ask.register(app)
