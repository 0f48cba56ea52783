from hypothesis import given
from hypothesis import strategies as st

from jtai.core.identifiers import (
    is_valid_nhs_number,
    is_valid_upn,
    nhs_check_digit,
    upn_check_letter,
)


def test_nhs_number_with_correct_check_digit_is_valid_with_or_without_spaces():
    assert is_valid_nhs_number("9434765919")
    assert is_valid_nhs_number("943 476 5919")


def test_nhs_number_with_wrong_check_digit_is_invalid():
    assert not is_valid_nhs_number("9434765918")


def test_nhs_number_whose_check_would_be_ten_is_never_valid():
    # 000000010x: weighted sum 2*1=2 -> 11 - 2 = 9; find a nine-digit stem that gives 10 instead.
    stem = next(f"{n:09d}" for n in range(1000) if nhs_check_digit(f"{n:09d}") is None)
    assert all(not is_valid_nhs_number(stem + str(d)) for d in range(10))


def test_blank_short_or_non_numeric_nhs_numbers_are_invalid():
    for value in (None, "", "   ", "943476591", "94347659190", "94347659AB"):
        assert not is_valid_nhs_number(value)


@given(st.text(max_size=20))
def test_nhs_check_never_raises_on_any_text(text):
    assert is_valid_nhs_number(text) in (True, False)


def test_upn_check_letter_matches_the_published_method():
    # Body "820200101001": weights 2..13 over the twelve characters, sum mod 23 -> letter.
    body = "820200101001"
    total = sum(int(c) * w for c, w in zip(body, range(2, 14), strict=True))
    assert upn_check_letter(body) == "ABCDEFGHJKLMNPQRTUVWXYZ"[total % 23]
    assert is_valid_upn(upn_check_letter(body) + body)


def test_upn_with_wrong_check_letter_is_invalid():
    body = "820200101001"
    right = upn_check_letter(body)
    wrong = next(c for c in "ABCDEFGHJKLMNPQRTUVWXYZ" if c != right)
    assert not is_valid_upn(wrong + body)


def test_temporary_upn_ending_in_a_letter_is_checked_with_the_letters_index():
    body = "82020010100A"
    assert is_valid_upn(upn_check_letter(body) + body)


@given(st.text(max_size=20))
def test_upn_check_never_raises_on_any_text(text):
    assert is_valid_upn(text) in (True, False)
