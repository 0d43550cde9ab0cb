"""/help for each kind of reader: a newcomer, a member, project staff."""

from __future__ import annotations

from bot.i18n import Translator


def newcomer(tr: Translator) -> list[str]:
    _ = tr._
    return [
        "<b>" + _("munibot: seminars and competitions for aiyl okmotu staff") + "</b>",
        _("/start – register or continue registration"),
        _("/status – where your registration stands"),
        _("/language – change the language"),
        _("/cancel – stop what you are doing"),
    ]


def member(tr: Translator) -> list[str]:
    _ = tr._
    return [
        "<b>" + _("Use the menu buttons below:") + "</b>",
        _("📋 My status – everything that concerns you now, on one screen"),
        _("📅 Seminars – your invitations; answer whether you will come"),
        _("🏆 Competitions – what is open, the time left, our submission"),
        _("📨 My submissions – status, reviewers' comments, deadlines"),
        _("👤 Profile, 🌐 Language – your details and the language"),
        "",
        _("/checkin 123456 – check in at a seminar with the code shown in the room"),
        _("/results – published competition results"),
        _("/mute, /unmute – turn announcements off or on"),
        _("/cancel – stop what you are doing"),
        _("/mydata – download everything the bot stores about you"),
        _("/deleteme – delete your personal data"),
    ]


def staff(tr: Translator, admin: bool) -> list[str]:
    _ = tr._
    lines = [
        "<b>" + _("Commands for project staff") + "</b>",
        _("/status – what waits for you: registrations, seminars, submissions"),
        _("/pending – registrations waiting for approval"),
        _("/broadcast – send an announcement"),
        _("/broadcasts – past announcements, with delivery per recipient"),
        _("/newseminar – create a seminar and invite members"),
        _("/seminars – seminars: answers, check-in QR, attendance, reports"),
        _("/report 01.11.2026 30.11.2026 – seminar numbers for a period, with an XLSX file"),
        _("/newcompetition – announce a competition"),
        _("/newcluster – make a cluster of municipalities"),
        _("/competitions – competitions: submissions, review, deadlines, results, export"),
        _("/submissions ID – a competition's submissions, by status"),
        _("/exportsubmissions ID – a competition's submissions as XLSX, with a ZIP of files"),
        _("/faq – questions the bot answers, and their answers"),
        _("/staff – project staff"),
        _("/people – find a member, deactivate one who left office, the directory as XLSX"),
        _("/profile – your name, organisation and phone, shown on your decisions"),
        _("/console – open the web console in a browser (a one-time sign-in link)"),
        _("/myid – your Telegram id, for /promote"),
        _("/cancel – stop what you are doing"),
    ]
    if admin:
        lines.append(_("/promote ID [admin] [regions] – make someone a coordinator or admin"))
        lines.append(_("/demote ID – make a coordinator or admin a member again"))
    return lines
