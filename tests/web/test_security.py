"""Sign-in hardening: second factor, lockout, session limits, content security policy."""

import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from jtai.access.middleware import SEEN, STARTED
from jtai.access.two_factor import current_code
from tests.conftest import sign_in_verified


def _password_only(client, username, password):
    return client.post(reverse("sign-in"), {"username": username, "password": password})


def test_signed_in_user_without_second_factor_cannot_reach_any_area_page(client, area, make_member):
    _user, password = make_member("anil", area=area, roles=["la_analyst"])
    _password_only(client, "anil", password)
    response = client.get(reverse("data-loads", args=[area.code]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two-factor"))


def test_a_wrong_code_is_refused_with_an_error(client, area, make_member):
    _user, password = make_member("anil", area=area)
    _password_only(client, "anil", password)
    client.get(reverse("two-factor"))
    response = client.post(reverse("two-factor"), {"code": "000000"})
    html = response.content.decode()
    assert "govuk-error-summary" in html and "The code is not right" in html
    assert client.get(reverse("home")).status_code == 302


def test_second_sign_in_asks_for_a_code_not_a_new_setup(client, area, make_member):
    _user, password = make_member("anil", area=area)
    _password_only(client, "anil", password)
    client.get(reverse("two-factor"))
    device = TOTPDevice.objects.get(user__username="anil")
    client.post(reverse("two-factor"), {"code": current_code(device)})
    client.post(reverse("sign-out"))
    _password_only(client, "anil", password)
    html = client.get(reverse("two-factor")).content.decode()
    assert "Enter the code from your authenticator app" in html and "<svg" not in html


def test_two_factor_next_never_redirects_to_another_site(client, area, make_member):
    _user, password = make_member("anil", area=area)
    _password_only(client, "anil", password)
    client.get(reverse("two-factor"))
    device = TOTPDevice.objects.get(user__username="anil")
    response = client.post(
        reverse("two-factor"), {"code": current_code(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response.url == "/"


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, area, make_member):
    _user, password = make_member("anil", area=area)
    for _ in range(5):
        _password_only(client, "anil", "wrong-password")
    response = _password_only(client, "anil", password)
    assert response.status_code == 429
    assert "locked for 15 minutes" in response.content.decode()


def test_idle_for_more_than_thirty_minutes_signs_the_user_out_and_says_why(
    client, area, make_member
):
    user, _ = make_member("anil", area=area)
    sign_in_verified(client, user)
    session = client.session
    session[SEEN] = time.time() - 31 * 60
    session.save()
    response = client.get(reverse("home"), follow=True)
    html = response.content.decode()
    assert "30 minutes without activity" in html
    assert client.get(reverse("home")).status_code == 302


def test_the_absolute_session_limit_signs_out_an_active_user(client, area, make_member):
    user, _ = make_member("anil", area=area)
    sign_in_verified(client, user)
    session = client.session
    session[STARTED] = time.time() - 11 * 60 * 60
    session.save()
    response = client.get(reverse("home"), follow=True)
    assert "signed in for 10 hours" in response.content.decode()


def test_pages_carry_the_idle_timeout_warning_for_signed_in_users(client, area, make_member):
    user, _ = make_member("anil", area=area)
    sign_in_verified(client, user)
    html = client.get(reverse("home")).content.decode()
    assert 'data-idle-timeout="1800"' in html and 'id="timeout-warning"' in html


def test_keep_alive_answers_no_content_to_the_script(client, area, make_member):
    user, _ = make_member("anil", area=area)
    sign_in_verified(client, user)
    response = client.post(reverse("session-keep-alive"), HTTP_X_CSRFTOKEN="x")
    assert response.status_code == 204


def test_every_page_sends_a_strict_content_security_policy_with_a_nonce(client, db):
    response = client.get(reverse("sign-in"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    assert html.count(f'nonce="{nonce}"') == 2


@pytest.mark.django_db
def test_access_log_entries_can_be_neither_changed_nor_deleted(area):
    from jtai.access.log import record_access
    from jtai.access.models import AppendOnlyError

    entry = record_access(actor="cli:tester", area=area, action="view", what="child", via="test")
    entry.what = "something else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        type(entry).objects.all().delete()
    with pytest.raises(AppendOnlyError):
        type(entry).objects.update(what="rewritten")


def test_passwords_are_hashed_with_argon2():
    from jtai.web import settings as configured

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
