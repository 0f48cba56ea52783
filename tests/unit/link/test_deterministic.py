from __future__ import annotations

from jtai.link import link_persons

from .conftest import bad_nhs, child_of, nhs, person, persons


def test_records_sharing_a_valid_nhs_number_are_one_child_deterministically():
    result = link_persons(
        persons(
            person("health_events", "H1", nhs_number=nhs(1), forename="Amy"),
            person("police_events", "P1", nhs_number=nhs(1), forename="Zara"),
        )
    )
    keys = child_of(result)
    assert keys["health_events:H1"] == keys["police_events:P1"]
    assert set(result.assignments["method"].to_pylist()) == {"deterministic"}
    assert result.assignments["match_probability"].to_pylist() == [1.0, 1.0]


def test_a_bad_nhs_number_never_links():
    result = link_persons(
        persons(
            person("health_events", "H1", nhs_number=bad_nhs(7)),
            person("police_events", "P1", nhs_number=bad_nhs(7)),
        )
    )
    keys = child_of(result)
    assert keys["health_events:H1"] != keys["police_events:P1"]
    assert set(result.assignments["method"].to_pylist()) == {"single"}


def test_an_invalid_upn_is_not_a_key_but_a_valid_one_is():
    result = link_persons(
        persons(
            person("school_pupils", "S1", upn="F999012345678"),
            person("yjs_cases", "Y1", upn="F999012345678"),
            person("school_pupils", "S2", upn="X123"),
            person("yjs_cases", "Y2", upn="X123"),
        )
    )
    keys = child_of(result)
    assert keys["school_pupils:S1"] == keys["yjs_cases:Y1"]
    assert keys["school_pupils:S2"] != keys["yjs_cases:Y2"]


def test_a_child_known_to_health_police_and_school_but_not_social_care_is_one_child():
    result = link_persons(
        persons(
            person("health_events", "H1", nhs_number=nhs(3)),
            person("school_pupils", "S1", nhs_number=nhs(3), upn="C999000000001"),
            person("police_events", "P1", upn="C999000000001"),
        )
    )
    assert len(set(child_of(result).values())) == 1
    assert result.assignments["la_child_id"].to_pylist() == [None, None, None]


def test_partner_record_with_la_child_id_takes_the_la_child():
    result = link_persons(
        persons(
            person("la_persons", "0300007", la_child_id="0300007", forename="Leo"),
            person("cin_census", "0300007", la_child_id="0300007"),
            person("early_help", "EH1", la_child_id="0300007"),
            person("police_events", "P9", nhs_number=nhs(9)),
        )
    )
    la = dict(
        zip(
            result.assignments["record_key"].to_pylist(),
            result.assignments["la_child_id"].to_pylist(),
            strict=True,
        )
    )
    assert la["early_help:EH1"] == "0300007"
    assert la["cin_census:0300007"] == "0300007"
    assert la["police_events:P9"] is None
