"""Shared fixtures. The data directory is a temporary one (see tests/_env.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def area(db):
    from jtai.areas.services import ensure_area

    created, _ = ensure_area("E06000001", "Testshire Safeguarding Partnership")
    return created


@pytest.fixture
def make_member(db):
    """Make a user in an area with an agency and roles; returns (user, password)."""
    from jtai.access.services import create_member

    def make(username="sam", *, area, agency="local_authority", roles=("la_analyst",), **kw):
        password = "correct-horse-battery-9"
        user = create_member(
            username=username, password=password, area=area, agency=agency, roles=list(roles), **kw
        )
        return user, password

    return make


def sign_in_verified(client, user):
    """Sign `user` in on the test client with a confirmed authenticator, as after two factors."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def signed_in(client):
    """Sign a user in on the test client, second factor included: `signed_in(user)`."""

    def sign_in(user):
        sign_in_verified(client, user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is slow on purpose; tests that are not about hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def remove_everything():
    """Module fixtures commit a loaded area; this removes every row so later tests start clean."""
    from django.apps import apps
    from django.db import connection

    tables = [model._meta.db_table for model in apps.get_models()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
            return
        cursor.execute("PRAGMA foreign_keys = OFF")
        for table in tables:
            cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608
        cursor.execute("PRAGMA foreign_keys = ON")
