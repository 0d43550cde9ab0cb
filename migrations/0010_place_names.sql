-- Place names as the translation review of December 2026 found them: the two cities capitalised
-- like the oblasts beside them in a list, and Жайылский район in its official spelling.
UPDATE regions SET name_ru = 'Город Бишкек' WHERE code = 'bishkek';
UPDATE regions SET name_ru = 'Город Ош' WHERE code = 'osh-city';
UPDATE districts SET name_ru = 'Город Ош' WHERE code = 'osh-city/osh-city';
UPDATE districts SET name_ru = 'Жайылский район' WHERE code = 'chui/jayil';
