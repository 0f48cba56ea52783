from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from jtai.areas.services import ensure_area
from tests.conftest import sign_in_verified


def test_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("sign-in"))


def test_sign_in_page_uses_the_govuk_template_with_a_skip_link(client, db):
    response = client.get(reverse("sign-in"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-template' in html
    assert 'href="#main-content"' in html
    assert "JTAI readiness" in html


def test_member_signs_in_with_password_then_authenticator_and_sees_their_area(
    client, area, make_member
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from jtai.access.two_factor import current_code

    _user, password = make_member("hana", area=area, agency="health", roles=["agency_auditor"])
    setup = client.post(reverse("sign-in"), {"username": "hana", "password": password}, follow=True)
    assert "Set up your authenticator app" in setup.content.decode()
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user__username="hana")
    home = client.post(
        reverse("two-factor"), {"code": current_code(device), "next": "/"}, follow=True
    )
    html = home.content.decode()
    assert area.code in html and area.name in html
    assert "Health" in html and "Agency auditor" in html


def test_wrong_password_shows_the_error_summary_and_an_error_title(client, area, make_member):
    make_member("hana", area=area)
    response = client.post(reverse("sign-in"), {"username": "hana", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "<title>Error:" in html


def test_a_member_never_sees_another_area(client, area, make_member):
    other, _ = ensure_area("E06000002", "Otherton Partnership")
    user, _ = make_member("sam", area=area)
    sign_in_verified(client, user)
    html = client.get(reverse("home")).content.decode()
    assert area.code in html
    assert other.code not in html


def test_an_expired_inspector_account_sees_no_area(client, area, make_member):
    user, _ = make_member(
        "ines",
        area=area,
        agency="inspectorate",
        roles=["inspector"],
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    sign_in_verified(client, user)
    html = client.get(reverse("home")).content.decode()
    assert area.code not in html


def test_sign_out_needs_a_post_and_ends_the_session(client, area, make_member):
    user, _ = make_member("sam", area=area)
    sign_in_verified(client, user)
    assert client.get(reverse("sign-out")).status_code == 405
    client.post(reverse("sign-out"))
    assert client.get(reverse("home")).status_code == 302


def test_health_check_answers_without_signing_in(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200 and response.content == b"ok"


def test_static_assets_are_served_from_our_own_origin(client, db):
    html = client.get(reverse("sign-in")).content.decode()
    assert "/static/jtai/app.css" in html
    assert "cdn" not in html.lower()


def test_analyst_home_page_links_to_the_areas_data(client, area, make_member):
    user, _ = make_member("anil", area=area, roles=["la_analyst"])
    sign_in_verified(client, user)
    html = client.get(reverse("home")).content.decode()
    assert reverse("data-loads", args=[area.code]) in html


def test_agency_auditor_home_page_has_no_data_link(client, area, make_member):
    user, _ = make_member("hana", area=area, agency="health", roles=["agency_auditor"])
    sign_in_verified(client, user)
    html = client.get(reverse("home")).content.decode()
    assert reverse("data-loads", args=[area.code]) not in html
