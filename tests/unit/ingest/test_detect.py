from __future__ import annotations

from jtai.ingest import FileKind, detect_file, detect_folder, read_folder
from tests.unit.ingest.helpers import AS_OF, cin_child, cin_xml, write


def test_la_chosen_names_are_recognised_by_content(tmp_path):
    ep = write(tmp_path, "Episodes_2026.csv", "CHILD,DECOM,RNE,LS\nC1,01/04/2024,S,C2\n")
    cin = write(tmp_path, "return.xml", cin_xml(cin_child("C1", "")))
    ev = write(
        tmp_path,
        "extract.csv",
        "person_id,event_id,event_type,event_date\nP1,E1,s136_detention,2025-01-01\n",
    )
    assert [detect_file(p).kind for p in (ep, cin, ev)] == [
        FileKind.SSDA903_EPISODES,
        FileKind.CIN_CENSUS,
        FileKind.POLICE_EVENTS,
    ]


def test_unrecognised_file_gets_a_warning_and_is_not_read(tmp_path):
    write(tmp_path, "notes.txt", "hello")
    folder = read_folder(tmp_path, as_of=AS_OF)
    assert folder.files == [] and [i.rule for i in folder.unrecognised] == ["ingest.W001"]


def test_underscore_subfolders_and_population_are_skipped(tmp_path):
    (tmp_path / "_truth").mkdir()
    write(tmp_path / "_truth", "la_persons.csv", "person_id\nP1\n")
    write(tmp_path, "population.csv", "age,sex,population\n10,F,1000\n")
    folder = read_folder(tmp_path, as_of=AS_OF)
    assert folder.skipped == ["population.csv"] and folder.files == []
    assert [d.kind for d in detect_folder(tmp_path)] == [FileKind.POPULATION]


def test_unreadable_xml_named_like_census_goes_to_its_reader(tmp_path):
    path = write(tmp_path, "cin_census.xml", "<Message><Children>")
    assert detect_file(path).kind is FileKind.CIN_CENSUS
