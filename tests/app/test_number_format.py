"""Numbers, vectors, points and counted words are written one way, per language (tui.numbers)."""

from __future__ import annotations

import pytest

from tui.glyphs import glyphs
from tui.i18n import Catalog
from tui.numbers import Numbers

EN, DE = Catalog("en").numbers, Catalog("de").numbers


def test_a_true_minus_sign_and_the_languages_decimal_mark():
    assert (EN.num(-0.125, 3), DE.num(-0.125, 3)) == ("−0.125", "−0,125")
    assert (EN.num(2.5, 1), DE.num(2.5, 1)) == ("2.5", "2,5")
    assert EN.num(-0.004, 2) == "0.00"  # no minus in front of a rounded zero


def test_ascii_terminals_get_a_hyphen_minus(monkeypatch):
    monkeypatch.setattr(glyphs, "unicode", False)
    assert DE.num(-1.5, 1) == "-1,5"
    assert EN.signed(-0.12) == "- 0.12"
    assert Catalog("de")("app.counter", scene=-1, scenes=2, step=1, steps=3).startswith("Szene -1/")


def test_short_drops_only_trailing_zeros():
    assert [EN.short(v) for v in (-1.0, 0.5, 0.126, 10.0)] == ["−1", "0.5", "0.13", "10"]
    assert DE.short(0.1, 3) == "0,1"


def test_powers_of_ten_keep_the_decimal_mark_and_minus():
    assert EN.sci(5.5e11) == "5.5e+11"
    assert DE.sci(-1.25e-5, 2) == "−1,25e−05"


def test_large_whole_numbers_are_grouped_without_a_mark_either_language_misreads():
    assert EN.whole(1_234_567) == DE.whole(1_234_567) == "1 234 567"
    assert EN.whole(9999) == "9999" and EN.whole(-12) == "−12"


@pytest.mark.parametrize(("value", "expected"), [(0.12, "+ 0.12"), (-0.12, "− 0.12"), (-0.001, "+ 0.00")])
def test_a_term_in_a_sum_never_reads_plus_minus(value, expected):
    assert EN.signed(value) == expected


def test_negative_factors_after_a_times_sign_are_in_parentheses():
    assert (EN.factor(-0.5, 1), EN.factor(0.5, 1), EN.factor(-0.001)) == ("(−0.5)", "0.5", "0.00")


def test_german_vectors_use_semicolons_and_points_a_bar():
    assert EN.vector([0.5, -1.25]) == "(0.50, −1.25)"
    assert DE.vector([0.5, -1.25, 2]) == "(0,50; −1,25; 2,00)"
    assert EN.point(1, -2, 1) == "(1.0, −2.0)"
    assert DE.point(1, -2, 1) == "(1,0 | −2,0)"


def test_the_marks_come_from_the_catalogs():
    assert Catalog("de").numbers == Numbers(decimal=",", separator="; ", point_separator=" | ")


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("en", 1, "1 wrong label"), ("en", 0, "0 wrong labels"), ("en", 3, "3 wrong labels"),
    ("de", 1, "1 falsches Label"), ("de", 2, "2 falsche Labels"), ("de", 0, "0 falsche Labels"),
])
def test_counted_words_agree_with_their_number(lang, n, expected):
    assert expected in Catalog(lang)("loss.summary", wrong=n, n=10, threshold="0.5", weight="1")
