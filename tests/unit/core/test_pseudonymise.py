from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from jtai.core.pseudonymise import month_of, postcode_sector, pseudonym


def test_the_same_salt_gives_the_same_pseudonym_and_another_salt_another():
    assert pseudonym(b"a", "9434765919") == pseudonym(b"a", "9434765919")
    assert pseudonym(b"a", "9434765919") != pseudonym(b"b", "9434765919")
    assert "9434765919" not in (pseudonym(b"a", "9434765919") or "")


def test_blank_values_stay_blank():
    assert pseudonym(b"a", None) is None and pseudonym(b"a", "") is None


def test_date_of_birth_becomes_its_month():
    assert month_of(date(2013, 4, 2)) == "2013-04" and month_of(None) is None


def test_postcode_becomes_its_sector_with_any_spacing():
    assert postcode_sector("ab1 2cd") == "AB1 2"
    assert postcode_sector("SW1A1AA") == "SW1A 1"
    assert postcode_sector("not a postcode") is None and postcode_sector(None) is None


@given(st.text(max_size=12))
def test_postcode_sector_never_raises(text):
    assert postcode_sector(text) is None or " " in postcode_sector(text)
