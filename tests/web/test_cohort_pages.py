"""Cohort, child and link-review pages over a small synthetic area loaded and linked once."""

import csv
from datetime import date

import pytest
from django.urls import reverse

from jtai.access.models import AccessEvent
from jtai.links.models import ChildLink, LinkDecision, LinkRun, ReviewPair
from tests.conftest import remove_everything, sign_in_verified

AS_OF = date(2026, 11, 1)
CODE = "E06000077"


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """A 3,000-child synthetic area, loaded and linked, with its expected cohort."""
    from jtai.access.services import create_member
    from jtai.areas.models import Area
    from jtai.runs import load_folder
    from jtai.synth import generate_area

    folder = tmp_path_factory.mktemp("cohort-area")
    generate_area(folder, 3000, 21, AS_OF)
    with (folder / "_truth" / "cohort.csv").open(encoding="utf-8") as handle:
        truth = {row["la_child_id"]: row for row in csv.DictReader(handle)}
    with django_db_blocker.unblock():
        load_folder(folder, area_code=CODE, area_name="Cohortshire", as_of=AS_OF, actor="test")
        area = Area.objects.get(code=CODE)
        users = {
            role: create_member(
                username=f"{role}.cohort", password="x" * 12, area=area, agency=agency, roles=[role]
            )
            for role, agency in (
                ("la_analyst", "local_authority"),
                ("executive", "partnership"),
                ("agency_auditor", "health"),
            )
        }
        yield {"area": area, "truth": truth, "users": users, "folder": folder}
        remove_everything()


def _analyst(client, loaded):
    sign_in_verified(client, loaded["users"]["la_analyst"])
    return client


def test_cohort_page_lists_exactly_the_expected_children(client, db, loaded):
    assert loaded["truth"], "the synthetic area should have a cohort"
    html = (
        _analyst(client, loaded)
        .get(reverse("cohort", args=[CODE]), {"as_of": AS_OF.isoformat()})
        .content.decode()
    )
    for la_child_id in loaded["truth"]:
        assert f">{la_child_id}</a>" in html
    assert f"{len(loaded['truth'])} of {len(loaded['truth'])} children" in html


def test_cohort_filter_by_legal_status_keeps_only_that_status(client, db, loaded):
    statuses = {row["legal_status"] for row in loaded["truth"].values()}
    status = sorted(statuses)[0]
    html = (
        _analyst(client, loaded)
        .get(reverse("cohort", args=[CODE]), {"as_of": AS_OF.isoformat(), "legal_status": status})
        .content.decode()
    )
    for la_child_id, row in loaded["truth"].items():
        shown = f">{la_child_id}</a>" in html
        assert shown == (row["legal_status"] == status)


def _a_cohort_child(loaded):
    la_child_id = sorted(loaded["truth"])[0]
    link = ChildLink.objects.filter(area=loaded["area"], la_child_id=la_child_id).first()
    return la_child_id, link.child_key


def test_child_page_explains_scope_and_shows_every_agencys_records(client, db, loaded):
    la_child_id, key = _a_cohort_child(loaded)
    html = (
        _analyst(client, loaded)
        .get(reverse("child", args=[CODE, key]), {"as_of": AS_OF.isoformat()})
        .content.decode()
    )
    expected = loaded["truth"][la_child_id]
    assert "Why this child is in scope" in html
    for indicator in expected["indicators"].split(";"):
        assert f"<code>{indicator}</code>" in html
    assert 'class="moj-timeline"' in html
    assert "file cin_census.xml" in html or "file annex_a.xlsx" in html
    records = ChildLink.objects.filter(area=loaded["area"], child_key=key).count()
    assert html.count('class="govuk-table__row"') >= records


def _scope_section(html):
    return html.split("Why this child is in scope", 1)[1].split("Who the child is", 1)[0]


def test_child_page_takes_the_childs_place_from_the_kept_cohort_without_selecting_again(
    client, db, loaded, monkeypatch
):
    from jtai.runs import cohort as runs_cohort
    from jtai.runs import cohort_cache

    _la, key = _a_cohort_child(loaded)
    client = _analyst(client, loaded)
    cohort_cache.clear()
    fresh = client.get(reverse("child", args=[CODE, key]), {"as_of": AS_OF.isoformat()})
    client.get(reverse("cohort", args=[CODE]), {"as_of": AS_OF.isoformat()})  # keeps the cohort

    def no_selecting(*args, **kwargs):
        raise AssertionError("the child page selected the cohort again")

    monkeypatch.setattr(runs_cohort, "select_cohort", no_selecting)
    kept = client.get(reverse("child", args=[CODE, key]), {"as_of": AS_OF.isoformat()})
    assert kept.status_code == 200
    assert _scope_section(kept.content.decode()) == _scope_section(fresh.content.decode())


def test_child_page_without_a_kept_cohort_selects_from_the_childs_own_records(
    client, db, loaded, monkeypatch
):
    from jtai.runs import cohort as runs_cohort
    from jtai.runs import cohort_cache

    la_child_id, key = _a_cohort_child(loaded)
    calls = []
    real = runs_cohort.select_cohort

    def counting(tables, *args, **kwargs):
        calls.append(tables.persons.num_rows)
        return real(tables, *args, **kwargs)

    monkeypatch.setattr(runs_cohort, "select_cohort", counting)
    cohort_cache.clear()
    html = (
        _analyst(client, loaded)
        .get(reverse("child", args=[CODE, key]), {"as_of": AS_OF.isoformat()})
        .content.decode()
    )
    assert len(calls) == 1
    assert 0 < calls[0] < 100  # this child's records only, not the area's 3,000 children's
    for indicator in loaded["truth"][la_child_id]["indicators"].split(";"):
        assert f"<code>{indicator}</code>" in html


def test_child_chronology_is_newest_first_and_filters_by_agency(client, db, loaded):
    _la, key = _a_cohort_child(loaded)
    client = _analyst(client, loaded)
    html = client.get(
        reverse("child", args=[CODE, key]), {"as_of": AS_OF.isoformat()}
    ).content.decode()
    dates = [chunk.split('"')[0] for chunk in html.split('<time datetime="')[1:]]
    starts = dates[::1]
    assert starts == sorted(starts, reverse=True) or len(set(starts)) > 1
    only = client.get(
        reverse("child", args=[CODE, key]),
        {"as_of": AS_OF.isoformat(), "agency": "local_authority"},
    ).content.decode()
    assert "Children&#x27;s social care" in only or "Children's social care" in only
    assert "Referral to CAMHS" not in only


def test_looking_at_the_cohort_and_a_child_is_written_to_the_access_log(client, db, loaded):
    _la, key = _a_cohort_child(loaded)
    client = _analyst(client, loaded)
    client.get(reverse("cohort", args=[CODE]))
    client.get(reverse("child", args=[CODE, key]))
    user = loaded["users"]["la_analyst"]
    actions = list(AccessEvent.objects.filter(user=user).values_list("action", "what", "child_key"))
    assert ("search", "cohort", "") in actions and ("view", "child", key) in actions


@pytest.mark.parametrize("role", ["executive", "agency_auditor"])
def test_roles_without_need_to_know_cannot_see_the_cohort_or_a_child(client, db, loaded, role):
    _la, key = _a_cohort_child(loaded)
    sign_in_verified(client, loaded["users"][role])
    assert client.get(reverse("cohort", args=[CODE])).status_code == 403
    assert client.get(reverse("child", args=[CODE, key])).status_code == 403


def test_a_child_key_from_nowhere_is_not_found(client, db, loaded):
    response = _analyst(client, loaded).get(reverse("child", args=[CODE, "CNOTACHILD"]))
    assert response.status_code == 404


def test_review_pair_shows_both_records_and_a_decision_relinks(client, db, loaded):
    pair = ReviewPair.objects.filter(area=loaded["area"]).first()
    if pair is None:
        pytest.skip("linkage was sure about every pair in this area")
    client = _analyst(client, loaded)
    page = client.get(reverse("link-review-pair", args=[CODE, pair.pk])).content.decode()
    assert "Are these the same child?" in page and "How each field moved the match weight" in page
    runs_before = LinkRun.objects.filter(area=loaded["area"]).count()
    response = client.post(
        reverse("link-review-pair", args=[CODE, pair.pk]), {"same": "no", "reason": "checked"}
    )
    assert response.status_code == 302
    decision = LinkDecision.objects.get(area=loaded["area"])
    assert decision.same is False and decision.decided_by == loaded["users"]["la_analyst"]
    assert LinkRun.objects.filter(area=loaded["area"]).count() == runs_before + 1
    assert LinkRun.objects.filter(area=loaded["area"]).first().trigger == "review"


def test_front_door_page_lists_contacts_and_referrals_with_timeliness(client, db, loaded):
    html = (
        _analyst(client, loaded)
        .get(reverse("front-door", args=[CODE]), {"as_of": AS_OF.isoformat()})
        .content.decode()
    )
    assert "Median days to decision" in html
    assert "contacts and referrals" in html or "No contact or referral" in html
