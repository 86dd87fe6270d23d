import unicodedata

import pytest

from search.text import MAX_QUERY_LENGTH, clean_query, exact, fold, normalise


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Khuyến học", "khuyen hoc"),
        ("Đơn vị học tập", "don vi hoc tap"),
        ("ĐOÀN THANH NIÊN", "doan thanh nien"),
        ("Tuần lễ hưởng ứng học tập suốt đời", "tuan le huong ung hoc tap suot doi"),
        ("ậ ế ờ ữ ỷ ặ ồ", "a e o u y a o"),
        ("mà má mả mã mạ ma", "ma ma ma ma ma ma"),
    ],
)
def test_fold_removes_every_mark_and_d_stroke(text, folded):
    assert fold(text) == folded


def test_fold_accepts_decomposed_input():
    assert fold(unicodedata.normalize("NFD", "Khuyến học, Đơn vị")) == "khuyen hoc, don vi"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("Hoà nhập", "Hòa nhập"),
        ("khoẻ", "khỏe"),
        ("Thuỷ", "Thủy"),
        ("uỷ ban", "ủy ban"),
        ("toạ", "tọa"),
    ],
)
def test_old_and_new_tone_placement_normalise_to_one_form(old, new):
    assert normalise(old) == normalise(new)
    assert exact(old) == exact(new.upper())


def test_normalise_keeps_tone_where_both_rules_agree():
    assert normalise("hoàng quý khuyến thuyền") == "hoàng quý khuyến thuyền"


def test_exact_keeps_accents_apart():
    assert len({exact(word) for word in ["mà", "má", "mả", "mã", "mạ", "ma"]}) == 6


def test_normalise_returns_nfc():
    text = normalise(unicodedata.normalize("NFD", "Gia đình học tập"))
    assert text == unicodedata.normalize("NFC", "Gia đình học tập")


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  khuyến   học  ", "khuyến học"),
        ('"khuyến" AND title:(học*) ~2', "khuyến AND title học 2"),
        ("?!... ---", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_query_keeps_only_words(raw, cleaned):
    assert clean_query(raw) == cleaned


def test_clean_query_caps_length():
    assert len(clean_query("học tập " * 500)) <= MAX_QUERY_LENGTH
