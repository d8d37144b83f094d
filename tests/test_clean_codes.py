"""Country and language names to ISO codes, and language detection."""

from __future__ import annotations

import pytest

from newsgraph.clean.codes import country_code, language_code
from newsgraph.lang import detect_language


@pytest.mark.parametrize("name, code", [
    ("Thailand", "TH"), ("thailand", "TH"), ("New Zealand", "NZ"), ("United States", "US"),
    ("the United States", "US"), ("United Kingdom", "GB"), ("South Korea", "KR"),
    ("North Korea", "KP"), ("South Africa", "ZA"), ("Russia", "RU"), ("Philippines", "PH"),
    ("the Philippines", "PH"), ("Vietnam", "VN"), ("Czech Republic", "CZ"), ("Taiwan", "TW"),
    ("Hong Kong", "HK"), ("UK", "GB"), ("US", "US"), ("USA", "US"), ("  Sri   Lanka ", "LK"), ("THA", "TH"), ("th", "TH"),
    ("Atlantis", None), ("", None), (None, None), ("Korea Foods", None),
])
def test_country_code(name, code):
    assert country_code(name) == code


@pytest.mark.parametrize("name, code", [
    ("English", "en"), ("en", "en"), ("EN", "en"), ("en-GB", "en"), ("pt_BR", "pt"),
    ("eng", "en"), ("French", "fr"), ("Klingonese", None), ("", None), (None, None),
])
def test_language_code(name, code):
    assert language_code(name) == code


def test_detect_language_on_prefix():
    en = "The ministers met in the capital on Monday and agreed to continue the talks next month."
    es = "Los ministros se reunieron el lunes en la capital y acordaron continuar las conversaciones."
    assert detect_language(en)[0] == "en"
    assert detect_language(es)[0] == "es"
    assert detect_language("Too short.") == (None, 0.0)
    assert detect_language(en * 200)[0] == "en"  # only a prefix is classified


def test_english_word_list_data_file():
    from newsgraph.lang import _english_words

    words = _english_words()
    assert 20 <= len(words) <= 60
    assert all(w == w.lower() and w.isalpha() for w in words)
    assert {"the", "of", "and", "said"} <= words
