"""Download your data: /mydata in the chat and `python -m bot export my-data` give the person
everything stored about them, as one JSON file."""

from __future__ import annotations

import asyncio
import json

from bot.accounts import cli
from tests.accounts.life import COMMENT, FILE_NAME, NAME, TID, live
from tests.conftest import expect, t

CAPTION = "Your data: everything the bot stores about you, in one file."
ABOUT = (
    "Everything munibot stores about you, as of {date}. Times are in UTC. Messages are "
    "listed by what they were about; their text is written in your language when they are "
    "sent. Send /deleteme in the bot to delete your personal data."
)


async def test_mydata_sends_everything_stored_about_the_member(ebot):
    life = await live(ebot)
    await life.member.send("/mydata")
    sent = await expect(life.member, t("ru", CAPTION))
    assert sent["document"]["file_name"].endswith(".json")
    data = json.loads(await life.member.download(sent["document"]["file_id"]))
    assert data["about"].startswith(t("ru", ABOUT).split("{date}")[0])
    profile = data["profile"]
    assert (profile["full_name"], profile["telegram_id"], profile["phone"]) == (
        NAME,
        TID,
        life.phone_number,
    )
    assert "Бешик-Джон" in profile["municipality"]["ru"]
    [request] = data["registration_requests"]
    assert (request["decision"], request["reviewers"]) == ("approved", 2)
    [seminar] = data["seminars"]
    assert seminar["answer"] == "going" and seminar["attended_at"] and seminar["rating"] == 5
    assert seminar["comment"] == COMMENT
    [version] = data["submission_versions"]
    assert version["receipt"] == life.receipt and version["residents"] == 800
    assert [f["file_name"] for f in version["files"]] == [FILE_NAME]
    templates = {m["template"]: m["status"] for m in data["messages_to_you"]}
    assert templates["registration_approved"] == "sent"
    assert templates["broadcast"] in ("sent", "pending"), "one sent, one still scheduled"
    assert data["open_flow"]["flow"] == "profile"
    assert [a["action"] for a in data["competition_actions"]] == ["submitted"]


async def test_the_command_line_writes_the_same_file(ebot, tmp_path):
    await live(ebot)
    out = tmp_path / "out" / "her.json"
    assert await cli.export(ebot.config, TID, out, None) == 0
    data = json.loads(await asyncio.to_thread(out.read_bytes))
    assert data["profile"]["full_name"] == NAME and data["seminars"][0]["comment"] == COMMENT
    assert data["about"].startswith(t("ru", ABOUT).split("{date}")[0]), "in her own language"
    assert await cli.export(ebot.config, 1, tmp_path / "none.json", None) == 1


async def test_someone_unknown_hears_that_nothing_is_stored(bot):
    stranger = bot.phone(4901, lang="ru")
    await stranger.send("/mydata")
    await expect(stranger, t("ru", "The bot stores nothing about you."))
