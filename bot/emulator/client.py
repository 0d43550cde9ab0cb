"""Phone: one simulated user driving the emulator's client API over real HTTP.

Waiting for the bot without races: every action (send, press) returns the chat version
at the moment its update was queued, and the phone remembers it as its *mark*. Anything
the bot does afterwards has a higher version, so ::

    reply = await phone.send_and_wait("/start")       # == send() then wait_reply()
    reply = await phone.press_and_wait("Yes")

return the first bot message (by change order) created or edited after the action, even
if the bot answered before the waiting began. For anything else use
``wait_for(lambda msgs: ...)`` (a predicate over the message list) or ``wait_state``.
All waits are bounded and raise AssertionError showing the last messages on timeout.
"""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
from collections.abc import Callable, Mapping
from typing import Any

import aiohttp

from bot.emulator.protocol import (
    Blocked,
    CallbackAnswer,
    ChatView,
    JsonObject,
    MessageView,
    Pressed,
    Profile,
    Sent,
)

FileSpec = tuple[str, bytes | str] | tuple[str, bytes | str, str] | Mapping[str, Any]
PhotoSpec = bytes | bytearray | Mapping[str, Any]
LocationSpec = tuple[float, float] | Mapping[str, Any]


class PhoneError(AssertionError):
    """The client API refused an action (status and description from the emulator)."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(f"{status}: {description}")
        self.status = status
        self.description = description


def _b64(data: bytes | str) -> str:
    raw = data.encode() if isinstance(data, str) else data
    return base64.b64encode(raw).decode("ascii")


def _document_spec(document: FileSpec) -> JsonObject:
    """Accepts (name, bytes[, mime]) or {"file_name", "content" | "content_b64", "mime_type"}."""
    spec: JsonObject
    if isinstance(document, tuple):
        spec = {"file_name": document[0], "content_b64": _b64(document[1])}
        if len(document) > 2:
            spec["mime_type"] = document[2]
        return spec
    spec = dict(document)
    if "content" in spec:
        spec["content_b64"] = _b64(spec.pop("content"))
    return spec


def _photo_spec(photo: PhotoSpec) -> JsonObject:
    if isinstance(photo, bytes | bytearray):
        return {"content_b64": _b64(bytes(photo))}
    spec = dict(photo)
    if "content" in spec:
        spec["content_b64"] = _b64(spec.pop("content"))
    return spec


def _video_spec(video: FileSpec) -> JsonObject:
    """Like _document_spec; a dict may also carry "duration", "width" and "height"."""
    return _document_spec(video)


def _location_spec(location: LocationSpec) -> JsonObject:
    """Accepts (latitude, longitude) or {"latitude", "longitude"}; the emulator validates."""
    if isinstance(location, tuple | list):
        latitude, longitude = location
        return {"latitude": latitude, "longitude": longitude}
    return dict(location)


class Phone:
    """One simulated user acting through the client API.

    Waits take `timeout=` (seconds) because tests read better that way; hence the
    ASYNC109 exemptions below.
    """

    def __init__(
        self,
        base_url: str,
        user_id: int,
        *,
        first_name: str = "Test",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "ru",
        phone_number: str | None = None,
        chat_id: int | None = None,
        session: aiohttp.ClientSession | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.user_id = user_id
        self.chat_id = chat_id  # None = the private chat; a negative id = a group
        self.profile: Profile = {
            "first_name": first_name,
            "last_name": last_name,
            "username": username,
            "language_code": language_code,
            "phone_number": phone_number,
        }
        self.mark = 0
        self._session = session
        self._owns_session = session is None

    async def __aenter__(self) -> Phone:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._owns_session and self._session is not None:
            await self._session.close()
        self._session = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        return self._session

    async def _request(self, method: str, path: str, **kw: Any) -> Any:
        url = f"{self.base_url}/client/{self.user_id}/{path}"
        async with self._http().request(method, url, **kw) as resp:
            body = await resp.json(content_type=None)
        if not body.get("ok"):
            raise PhoneError(resp.status, body.get("description", ""))
        return body["result"]

    def _body(self, **fields: Any) -> JsonObject:
        body: JsonObject = {
            "from": {k: v for k, v in self.profile.items() if v is not None},
            **fields,
        }
        if self.chat_id is not None:
            body["chat_id"] = self.chat_id
        return body

    def _remember(self, result: Sent | Pressed) -> None:
        self.mark = result.get("version", self.mark)

    async def send(
        self,
        text: str | None = None,
        *,
        contact: JsonObject | bool | None = None,
        location: LocationSpec | None = None,
        document: FileSpec | None = None,
        photo: PhotoSpec | None = None,
        video: FileSpec | None = None,
        sticker: bool = False,
        caption: str | None = None,
        media_group_id: str | None = None,
        file_size: int | None = None,
    ) -> Sent:
        """Sends one message; `contact=True` shares the user's own contact.

        `file_size` is what Telegram will report for the document/photo/video sent (a
        "25 MB" file without 25 MB of bytes); `media_group_id` puts the message in an album
        (see send_album).
        """
        fields: dict[str, Any] = {
            "text": text,
            "contact": contact,
            "caption": caption,
            "media_group_id": media_group_id,
        }
        if location is not None:
            fields["location"] = _location_spec(location)
        specs = {
            "document": None if document is None else _document_spec(document),
            "photo": None if photo is None else _photo_spec(photo),
            "video": None if video is None else _video_spec(video),
        }
        for kind, spec in specs.items():
            if spec is not None:
                fields[kind] = spec
                if file_size is not None:
                    spec["file_size"] = file_size
        if file_size is not None and not any(v is not None for v in specs.values()):
            raise ValueError("file_size needs a document, photo or video")
        if sticker:
            fields["sticker"] = True
        body = self._body(**{k: v for k, v in fields.items() if v is not None})
        sent: Sent = await self._request("POST", "send", json=body)
        self._remember(sent)
        return sent

    async def send_album(
        self, items: list[dict[str, Any]], caption: str | None = None
    ) -> list[Sent]:
        """Sends 1-10 media as one album, the way a Telegram app does.

        Each item is keyword arguments for send(), e.g. ``{"photo": png}``,
        ``{"video": ("clip.mp4", data)}``, ``{"document": ("a.pdf", data), "file_size": n}``.
        Every item becomes its own message (and update) sharing one generated
        media_group_id; the caption goes on the first only. A single item is sent as a plain
        message without media_group_id, as Telegram does. Returns the send() results.
        """
        if not 1 <= len(items) <= 10:
            raise ValueError("an album has 1 to 10 items")
        group = str(10**17 + secrets.randbelow(9 * 10**17)) if len(items) > 1 else None
        results = []
        for index, item in enumerate(items):
            first = caption if index == 0 else None
            results.append(await self.send(**item, caption=first, media_group_id=group))
        return results

    async def press(
        self,
        button: str | None = None,
        *,
        message_id: int | None = None,
        callback_data: str | None = None,
    ) -> Pressed:
        fields = {"button": button, "message_id": message_id, "callback_data": callback_data}
        body = self._body(**{k: v for k, v in fields.items() if v is not None})
        pressed: Pressed = await self._request("POST", "press", json=body)
        self._remember(pressed)
        return pressed

    async def state(self, since: int | None = None, wait: float = 0) -> ChatView:
        params: dict[str, Any] = {}
        if self.chat_id is not None:
            params["chat_id"] = self.chat_id
        if since is not None:
            params.update(since=since, wait=wait)
        timeout = aiohttp.ClientTimeout(total=wait + 10)
        state: ChatView = await self._request("GET", "messages", params=params, timeout=timeout)
        return state

    async def messages(self) -> list[MessageView]:
        return (await self.state())["messages"]

    async def wait_state(
        self,
        predicate: Callable[[ChatView], object],
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> ChatView:
        """Long-polls until predicate(state) is truthy; returns that state."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        state = await self.state()
        while not predicate(state):
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(f"timed out after {timeout}s; last state:\n{_dump(state)}")
            state = await self.state(since=state["version"], wait=min(remaining, 30))
        return state

    async def wait_for(
        self,
        predicate: Callable[[list[MessageView]], object],
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> MessageView | None:
        """Waits until predicate(messages) is truthy; returns the last message (or None)."""
        state = await self.wait_state(lambda s: predicate(s["messages"]), timeout)
        return state["messages"][-1] if state["messages"] else None

    def _changed_since_mark(self, state: ChatView) -> MessageView | None:
        changed = [m for m in state["messages"] if m["version"] > self.mark]
        return min(changed, key=lambda m: m["version"]) if changed else None

    async def wait_reply(self, timeout: float = 5.0) -> MessageView:  # noqa: ASYNC109
        """First bot message created or edited after the last send/press (see module doc)."""
        state = await self.wait_state(self._changed_since_mark, timeout)
        reply = self._changed_since_mark(state)
        assert reply is not None
        return reply

    async def send_and_wait(
        self,
        text: str | None = None,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
        **kw: Any,
    ) -> MessageView:
        await self.send(text, **kw)
        return await self.wait_reply(timeout)

    async def press_and_wait(
        self,
        button: str | None = None,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
        **kw: Any,
    ) -> MessageView:
        await self.press(button, **kw)
        return await self.wait_reply(timeout)

    async def last_callback_answer(self) -> CallbackAnswer | None:
        answers = (await self.state())["callback_answers"]
        return answers[-1] if answers else None

    async def wait_callback_answer(self, timeout: float = 5.0) -> CallbackAnswer:  # noqa: ASYNC109
        """The first callback answer given after the last send/press."""

        def fresh(state: ChatView) -> CallbackAnswer | None:
            answers = [a for a in state["callback_answers"] if a["version"] > self.mark]
            return answers[0] if answers else None

        answer = fresh(await self.wait_state(fresh, timeout))
        assert answer is not None
        return answer

    async def download(self, file_id: str) -> bytes:
        url = f"{self.base_url}/client/{self.user_id}/files/{file_id}"
        async with self._http().get(url) as resp:
            if resp.status != 200:
                raise PhoneError(resp.status, await resp.text())
            return await resp.read()

    async def block(self) -> Blocked:
        blocked: Blocked = await self._request("POST", "block")
        return blocked

    async def unblock(self) -> Blocked:
        unblocked: Blocked = await self._request("POST", "unblock")
        return unblocked


def _dump(state: ChatView) -> str:
    return json.dumps(state, ensure_ascii=False, indent=1)[-4000:]
