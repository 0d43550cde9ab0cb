-- Reference data: Kyrgyzstan's regions and districts.
-- 7 oblasts and 2 cities of republican significance (Bishkek, Osh), with all 40 raions of
-- the oblasts, Bishkek's 4 city districts and one entry standing for Osh city itself.
-- Source: the official administrative-territorial division of the Kyrgyz Republic (SOATE),
-- as of 2024, written down from knowledge rather than imported from a file. The 2024
-- administrative-territorial reform merged aiyl aimaks and widened some cities but did not
-- change the list of raions. Cities of regional significance (Karakol, Jalal-Abad, Naryn,
-- Talas, Batken, ...) are not listed as districts.

-- Regions -----------------------------------------------------------------------------------

INSERT INTO regions (code, kind, name_ky, name_ru, name_en) VALUES ('batken', 'oblast', 'Баткен облусу', 'Баткенская область', 'Batken Region');
INSERT INTO regions (code, kind, name_ky, name_ru, name_en) VALUES ('chui', 'oblast', 'Чүй облусу', 'Чуйская область', 'Chui Region');
INSERT INTO regions (code, kind, name_ky, name_ru, name_en) VALUES ('issyk-kul', 'oblast', 'Ысык-Көл облусу', 'Иссык-Кульская область', 'Issyk-Kul Region');
INSERT INTO regions (code, kind, name_ky, name_ru, name_en) VALUES ('jalal-abad', 'oblast', 'Жалал-Абад облусу', 'Джалал-Абадская область', 'Jalal-Abad Region');
INSERT INTO regions (code, kind, name_ky, name_ru, name_en) VALUES ('naryn', 'oblast', 'Нарын облусу', 'Нарынская область', 'Naryn Region');
INSERT INTO regions (code, kind, name_ky, name_ru, name_en) VALUES ('osh', 'oblast', 'Ош облусу', 'Ошская область', 'Osh Region');
INSERT INTO regions (code, kind, name_ky, name_ru, name_en) VALUES ('talas', 'oblast', 'Талас облусу', 'Таласская область', 'Talas Region');
INSERT INTO regions (code, kind, name_ky, name_ru, name_en) VALUES ('bishkek', 'city', 'Бишкек шаары', 'город Бишкек', 'Bishkek City');
INSERT INTO regions (code, kind, name_ky, name_ru, name_en) VALUES ('osh-city', 'city', 'Ош шаары', 'город Ош', 'Osh City');

-- Batken Region (3) -------------------------------------------------------------------------

INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'batken/batken', 'Баткен району', 'Баткенский район', 'Batken District' FROM regions WHERE code = 'batken';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'batken/kadamjai', 'Кадамжай району', 'Кадамжайский район', 'Kadamjai District' FROM regions WHERE code = 'batken';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'batken/leilek', 'Лейлек району', 'Лейлекский район', 'Leilek District' FROM regions WHERE code = 'batken';

-- Chui Region (8) ---------------------------------------------------------------------------

INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'chui/alamudun', 'Аламүдүн району', 'Аламудунский район', 'Alamudun District' FROM regions WHERE code = 'chui';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'chui/chui', 'Чүй району', 'Чуйский район', 'Chui District' FROM regions WHERE code = 'chui';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'chui/jayil', 'Жайыл району', 'Жайыльский район', 'Jayil District' FROM regions WHERE code = 'chui';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'chui/kemin', 'Кемин району', 'Кеминский район', 'Kemin District' FROM regions WHERE code = 'chui';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'chui/moskva', 'Москва району', 'Московский район', 'Moskva District' FROM regions WHERE code = 'chui';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'chui/panfilov', 'Панфилов району', 'Панфиловский район', 'Panfilov District' FROM regions WHERE code = 'chui';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'chui/sokuluk', 'Сокулук району', 'Сокулукский район', 'Sokuluk District' FROM regions WHERE code = 'chui';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'chui/ysyk-ata', 'Ысык-Ата району', 'Ысык-Атинский район', 'Ysyk-Ata District' FROM regions WHERE code = 'chui';

-- Issyk-Kul Region (5) ----------------------------------------------------------------------

INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'issyk-kul/ak-suu', 'Ак-Суу району', 'Ак-Суйский район', 'Ak-Suu District' FROM regions WHERE code = 'issyk-kul';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'issyk-kul/issyk-kul', 'Ысык-Көл району', 'Иссык-Кульский район', 'Issyk-Kul District' FROM regions WHERE code = 'issyk-kul';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'issyk-kul/jeti-oguz', 'Жети-Өгүз району', 'Джети-Огузский район', 'Jeti-Oguz District' FROM regions WHERE code = 'issyk-kul';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'issyk-kul/ton', 'Тоң району', 'Тонский район', 'Ton District' FROM regions WHERE code = 'issyk-kul';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'issyk-kul/tup', 'Түп району', 'Тюпский район', 'Tup District' FROM regions WHERE code = 'issyk-kul';

-- Jalal-Abad Region (8) ---------------------------------------------------------------------

INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'jalal-abad/aksy', 'Аксы району', 'Аксыйский район', 'Aksy District' FROM regions WHERE code = 'jalal-abad';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'jalal-abad/ala-buka', 'Ала-Бука району', 'Ала-Букинский район', 'Ala-Buka District' FROM regions WHERE code = 'jalal-abad';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'jalal-abad/bazar-korgon', 'Базар-Коргон району', 'Базар-Коргонский район', 'Bazar-Korgon District' FROM regions WHERE code = 'jalal-abad';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'jalal-abad/chatkal', 'Чаткал району', 'Чаткальский район', 'Chatkal District' FROM regions WHERE code = 'jalal-abad';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'jalal-abad/nooken', 'Ноокен району', 'Ноокенский район', 'Nooken District' FROM regions WHERE code = 'jalal-abad';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'jalal-abad/suzak', 'Сузак району', 'Сузакский район', 'Suzak District' FROM regions WHERE code = 'jalal-abad';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'jalal-abad/toguz-toro', 'Тогуз-Торо району', 'Тогуз-Тороуский район', 'Toguz-Toro District' FROM regions WHERE code = 'jalal-abad';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'jalal-abad/toktogul', 'Токтогул району', 'Токтогульский район', 'Toktogul District' FROM regions WHERE code = 'jalal-abad';

-- Naryn Region (5) --------------------------------------------------------------------------

INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'naryn/ak-talaa', 'Ак-Талаа району', 'Ак-Талинский район', 'Ak-Talaa District' FROM regions WHERE code = 'naryn';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'naryn/at-bashy', 'Ат-Башы району', 'Ат-Башинский район', 'At-Bashy District' FROM regions WHERE code = 'naryn';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'naryn/jumgal', 'Жумгал району', 'Жумгальский район', 'Jumgal District' FROM regions WHERE code = 'naryn';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'naryn/kochkor', 'Кочкор району', 'Кочкорский район', 'Kochkor District' FROM regions WHERE code = 'naryn';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'naryn/naryn', 'Нарын району', 'Нарынский район', 'Naryn District' FROM regions WHERE code = 'naryn';

-- Osh Region (7) ----------------------------------------------------------------------------

INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'osh/alai', 'Алай району', 'Алайский район', 'Alai District' FROM regions WHERE code = 'osh';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'osh/aravan', 'Араван району', 'Араванский район', 'Aravan District' FROM regions WHERE code = 'osh';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'osh/chon-alai', 'Чоң-Алай району', 'Чон-Алайский район', 'Chon-Alai District' FROM regions WHERE code = 'osh';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'osh/kara-kulja', 'Кара-Кулжа району', 'Кара-Кульджинский район', 'Kara-Kulja District' FROM regions WHERE code = 'osh';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'osh/kara-suu', 'Кара-Суу району', 'Кара-Суйский район', 'Kara-Suu District' FROM regions WHERE code = 'osh';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'osh/nookat', 'Ноокат району', 'Ноокатский район', 'Nookat District' FROM regions WHERE code = 'osh';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'osh/ozgon', 'Өзгөн району', 'Узгенский район', 'Ozgon (Uzgen) District' FROM regions WHERE code = 'osh';

-- Talas Region (4) --------------------------------------------------------------------------

INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'talas/bakai-ata', 'Бакай-Ата району', 'Бакай-Атинский район', 'Bakai-Ata District' FROM regions WHERE code = 'talas';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'talas/kara-buura', 'Кара-Буура району', 'Кара-Бууринский район', 'Kara-Buura District' FROM regions WHERE code = 'talas';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'talas/manas', 'Манас району', 'Манасский район', 'Manas District' FROM regions WHERE code = 'talas';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'talas/talas', 'Талас району', 'Таласский район', 'Talas District' FROM regions WHERE code = 'talas';

-- Bishkek City (4 city districts) -----------------------------------------------------------

INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'bishkek/lenin', 'Ленин району', 'Ленинский район', 'Lenin District' FROM regions WHERE code = 'bishkek';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'bishkek/oktyabr', 'Октябрь району', 'Октябрьский район', 'Oktyabr District' FROM regions WHERE code = 'bishkek';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'bishkek/pervomay', 'Биринчи Май району', 'Первомайский район', 'Pervomay District' FROM regions WHERE code = 'bishkek';
INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'bishkek/sverdlov', 'Свердлов району', 'Свердловский район', 'Sverdlov District' FROM regions WHERE code = 'bishkek';

-- Osh City (no raions: one entry standing for the city) -------------------------------------

INSERT INTO districts (region_id, code, name_ky, name_ru, name_en) SELECT id, 'osh-city/osh-city', 'Ош шаары', 'город Ош', 'Osh City' FROM regions WHERE code = 'osh-city';
