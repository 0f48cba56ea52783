from __future__ import annotations

import csv

from jtai.link import LINKS_CSV_COLUMNS, link_persons, write_links_csv

from .conftest import nhs, person, persons


def test_links_csv_has_exactly_the_contract_columns_and_one_row_per_record(tmp_path):
    result = link_persons(
        persons(
            person("health_events", "H1", nhs_number=nhs(1)),
            person("police_events", "P1", nhs_number=nhs(1)),
            person("la_persons", "0300007", la_child_id="0300007"),
            person("school_pupils", "=HYPERLINK(1)"),
        )
    )
    path = tmp_path / "links.csv"
    assert write_links_csv(result, path) == 4
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert (
        tuple(rows[0])
        == LINKS_CSV_COLUMNS
        == ("source", "person_id", "child_key", "la_child_id", "match_probability", "method")
    )
    body = {(r[0], r[1]): r for r in rows[1:]}
    assert body[("health_events", "H1")][4:] == ["1.000000", "deterministic"]
    assert body[("la_persons", "0300007")][3] == "0300007"
    assert ("school_pupils", "'=HYPERLINK(1)") in body  # formula neutralised
    assert body[("school_pupils", "'=HYPERLINK(1)")][4:] == ["", "single"]
