from __future__ import annotations

import json

from jtai.ingest import FileKind, read_file, read_folder
from tests.unit.ingest.helpers import AS_OF, write

EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
EPISODES += "HOME_POST,PL_POST,URN\n"


def test_episodes_become_episode_events_with_legal_status_as_code(tmp_path):
    path = write(tmp_path, "Episodes_2026.csv", EPISODES + "C1,01/04/2024,S,C2,N1,U4,PR1,,,,,,\n")
    parsed = read_file(path, as_of=AS_OF)
    assert parsed.kind is FileKind.SSDA903_EPISODES and not parsed.rejected, parsed.issues
    event = parsed.events.to_pylist()[0]
    assert (event["kind"], event["code"], str(event["start_date"])) == (
        "episode",
        "C2",
        "2024-04-01",
    )
    assert json.loads(event["attributes"])["cin"] == "N1"


def test_header_maps_old_sex_codes_and_ignores_unknown_upn_codes(tmp_path):
    body = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,1,01/02/2012,WBRI,UN2,0,\n"
    parsed = read_file(write(tmp_path, "ssda903_header.csv", body), as_of=AS_OF)
    person = parsed.persons.to_pylist()[0]
    assert (person["sex"], person["upn"], person["upn_valid"]) == ("M", None, None)


def test_sdq_score_out_of_range_cites_dfe_rule_180(tmp_path):
    body = "CHILD,DOB,SDQ_SCORE,SDQ_REASON\nC1,01/02/2012,41,\nC2,01/02/2012,17,\n"
    parsed = read_file(write(tmp_path, "ssda903_oc2.csv", body), as_of=AS_OF)
    assert [(i.rule, i.row, i.value) for i in parsed.errors] == [("180", 2, "41")]
    assert json.loads(parsed.events.to_pylist()[1]["attributes"])["sdq_score"] == 17


def test_looked_after_child_of_18_is_queried_across_header_and_episodes(tmp_path):
    write(tmp_path, "ssda903_header.csv", "CHILD,SEX,DOB,ETHNIC,UPN\nC1,M,01/01/2006,WBRI,\n")
    write(tmp_path, "ssda903_episodes.csv", EPISODES + "C1,01/04/2020,S,C2,N1,U4,PR1,,,,,,\n")
    folder = read_folder(tmp_path, as_of=AS_OF)
    episodes = next(f for f in folder.files if f.kind is FileKind.SSDA903_EPISODES)
    assert [i.rule for i in episodes.issues] == ["validate.Q301"]
