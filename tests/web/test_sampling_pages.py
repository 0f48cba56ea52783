"""The sampling pages on a small synthetic area: draw, swap (check and confirm), save, case pack."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jtai.access.models import AccessEvent
from jtai.selections.models import Selection, Status, Swap
from tests.conftest import remove_everything, sign_in_verified
from tests.integration.test_sampling_run import AS_OF, build_area

CODE = "E06000072"


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    from jtai.access.services import create_member

    with django_db_blocker.unblock():
        area = build_area(tmp_path_factory, CODE)
        users = {
            role: create_member(
                username=f"{role}.sample", password="x" * 12, area=area, agency=agency, roles=[role]
            )
            for role, agency in (
                ("la_analyst", "local_authority"),
                ("inspector", "inspectorate"),
                ("executive", "partnership"),
            )
        }
        yield {"area": area, "users": users}
        remove_everything()


def _as(client, loaded, role="la_analyst"):
    sign_in_verified(client, loaded["users"][role])
    return client


def _draw(client, **overrides):
    data = {
        "as_of_day": AS_OF.day,
        "as_of_month": AS_OF.month,
        "as_of_year": AS_OF.year,
        "tracked": "6",
        "sampled": "2",
        "seed": "7",
        **overrides,
    }
    return client.post(reverse("sample-draw", args=[CODE]), data)


def test_drawing_shows_the_tracked_children_with_their_reasons(client, db, loaded):
    response = _draw(_as(client, loaded))
    selection = Selection.objects.get(area=loaded["area"])
    assert response.status_code == 302 and str(selection.pk) in response.url
    html = client.get(response.url).content.decode()
    assert html.count("tracked: covers") >= 1 and "Sampled children" in html
    assert "Save as the audit list" in html
    assert AccessEvent.objects.filter(action="view", what=f"selection {selection.pk}").exists()


def test_tracking_more_than_seven_is_refused_with_an_error_summary(client, db, loaded):
    response = _draw(_as(client, loaded), tracked="8")
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert not Selection.objects.exists()


def test_a_swap_is_checked_then_confirmed_and_recorded(client, db, loaded):
    _draw(_as(client, loaded))
    selection = Selection.objects.get()
    out = selection.current().filter(role="sampled").first()
    url = reverse("sample-swap", args=[CODE, selection.pk, out.child_key])
    page = client.get(url).content.decode()
    choice = page.split('<option value="')[2].split('"')[0]  # the first real child
    check = client.post(url, {"replacement": choice, "reason": "Family moved away"})
    assert "Check the swap" in check.content.decode()
    assert not Swap.objects.exists()
    done = client.post(
        url, {"replacement": choice, "reason": "Family moved away", "confirm": "yes"}
    )
    assert done.status_code == 302
    swap = Swap.objects.get()
    assert (swap.out_child.child_key, swap.in_child.child_key) == (out.child_key, choice)
    assert "Family moved away" in client.get(done.url).content.decode()


def test_saving_the_audit_list_marks_the_selection_and_hides_the_swap_links(client, db, loaded):
    _draw(_as(client, loaded))
    selection = Selection.objects.get()
    client.post(reverse("sample-save", args=[CODE, selection.pk]))
    selection.refresh_from_db()
    assert selection.status == Status.AUDIT_LIST
    html = client.get(reverse("sample-selection", args=[CODE, selection.pk])).content.decode()
    assert "The audit list" in html and ">Swap<" not in html


def test_the_case_pack_shows_each_agency_id_but_no_name_or_postcode(client, db, loaded):
    _draw(_as(client, loaded))
    selection = Selection.objects.get()
    tracked = selection.current().filter(role="tracked").first()
    html = client.get(
        reverse("sample-pack", args=[CODE, selection.pk, tracked.child_key])
    ).content.decode()
    assert tracked.la_child_id in html and "Multi-agency chronology" in html
    assert "Postcode" not in html and "Date of birth" not in html
    assert AccessEvent.objects.filter(
        action="view", what="case pack", child_key=tracked.child_key
    ).exists()


def test_the_case_pack_pdf_downloads_tagged_and_is_logged(client, db, loaded):
    _draw(_as(client, loaded))
    selection = Selection.objects.get()
    tracked = selection.current().filter(role="tracked").first()
    response = client.get(reverse("sample-pack-pdf", args=[CODE, selection.pk, tracked.child_key]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and b"/StructTreeRoot" in response.content
    assert AccessEvent.objects.filter(action="export", child_key=tracked.child_key).exists()


def test_a_sampled_child_has_no_case_pack(client, db, loaded):
    _draw(_as(client, loaded))
    selection = Selection.objects.get()
    sampled = selection.current().filter(role="sampled").first()
    url = reverse("sample-pack", args=[CODE, selection.pk, sampled.child_key])
    assert client.get(url).status_code == 404


def test_an_inspector_sees_a_selection_but_cannot_draw_or_swap(client, db, loaded):
    _draw(_as(client, loaded))
    selection = Selection.objects.get()
    client.logout()
    _as(client, loaded, "inspector")
    html = client.get(reverse("sample-selection", args=[CODE, selection.pk])).content.decode()
    assert "tracked: covers" in html and "Save as the audit list" not in html
    assert client.get(reverse("sample-draw", args=[CODE])).status_code == 403


def test_the_csv_download_has_role_and_reason_columns(client, db, loaded):
    _draw(_as(client, loaded))
    selection = Selection.objects.get()
    response = client.get(reverse("sample-selection-csv", args=[CODE, selection.pk]))
    header = response.content.decode().splitlines()[0]
    assert header == "position,role,la_child_id,child_key,reason"
    assert AccessEvent.objects.filter(action="export", rows=8).exists()
