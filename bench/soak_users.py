"""The soak's people, each a coroutine driving the emulator's client API: registrants who go
through the real registration, members who read /status, answer the seminar invitation and
send a competition entry, some who block the bot and come back, and the admin who approves
every registration card that reaches their chat.

Every update a user sends is one `Sent` record: when it left, and how long until a reply that
step could have (or an apology) showed up, or None after `step_timeout`. A reply is recognised
by its text (bench.soak_texts), never by "any new message", since pushes arrive in the same
chats all the time. Flows read the screen they got and act on it, so a reply lost to a crash
or a fault is recovered from the way a person would: /start or /competitions again.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field

import aiohttp

from bench import soak_texts as texts
from bench.soak_seed import lang_of
from bot.core.labels import POSITION_LABELS
from bot.emulator.client import Phone, PhoneError

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
REGISTRATION = texts.named(**texts.REGISTRATION)
SUBMISSION = (*texts.named(**texts.SUBMISSION), ("attached", texts.ATTACHED[0]))
WEIGHTS = (("status", 5), ("rsvp", 3), ("submit", 2))


@dataclass
class Sent:
    uid: int
    kind: str
    at: float
    latency_ms: float | None = None
    wrong_language: bool = False
    apology: bool = False


@dataclass
class World:
    url: str
    session: aiohttp.ClientSession
    deadline: float
    step_timeout: float
    think_s: float
    block_at: float
    unblock_at: float
    sent: list[Sent] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def count(self, name: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1


Screen = tuple[dict | None, str | None]


class Person:
    def __init__(self, world: World, uid: int, lang: str) -> None:
        self.world = world
        self.uid = uid
        self.lang = lang
        self.rng = random.Random(uid)
        self.phone = Phone(world.url, uid, first_name="Soak", language_code=lang,
                           session=world.session)  # fmt: skip

    def _(self, msgid: str, icon: str = "") -> str:
        return texts.label(self.lang, msgid, icon)

    async def step(self, kind: str, action, group) -> Screen:
        """One update and the reply it got; (None, None) when the emulator refused the action
        (no such button, a blocked chat): then nothing was sent."""
        loop = asyncio.get_running_loop()
        began = loop.time()
        try:
            mark = (await action)["version"]
        except PhoneError:
            return None, None
        record = Sent(self.uid, kind, began)
        self.world.sent.append(record)
        message, name, own = await self._reply(mark, texts.expect(self.lang, group), began)
        if name is not None:
            record.latency_ms = (loop.time() - began) * 1000
            record.apology = name in ("error", "busy")
            record.wrong_language = not own
        return message, name

    async def _reply(
        self, mark: int, expect: texts.Expect, began: float
    ) -> tuple[dict | None, str | None, bool]:
        loop = asyncio.get_running_loop()
        deadline, since = began + self.world.step_timeout, mark
        while (left := deadline - loop.time()) > 0:
            try:
                state = await self.phone.state(since=since, wait=min(left, 10.0))
            except (aiohttp.ClientError, TimeoutError, PhoneError):
                await asyncio.sleep(0.5)
                continue
            changed = sorted((m for m in state["messages"] if m["version"] > mark),
                             key=lambda m: m["version"])  # fmt: skip
            for message in changed:
                judged = expect.judge(message.get("text") or message.get("caption") or "")
                if judged is not None:
                    return dict(message), *judged
            if any(a["version"] > mark and a.get("text") for a in state["callback_answers"]):
                return None, "alert", True
            since = state["version"]
        return None, None, True

    async def wait_for(self, fragment: str, until: float) -> bool:
        """A push (not a reply) holding `fragment`, by long polls, until `until`."""
        loop = asyncio.get_running_loop()
        since = 0
        while (left := until - loop.time()) > 0:
            try:
                state = await self.phone.state(since=since, wait=min(left, 10.0))
            except (aiohttp.ClientError, TimeoutError, PhoneError):
                await asyncio.sleep(0.5)
                continue
            if any(fragment in (m.get("text") or "") for m in state["messages"]):
                return True
            since = state["version"]
        return False

    async def pause(self, mean_s: float) -> None:
        await asyncio.sleep(min(self.rng.expovariate(1 / mean_s), 3 * mean_s))


class Member(Person):
    """An approved member: /status, the invitation's buttons, a competition entry."""

    def __init__(self, world: World, uid: int, lang: str, blocks: bool = False) -> None:
        super().__init__(world, uid, lang)
        self.blocks = blocks
        self.submitted = False

    async def live(self) -> None:
        loop = asyncio.get_running_loop()
        while loop.time() < self.world.deadline:
            if self.blocks and loop.time() >= self.world.block_at:
                self.blocks = False
                await self.block_and_return()
                continue
            choices = [(n, w) for n, w in WEIGHTS if not (n == "submit" and self.submitted)]
            name = self.rng.choices([n for n, _ in choices], [w for _, w in choices])[0]
            await getattr(self, name)()
            wait = self.rng.expovariate(1 / self.world.think_s)
            if self.blocks:
                wait = min(wait, max(0.0, self.world.block_at - loop.time()))
            await asyncio.sleep(min(wait, max(0.0, self.world.deadline - loop.time())))

    async def status(self) -> None:
        await self.step("status", self.phone.send("/status"), texts.named(status=texts.STATUS[0]))

    async def rsvp(self) -> None:
        yes = self.rng.random() < 0.7
        button = self._("I will attend", "✅ ") if yes else self._("I can't attend", "❌ ")
        group = texts.named(going=texts.RSVP[0], waitlist=texts.RSVP[1], declined=texts.RSVP[2])
        _, name = await self.step("rsvp", self.phone.press(button), group)
        if name in ("going", "waitlist", "declined"):
            self.world.count("rsvp_" + name)

    async def submit(self) -> None:
        """/competitions, then whatever the screen asks, for at most a dozen steps."""
        message, name = await self.step("submission", self.phone.send("/competitions"),
                                        SUBMISSION)  # fmt: skip
        photo_sent = False
        for _ in range(12):
            if message is None or name in (None, "closed", "error", "busy", "alert"):
                return
            if name == "sent":
                self.submitted = True
                self.world.count("submissions")
                return
            action = self._next(message, name, photo_sent)
            if action is None:
                return
            photo_sent = photo_sent or name == "files"
            await self.pause(1.0)
            message, name = await self.step("submission", action, SUBMISSION)

    def _next(self, message: dict, name: str, photo_sent: bool):
        on = message["message_id"]
        if name in ("listing", "listing_sent"):
            buttons = message.get("buttons") or []
            if not buttons:
                return None
            return self.phone.press(buttons[0][0]["text"], message_id=on)
        if name == "description":
            return self.phone.send(f"Soak report {self.uid}: meetings with residents.")
        if name == "residents":
            return self.phone.send("1200")
        if name == "files" and not photo_sent:
            return self.phone.send(photo=PNG + self.uid.to_bytes(8, "big"))
        if name in ("files", "attached"):
            return self.phone.press(self._("Done with files", "✅ "), message_id=on)
        if name == "review":
            return self.phone.press(self._("Send", "✅ "), message_id=on)
        return None

    async def block_and_return(self) -> None:
        """Blocks the bot through the wave (pushes to them get 403), then unblocks and sends
        /start, as someone who changed their mind does."""
        loop = asyncio.get_running_loop()
        try:
            await self.phone.block()
            self.world.count("blocked")
            await asyncio.sleep(max(0.0, self.world.unblock_at - loop.time()))
        finally:
            await self.phone.unblock()
        group = texts.named(registered=texts.REGISTERED[0])
        await self.step("start_after_block", self.phone.send("/start"), group)


class Registrant(Member):
    """Registers through the bot, waits for the coordinator's approval, then lives as a member."""

    async def live(self) -> None:
        loop = asyncio.get_running_loop()
        if not await self.register():
            return
        self.world.count("registered")
        welcomed = texts.longest(self._(texts.WELCOMED[0]))
        if not await self.wait_for(welcomed, self.world.deadline):
            return
        self.world.count("approved")
        await self.pause(self.world.think_s / 2)
        if loop.time() < self.world.deadline:
            await super().live()

    async def register(self) -> bool:
        message, name = await self.step("registration", self.phone.send("/start"), REGISTRATION)
        restarts = 0
        for _ in range(30):
            if name in ("sent", "waiting"):
                return True
            action = self._answer(message, name) if message is not None else None
            if action is None:
                restarts += 1
                if restarts > 3:
                    return False
                action = self.phone.send("/start")
            await self.pause(1.0)
            message, name = await self.step("registration", action, REGISTRATION)
        return False

    def _answer(self, message: dict, name: str | None):
        on = message["message_id"]
        buttons = message.get("buttons") or []
        if name == "lang":
            return self.phone.press(texts.language_name(self.lang), message_id=on)
        if name == "phone":
            return self.phone.send(contact=True)
        if name in ("region", "district", "municipality", "gender") and buttons:
            return self.phone.press(buttons[0][0]["text"], message_id=on)
        if name == "position":
            return self.phone.press(self._(POSITION_LABELS["head"]), message_id=on)
        if name == "name":
            return self.phone.send(f"Soak Member {self.uid}")
        if name == "summary":
            return self.phone.press(self._("✅ Confirm"), message_id=on)
        return None


class Admin(Person):
    """Approves each registration card that reaches their chat, until the users are done."""

    async def live(self) -> None:
        approve = self._("Approve", "✅ ")
        group = texts.named(approved=texts.APPROVED[0])
        pressed: set[int] = set()
        since = 0
        while not self.world.done.is_set():
            try:
                state = await self.phone.state(since=since, wait=2.0)
            except (aiohttp.ClientError, TimeoutError, PhoneError):
                await asyncio.sleep(0.5)
                continue
            since = state["version"]
            for message in state["messages"]:
                labels = {b["text"] for row in message.get("buttons") or [] for b in row}
                if approve in labels and message["message_id"] not in pressed:
                    pressed.add(message["message_id"])
                    press = self.phone.press(approve, message_id=message["message_id"])
                    _, name = await self.step("approval", press, group)
                    if name == "approved":
                        self.world.count("approvals")


def people(world: World, members: list[int], registrants: list[int], blockers: set[int]):
    return [
        *(Member(world, uid, lang_of(uid), uid in blockers) for uid in members),
        *(Registrant(world, uid, lang_of(uid)) for uid in registrants),
    ]
