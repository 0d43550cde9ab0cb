"""The pieces with rules of their own: config checks, callback payloads, phones, search, import."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.accounts.callbacks import ApprovalCb
from bot.accounts.service.steps import clean_text, normalise_phone
from bot.config import ConfigError, load_config
from bot.core.callback_data import CallbackDataError, PickCb
from bot.core.errors import Refusal
from bot.core.places.importer import import_municipalities
from bot.core.places.search import Directory
from bot.db import open_database
from tests.conftest import database_for

PILOT_CSV = Path(__file__).resolve().parent.parent / "data" / "pilot_municipalities.csv"


def test_config_defaults_and_errors_name_the_variable():
    config = load_config({"BOT_TOKEN": "123:abc"})
    assert config.db_path == "./munibot.sqlite3"
    assert config.tz == "Asia/Bishkek" and config.default_lang == "ky"
    assert config.api_base == "https://api.telegram.org/bot"
    assert config.file_base == "https://api.telegram.org/file/bot"
    for env, name in [
        ({"BOT_TOKEN": "nonsense"}, "BOT_TOKEN"),
        ({"MUNIBOT_ADMINS": "12,abc"}, "MUNIBOT_ADMINS"),
        ({"MUNIBOT_TZ": "Mars/Olympus"}, "MUNIBOT_TZ"),
        ({"MUNIBOT_DEFAULT_LANG": "de"}, "MUNIBOT_DEFAULT_LANG"),
        ({"MUNIBOT_API_BASE": "ftp://x"}, "MUNIBOT_API_BASE"),
        ({"MUNIBOT_WEBHOOK_URL": "not a url"}, "MUNIBOT_WEBHOOK_URL"),
    ]:
        with pytest.raises(ConfigError) as caught:
            load_config(env)
        assert str(caught.value).startswith(name)
    assert load_config({"MUNIBOT_ADMINS": " 1, 2 "}).admins == frozenset({1, 2})


def test_callback_payloads_round_trip_and_refuse_forgeries():
    packed = ApprovalCb(user_id=42, submission=2, decision="approve").pack()
    assert packed == "appr2:42:2:approve"
    assert ApprovalCb.unpack(packed) == ApprovalCb(user_id=42, submission=2, decision="approve")
    for forged in ["appr2:42:2:delete", "appr2:x:2:approve", "appr1:42:approve", "appr2:42", ""]:
        with pytest.raises(CallbackDataError):
            ApprovalCb.unpack(forged)
    with pytest.raises(CallbackDataError):
        PickCb(step="region", value="x" * 60).pack()
    with pytest.raises(CallbackDataError):
        PickCb(step="region", value="a:b").pack()


def test_phone_numbers_are_normalised():
    assert normalise_phone("996700123456") == "+996700123456"
    assert normalise_phone("+996 (700) 12-34-56") == "+996700123456"
    assert normalise_phone("0700123456") == "+996700123456"
    assert normalise_phone("+79161234567") == "+79161234567"
    with pytest.raises(Refusal):
        normalise_phone("12")


def test_names_are_trimmed_and_checked():
    assert clean_text("  Асанова   Айгүл  ") == "Асанова Айгүл"
    for bad, code in [("", "name_empty"), ("   ", "name_empty"), ("12345", "name_empty")]:
        with pytest.raises(Refusal) as caught:
            clean_text(bad)
        assert caught.value.code == code
    with pytest.raises(Refusal) as caught:
        clean_text("a" * 101)
    assert caught.value.code == "name_too_long"


async def test_import_is_idempotent_and_reports_refusals(tmp_path):
    db = await open_database(database_for(tmp_path / "d.sqlite3"))
    try:
        first = await import_municipalities(db, PILOT_CSV)
        assert first.added == 22 and not first.refused
        again = await import_municipalities(db, PILOT_CSV)
        assert again.added == 0 and again.unchanged == 22
        bad = tmp_path / "bad.csv"
        bad.write_text(
            "region,district,name_ky,name_ru,name_en,kind\n"
            "Джалал-Абадская область,Suzak,Жаңы,Новый,Jany,aiyl_aimak\n"
            "Atlantis,Suzak,А,Б,C,aiyl_aimak\n"
            "jalal-abad,Nowhere,А,Б,C,aiyl_aimak\n"
            "jalal-abad,suzak,,Б,C,aiyl_aimak\n"
            "jalal-abad,suzak,А,Б,C,village\n",
            encoding="utf-8",
        )
        report = await import_municipalities(db, bad)
        assert report.added == 1
        reasons = [reason for _line, reason in report.refused]
        assert [line for line, _ in report.refused] == [3, 4, 5, 6]
        assert "unknown region" in reasons[0] and "unknown district" in reasons[1]
        assert "empty" in reasons[2] and "kind" in reasons[3]
    finally:
        await db.close()


async def test_search_tolerates_typos_and_latin_spelling(tmp_path):
    db = await open_database(database_for(tmp_path / "s.sqlite3"))
    try:
        await import_municipalities(db, PILOT_CSV)
        directory = Directory(db)
        for query, expected in [
            ("beshik jon", "Beshik-Jon"),
            ("Бешик-Джон", "Beshik-Jon"),
            ("Бешик Жон", "Beshik-Jon"),
            ("teplokluchenka", "Teplokluchenka"),
            ("Теплоключенко", "Teplokluchenka"),
            ("kyzyl suu", "Kyzyl-Suu"),
            ("оргочор", "Orgochor"),
            ("besh", "Beshik-Jon"),
        ]:
            matches = await directory.search(query)
            assert matches and matches[0].place.name_en == expected, (query, matches[:2])
        assert all(m.score < 70 for m in await directory.search("Лондон"))
    finally:
        await db.close()


def test_over_long_broadcast_texts_are_refused_with_both_numbers():
    from bot.core.refusals import refusal_text
    from bot.i18n import translator

    error = Refusal("text_too_long", limit=4096, length=5000)
    text = refusal_text(translator("ru"), error)
    assert "4096" in text and "5000" in text
    caption = refusal_text(translator("ky"), Refusal("caption_too_long", limit=1024, length=1500))
    assert "1024" in caption and "1500" in caption
