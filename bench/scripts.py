"""What the simulated users of bench/updates.py do, as steps for bench/load.py.

The expected replies come from the real catalogs, so a changed wording breaks the benchmark
loudly (a timeout naming the text it waited for) instead of silently timing the wrong reply.
"""

from __future__ import annotations

from bot.core.labels import LANGUAGE_NAMES, POSITION_LABELS
from bot.i18n import compile_catalogs, translator

LANGS = ("ru", "ky")
SENT = (
    "Thank you! Your registration has been sent to the project coordinators. "
    "You will get a message here when it is approved."
)


def registration(lang: str) -> list[dict]:
    """The whole flow of tests/accounts/test_registration.py, tapping the first place on each
    list."""
    _ = translator(lang)._
    name = _("Please write your full name (surname, first name).")
    return [
        {"send": "/start", "expect": "Choose your language:"},
        {"press": LANGUAGE_NAMES[lang], "expect": _(
            "Please share your phone number with the button below.")},
        {"contact": True, "expect": _("Choose your region:")},
        {"press_first": True, "expect": _("Choose your district:")},
        {"press_first": True, "expect": _("Choose your aiyl aimak or town:")},
        {"press_first": True, "expect": _("What is your position?")},
        {"press": _(POSITION_LABELS["head"]), "expect": name},
        {"send": "Bench Member {uid}", "expect": _("Your gender:")},
        {"press_first": True, "expect": _("Please check your details:")},
        {"press": _("✅ Confirm"), "expect": _(SENT)},
    ]  # fmt: skip


def registrations() -> list[list[dict]]:
    compile_catalogs()
    return [registration(lang) for lang in LANGS]


def status(rounds: int) -> list[list[dict]]:
    """The "My status" screen in each user's language (user i registered in LANGS[i % 2]);
    any reply at all while /status has no translated screen yet."""
    compile_catalogs()
    plays = []
    for lang in LANGS:
        header = translator(lang)._("My status")
        expect = header if header != "My status" else None
        plays.append([{"send": "/status", "expect": expect}] * rounds)
    return plays


def echo(count: int) -> list[list[dict]]:
    return [[{"send": "echo {uid} {n}", "expect": "echo {uid} {n}"}] * count]
