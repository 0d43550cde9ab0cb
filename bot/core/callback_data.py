"""Typed callback payloads.

Each button carries a short versioned prefix and its fields joined by ":" (for example
`appr1:42:approve`). `unpack` refuses anything that does not match exactly, so a forged or stale
payload never reaches a service as half-parsed data, and `pack` refuses what Telegram would refuse
(more than 64 bytes).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Literal, Self

MAX_BYTES = 64
_SEP = ":"
_INT_RE = re.compile(r"^-?\d{1,18}$")
_STR_RE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


class CallbackDataError(ValueError):
    """The payload is malformed, forged, or from a version of the bot that no longer exists."""


class CallbackData:
    """Base for dataclass payloads; subclasses set `prefix` with a version digit at the end."""

    prefix: ClassVar[str]

    def pack(self) -> str:
        parts = [self.prefix]
        for field in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, field.name)
            text = str(value)
            if not (_INT_RE.match(text) if isinstance(value, int) else _STR_RE.match(text)):
                raise CallbackDataError(f"{field.name}={text!r} cannot be packed")
            parts.append(text)
        packed = _SEP.join(parts)
        if len(packed.encode()) > MAX_BYTES:
            raise CallbackDataError(f"{packed!r} is over {MAX_BYTES} bytes")
        return packed

    @classmethod
    def matches(cls, data: object) -> bool:
        """For CallbackQueryHandler(pattern=...): routes by prefix; unpack does the real check."""
        return isinstance(data, str) and data.split(_SEP, 1)[0] == cls.prefix

    @classmethod
    def where(cls, **wanted: object) -> Callable[[object], bool]:
        """A pattern for one kind of button of this type, e.g. SeminarCb.where(action="qr")."""

        def test(data: object) -> bool:
            if not cls.matches(data):
                return False
            try:
                found = cls.unpack(data)  # type: ignore[arg-type]
            except CallbackDataError:
                return False
            return all(getattr(found, k) in (v if isinstance(v, set) else {v})
                       for k, v in wanted.items())  # fmt: skip

        return test

    @classmethod
    def unpack(cls, data: str | None) -> Self:
        if not data or len(data.encode()) > MAX_BYTES:
            raise CallbackDataError("empty or too long")
        prefix, *values = data.split(_SEP)
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        if prefix != cls.prefix or len(values) != len(fields):
            raise CallbackDataError(f"{data!r} is not a {cls.__name__}")
        hints = _hints(cls)
        kwargs = {
            f.name: _convert(hints[f.name], v, f.name) for f, v in zip(fields, values, strict=True)
        }
        return cls(**kwargs)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """Resolved once per type: get_type_hints evaluates every annotation each time."""
    return typing.get_type_hints(cls)


def _convert(hint: Any, raw: str, name: str) -> Any:
    if hint is int:
        if not _INT_RE.match(raw):
            raise CallbackDataError(f"{name} is not a number")
        return int(raw)
    if typing.get_origin(hint) is Literal:
        if raw not in typing.get_args(hint):
            raise CallbackDataError(f"{name}={raw!r} is not allowed")
        return raw
    if not _STR_RE.match(raw):
        raise CallbackDataError(f"{name} has characters that are not allowed")
    return raw


def callback(prefix: str):
    """Class decorator: a frozen dataclass payload with the given prefix."""

    def wrap(cls: type) -> type:
        cls.prefix = prefix
        return dataclasses.dataclass(frozen=True)(cls)

    return wrap


Step = Literal["lang", "region", "district", "municipality", "position", "gender", "confirm"]


@callback("lang1")
class LangCb(CallbackData):
    lang: Literal["ky", "ru", "en"]


@callback("pick1")
class PickCb(CallbackData):
    """A choice in a flow step; `step` lets a button from an earlier step be told apart."""

    step: Step
    value: str


@callback("page1")
class PageCb(CallbackData):
    step: Step
    parent: int
    page: int


@callback("appr2")
class ApprovalCb(CallbackData):
    """`submission` ties the card to one submission: a card for older details can't approve."""

    user_id: int
    submission: int
    decision: Literal["approve", "reject"]


@callback("prof1")
class ProfileCb(CallbackData):
    field: Literal["name", "phone", "municipality", "position", "gender", "lang"]


@callback("del1")
class DeleteMeCb(CallbackData):
    answer: Literal["yes", "no"]


@callback("bcw2")
class BroadcastWizardCb(CallbackData):
    """`page` is the picker page the button sits on, so a toggle redraws the same page."""

    action: Literal[
        "skip", "noattach", "kind", "toggle", "page", "done", "now", "later", "confirm", "abort"
    ]
    value: str
    page: int = 0


@callback("bc1")
class BroadcastCb(CallbackData):
    broadcast_id: int
    action: Literal["stop", "csv"]


@callback("smf1")
class SeminarFormCb(CallbackData):
    """The seminar wizard's buttons; `page` is the audience picker page, as for broadcasts."""

    action: Literal["skip", "kind", "toggle", "page", "done", "confirm", "abort"]
    value: str
    page: int = 0


@callback("sem1")
class SeminarCb(CallbackData):
    """Staff actions on one seminar; `page` pages the attendance list."""

    seminar_id: int
    action: Literal[
        "open", "qr", "roster", "report", "feedback", "edit", "cancel", "cancel_yes", "list"
    ]
    page: int = 0


@callback("sme1")
class SeminarEditCb(CallbackData):
    seminar_id: int
    part: Literal["title", "description", "schedule", "venue", "audience", "capacity", "organiser"]


@callback("rsvp1")
class RsvpCb(CallbackData):
    seminar_id: int
    answer: Literal["yes", "no"]


@callback("att1")
class AttendCb(CallbackData):
    """A staff mark by hand; `page` keeps the list where it was."""

    seminar_id: int
    user_id: int
    page: int = 0


@callback("fb1")
class FeedbackCb(CallbackData):
    """A rating of 1 to 5; 0 means 'no comment' after rating."""

    seminar_id: int
    rating: int


@callback("cpf1")
class CompetitionFormCb(CallbackData):
    """The competition wizard's buttons: skips, the entrant kind, the audience picker, yes/no."""

    action: Literal["skip", "entrants", "kind", "toggle", "page", "done", "yesno", "confirm",
                    "abort"]  # fmt: skip
    value: str
    page: int = 0


@callback("cmp1")
class CompetitionCb(CallbackData):
    """Staff actions on one competition; `value` filters submissions by status."""

    competition_id: int
    action: Literal["open", "list", "subs", "move", "extend", "export", "results", "publish",
                    "publish_yes"]  # fmt: skip
    value: str = "all"
    page: int = 0


@callback("ent1")
class EntrantCb(CallbackData):
    """An entrant picked on a staff screen (to give it more time)."""

    competition_id: int
    entrant_id: int
    action: Literal["extend"]


@callback("sub1")
class SubmitCb(CallbackData):
    """A member's submission draft; the ids tell a button of an old draft apart."""

    competition_id: int
    entrant_id: int
    action: Literal["start", "view", "files_done", "clear_files", "keep", "send", "fix_text",
                    "fix_figures", "fix_files", "abort"]  # fmt: skip


@callback("rev1")
class ReviewCb(CallbackData):
    """A reviewer's action on one submission; `value` is the new status where there is one."""

    submission_id: int
    action: Literal["open", "files", "history", "status", "score", "result", "skip"]
    value: str = "-"


@callback("res1")
class ResultCb(CallbackData):
    submission_id: int
    award: Literal["place1", "place2", "place3", "incentive", "conditional", "none"]


@callback("clf1")
class ClusterFormCb(CallbackData):
    """The in-bot cluster wizard: municipalities toggled on paged lists."""

    action: Literal["toggle", "page", "done", "confirm", "abort"]
    value: str
    page: int = 0
