"""Typed callback payloads.

Each button carries a short versioned prefix and its fields joined by ":" (for example
`appr1:42:approve`). `unpack` refuses anything that does not match exactly, so a forged or stale
payload never reaches a service as half-parsed data, and `pack` refuses what Telegram would refuse
(more than 64 bytes).
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Literal, Self, TypeVar, dataclass_transform

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
        """Routes by prefix (handlers.common.ButtonRoute); unpack does the real check."""
        return isinstance(data, str) and data.split(_SEP, 1)[0] == cls.prefix

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


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """Resolved once per type: get_type_hints evaluates every annotation each time."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


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


T = TypeVar("T", bound=type[CallbackData])


@dataclass_transform(frozen_default=True)
def callback(prefix: str) -> Callable[[T], T]:
    """Class decorator: a frozen dataclass payload with the given prefix."""

    def wrap(cls: T) -> T:
        cls.prefix = prefix
        dataclasses.dataclass(frozen=True)(cls)
        return cls

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
