from datetime import date

from jtai.core.dates import age_on, months_before, parse_date


def test_age_counts_completed_years_on_the_day():
    assert age_on(date(2010, 6, 15), date(2026, 6, 14)) == 15
    assert age_on(date(2010, 6, 15), date(2026, 6, 15)) == 16


def test_leap_day_birthday_counts_on_first_of_march_in_non_leap_years():
    assert age_on(date(2012, 2, 29), date(2026, 2, 28)) == 13
    assert age_on(date(2012, 2, 29), date(2026, 3, 1)) == 14
    assert age_on(date(2012, 2, 29), date(2028, 2, 29)) == 16


def test_months_before_keeps_the_day_and_clamps_to_a_shorter_month():
    assert months_before(date(2026, 3, 31), 24) == date(2024, 3, 31)
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2024, 2, 29), 24) == date(2022, 2, 28)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


def test_parse_date_reads_iso_and_dfe_forms_and_nothing_else():
    assert parse_date("2026-11-01") == date(2026, 11, 1)
    assert parse_date("01/11/2026") == date(2026, 11, 1)
    for bad in ("", "2026-13-01", "31/02/2026", "1/11/2026", "2026/11/01", "yesterday"):
        assert parse_date(bad) is None
