"""A member who left office, deactivated from /people: kept for the records, reached by no
broadcast, invitation or other push, told so when they write, free to register again and be
approved as usual; staff can bring them back. A coordinator acts only within their regions."""

from __future__ import annotations

from bot.accounts.callbacks import MemberCb
from bot.core.errors import Refusal
from bot.core.refusals import refusal_text
from bot.i18n import translator
from tests.accounts.test_registration import APPROVED, SENT
from tests.broadcasts.test_programmes import announce, reach, settle
from tests.conftest import ADMIN_ID, add_members, alert, expect, t, tap
from tests.programmes import coordinator_of
from tests.seminars.helpers import drain, make_seminar, pushes, texts

GONE, STAYS = 600_001, 600_002  # Member 600001 writes in Kyrgyz, Member 600002 in Russian
ISSYK_KUL_COORDINATOR = 700_101
RU = translator("ru")
PROMPT = "Write part of the member's name, their municipality or phone number."
NOBODY = "Nobody matches «{query}». Check the spelling, or search by municipality."
REACTIVATED = "Reactivated. They were told, and are invited to what is still open."
ACTIVE_AGAIN = (
    "Your account is active again: seminar invitations, competition calls and announcements "
    "will come here as before."
)
DEACTIVATED = (
    "Your account was deactivated by the project staff, for example because you left office, "
    "so the bot sends you nothing now. Your past seminars and submissions stay in the records."
    "\nIf you work in a municipality again, tap «Register again»: a coordinator will approve "
    "it as usual."
)


async def users_id(bot, telegram_id: int) -> int:
    return (await bot.user(telegram_id)).id


async def ru_admin(bot):
    admin = bot.phone(ADMIN_ID, lang="ru", first_name="Админ")
    await admin.send("/start")
    await expect(admin, t("ru", "You are project staff. Send /help to see your commands."))
    return admin


async def deactivate_from_people(admin, name: str) -> None:
    """/people → Find a member → the name → the member → Deactivate → Yes, as staff tap it."""
    await admin.send("/people")
    await expect(admin, t("ru", "People directory"))
    await tap(admin, "🔍 " + t("ru", "Find a member"))
    await expect(admin, t("ru", PROMPT))
    await admin.send(name)
    found = await expect(admin, "«" + name + "»")
    label = next(b["text"] for row in found["buttons"] for b in row if name in b["text"])
    await admin.press(label, message_id=found["message_id"])
    await expect(admin, t("ru", "Last active: {when}").split(":")[0])
    await tap(admin, "🚫 " + t("ru", "Deactivate"))
    await tap(admin, "🚫 " + t("ru", "Yes, deactivate"))
    await expect(admin, t("ru", "Deactivated. The bot sends them nothing more."))


async def test_a_deactivated_member_gets_no_broadcast_and_no_invitation(ebot):
    db = ebot.services.db
    await add_members(db, ebot.emulator.url, [GONE, STAYS])
    admin = await ru_admin(ebot)
    await deactivate_from_people(admin, "Member 600001")
    gone = await ebot.user(GONE)
    assert gone.status == "inactive" and gone.full_name == "Member 600001"
    audit = await db.fetchall(
        "SELECT action, object_kind, object_id, detail FROM audit_log WHERE action LIKE 'member%'"
    )
    assert [tuple(r) for r in audit] == [("member_deactivated", "user", gone.id, "")]

    preview, broadcast_id = await announce(ebot, admin, None, "Собрание в пятницу")
    assert reach(1) in preview
    await settle(ebot, broadcast_id)
    assert "Собрание в пятницу" not in "".join(await texts(ebot, GONE))

    await make_seminar(ebot)
    invited = {row["chat_id"] for row in await pushes(ebot, "seminar_invite")}
    assert invited == {STAYS}

    # Whatever queues a push to them later, it is not sent.
    await ebot.services.outbox.enqueue("late:1", GONE, "account", "role_changed", {"role": "x"})
    await drain(ebot)
    late = await db.fetchone("SELECT status, last_error FROM outbox WHERE dedupe_key = 'late:1'")
    assert tuple(late) == ("cancelled", "member deactivated")


async def test_a_deactivated_member_is_told_and_registers_again(ebot):
    await add_members(ebot.services.db, ebot.emulator.url, [GONE, STAYS])
    admin = await ru_admin(ebot)
    await deactivate_from_people(admin, "Member 600001")
    member = ebot.phone(GONE, lang="ky")
    await member.send("/status")
    await expect(member, t("ky", DEACTIVATED))
    await member.send("качан семинар")
    await expect(member, t("ky", DEACTIVATED))

    await tap(member, "↩️ " + t("ky", "Register again"))
    summary = await expect(member, t("ky", "Please check your details:"))
    assert "Member 600001" in summary["text"]
    await tap(member, t("ky", "✅ Confirm"))
    await expect(member, t("ky", SENT))
    assert (await ebot.user(GONE)).status == "pending"
    card = await expect(admin, t("ru", "New registration"))
    assert "Member 600001" in card["text"]
    await admin.press("✅ " + t("ru", "Approve"), message_id=card["message_id"])
    await expect(member, t("ky", APPROVED)[:30])
    assert (await ebot.user(GONE)).status == "approved"


async def test_staff_reactivate_and_the_member_is_told(ebot):
    await add_members(ebot.services.db, ebot.emulator.url, [GONE, STAYS])
    admin = await ru_admin(ebot)
    await deactivate_from_people(admin, "Member 600001")
    await admin.send("/people")
    await tap(admin, "🚫 " + t("ru", "Deactivated ({count})").format(count=1))
    head = RU.ngettext("{count} deactivated member:", "{count} deactivated members:", 1)
    listed = await expect(admin, "🚫 " + head.format(count=1))
    label = next(b["text"] for row in listed["buttons"] for b in row if "600001" in b["text"])
    await admin.press(label, message_id=listed["message_id"])
    await tap(admin, "↩️ " + t("ru", "Reactivate"))
    await expect(admin, t("ru", REACTIVATED))
    member = ebot.phone(GONE, lang="ky")
    await expect(member, t("ky", ACTIVE_AGAIN))
    assert (await ebot.user(GONE)).status == "approved"
    actions = await ebot.services.db.fetchall("SELECT action FROM audit_log ORDER BY id")
    assert [r[0] for r in actions] == ["member_deactivated", "member_reactivated"]


async def test_a_coordinator_of_another_region_cannot_deactivate(ebot):
    db = ebot.services.db
    await add_members(db, ebot.emulator.url, [GONE])
    issyk_kul = await db.fetchone("SELECT id FROM regions WHERE code = 'issyk-kul'")
    await coordinator_of(ebot, ISSYK_KUL_COORDINATOR, 1, [issyk_kul[0]])
    staff = ebot.phone(ISSYK_KUL_COORDINATOR, lang="ru")
    await staff.send("/people Member")
    nobody = await expect(staff, t("ru", NOBODY).format(query="Member"))
    assert "600001" not in str(nobody["buttons"])
    for action in ("open", "deactivate", "confirm"):
        forged = MemberCb(user_id=await users_id(ebot, GONE), action=action).pack()
        await staff.press(message_id=nobody["message_id"], callback_data=forged)
        assert await alert(staff) == refusal_text(RU, Refusal("forbidden"))
    assert (await ebot.user(GONE)).status == "approved"
    assert await db.count("SELECT COUNT(*) FROM audit_log") == 0


async def test_members_cannot_open_people(ebot):
    await add_members(ebot.services.db, ebot.emulator.url, [GONE, STAYS])
    member = ebot.phone(STAYS, lang="ru")
    forged = MemberCb(user_id=await users_id(ebot, GONE), action="confirm").pack()
    await member.send("/people")
    reply = await expect(member, t("ru", "This command is for project staff."))
    await member.press(message_id=reply["message_id"], callback_data=forged)
    assert await alert(member) == refusal_text(RU, Refusal("forbidden"))
    assert (await ebot.user(GONE)).status == "approved"
