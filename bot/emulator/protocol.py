"""Wire format shared by the Bot API side and the client API: errors, bodies, replies.

PTB sends form bodies (urlencoded, or multipart when a file is attached) in which every
value is a string and nested objects are JSON-encoded; other clients send JSON. Params
hides that difference so method handlers can ask for "an int" or "a JSON object".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, NotRequired, TypedDict

from aiohttp import web

_TRUE = {"true", "1", "yes", "on"}

JsonObject = dict[str, Any]
"""Bot API objects stay this loose: the emulator mostly passes their fields through as sent."""


class Profile(TypedDict, total=False):
    """A user as a phone introduces itself (the client API's "from")."""

    first_name: str
    last_name: str | None
    username: str | None
    language_code: str | None
    phone_number: str | None


class ReplyButton(TypedDict):
    text: str
    request_contact: bool
    request_location: NotRequired[bool]


class CallbackAnswer(TypedDict):
    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    version: int


class Sent(TypedDict):
    """A user message queued for the bot; `version` is the chat's at that moment."""

    update_id: int
    message_id: int
    version: int


class CallbackSent(TypedDict):
    update_id: int
    callback_query_id: str
    version: int


class NothingSent(TypedDict):
    """A pressed inline button that queues no update (url and the like)."""

    button: JsonObject
    message_id: int
    version: int


Pressed = Sent | CallbackSent | NothingSent


class Blocked(TypedDict):
    update_id: int | None
    blocked: bool


class MessageView(TypedDict):
    message_id: int
    date: int
    version: int
    edited: bool
    buttons: list[list[JsonObject]]
    text: NotRequired[str]
    caption: NotRequired[str]
    html: NotRequired[str]
    document: NotRequired[JsonObject]
    video: NotRequired[JsonObject]
    photo: NotRequired[JsonObject]
    media_group_id: NotRequired[str]
    reply_to_message_id: NotRequired[int]


class ChatView(TypedDict):
    version: int
    messages: list[MessageView]
    reply_keyboard: list[list[ReplyButton]] | None
    callback_answers: list[CallbackAnswer]
    blocked: bool


class ApiError(Exception):
    """An error answered in Bot API form; `retry_after` only for 429."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> JsonObject:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(text: str) -> ApiError:
    return ApiError(400, f"Bad Request: {text}")


def ok_response(result: Any, description: str | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": True, "result": result}
    if description:
        body["description"] = description
    return web.json_response(body)


def error_response(err: ApiError) -> web.Response:
    return web.json_response(err.payload(), status=err.code)


@dataclass
class Upload:
    filename: str | None
    content_type: str | None
    data: bytes


class Params:
    """Typed access to request parameters regardless of how they were encoded."""

    def __init__(self, values: dict[str, Any], uploads: dict[str, Upload] | None = None) -> None:
        self.values = values
        self.uploads = uploads or {}

    def has(self, name: str) -> bool:
        return self.values.get(name) not in (None, "") or name in self.uploads

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None or isinstance(value, str):
            return value
        return json.dumps(value) if isinstance(value, dict | list) else str(value)

    def integer(self, name: str, missing: str | None = None) -> int | None:
        """`missing` is the Bad Request text to raise when absent; None makes it optional."""
        value = self.values.get(name)
        if value is None or value == "":
            if missing:
                raise bad_request(missing)
            return None
        if isinstance(value, bool):
            raise bad_request(f"invalid {name} specified")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def flag(self, name: str) -> bool:
        value = self.values.get(name)
        if isinstance(value, str):
            return value.strip().lower() in _TRUE
        return bool(value)

    def json(self, name: str, error: str | None = None) -> Any:
        """Objects may arrive as JSON text (form bodies) or already decoded (JSON bodies)."""
        value = self.values.get(name)
        if not isinstance(value, str):
            return value
        if value == "":
            return None
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(error or f"can't parse {name} JSON object") from None

    def file(self, name: str) -> Upload | str | None:
        """A multipart upload, an `attach://<part>` reference, or a file_id/URL string."""
        if name in self.uploads:
            return self.uploads[name]
        value = self.text(name)
        if value and value.startswith("attach://"):
            part = self.uploads.get(value.removeprefix("attach://"))
            if part is None:
                raise bad_request(f"file {value} not found in the request")
            return part
        return value or None


async def read_params(request: web.Request) -> Params:
    """Merges the query string with a JSON, urlencoded or multipart body."""
    values: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    ctype = request.content_type
    if request.can_read_body and ctype == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON object") from None
        if not isinstance(body, dict):
            raise bad_request("JSON object expected")
        values.update(body)
    elif request.can_read_body and ctype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                uploads[key] = Upload(value.filename, value.content_type, value.file.read())
            elif isinstance(value, bytes | bytearray):
                values[key] = bytes(value).decode("utf-8", "replace")
            else:
                values[key] = value
    return Params(values, uploads)


async def read_json(request: web.Request) -> JsonObject:
    """Client/control bodies: JSON object or nothing."""
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except ValueError:
        raise ApiError(400, "request body must be a JSON object") from None
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise ApiError(400, "request body must be a JSON object")
    return body
