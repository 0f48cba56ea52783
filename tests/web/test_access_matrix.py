"""Every URL, requested as every kind of user: allowed or refused as the access model says.

A new URL fails `test_every_url_is_in_the_matrix` until its row is added here, so nothing ships
without a decision about who may see it.
"""

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jtai.records.services import record_load
from tests.conftest import sign_in_verified
from tests.integration.records.test_record_load import FakeRead, _events, _persons

PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed_in"  # any signed-in user
ROLES = ("partnership_admin", "la_analyst", "agency_auditor", "moderator", "executive", "inspector")

# url name -> who may GET it (PUBLIC, SIGNED_IN, or the roles that may, in their own area)
MATRIX: dict[str, object] = {
    "home": SIGNED_IN,
    "sign-in": PUBLIC,
    "health": PUBLIC,
    "accessibility": PUBLIC,
    "two-factor": SIGNED_IN,
    "session-timed-out": PUBLIC,
    "session-keep-alive": "post-only",
    "sign-out": "post-only",
    "cohort": {"partnership_admin", "la_analyst", "moderator", "inspector"},
    "child": {"partnership_admin", "la_analyst", "moderator", "inspector"},
    "link-review": {"partnership_admin", "la_analyst"},
    "link-review-pair": {"partnership_admin", "la_analyst"},
    "data-loads": {"partnership_admin", "la_analyst"},
    "data-load-files": {"partnership_admin", "la_analyst"},
    "data-load": {"partnership_admin", "la_analyst"},
    "data-load-issues-csv": {"partnership_admin", "la_analyst"},
}


def _names(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _names(entry, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name


AREA_URLS = {
    "cohort",
    "child",
    "link-review",
    "link-review-pair",
    "data-loads",
    "data-load",
    "data-load-issues-csv",
    "data-load-files",
}


def test_every_url_is_in_the_matrix():
    assert set(_names()) == set(MATRIX)


@pytest.fixture
def world(area, make_member):
    """Our area with one user per role, another area with its own analyst and load."""
    from jtai.areas.services import ensure_area

    other, _ = ensure_area("E06000002", "Otherton")
    ours = record_load(
        area, FakeRead("a" * 64, _persons("P1"), _events("P1")), as_of=date(2026, 11, 1), actor="t"
    ).load
    theirs = record_load(
        other, FakeRead("b" * 64, _persons("Q1"), _events("Q1")), as_of=date(2026, 11, 1), actor="t"
    ).load
    users = {
        role: make_member(role.replace("_", "."), area=area, roles=[role])[0] for role in ROLES
    }
    pairs = {a.code: _linked(a) for a in (area, other)}
    return {
        "area": area,
        "other": other,
        "load": ours,
        "other_load": theirs,
        "users": users,
        "pairs": pairs,
    }


def _linked(area):
    """One linked child and one pair to review in the area (records P1/Q1 from the loads)."""
    from jtai.links.models import ChildLink, LinkRun, ReviewPair

    run = LinkRun.objects.create(area=area, actor="t", trigger="test")
    person = "P1" if area.code == "E06000001" else "Q1"
    ChildLink.objects.create(
        area=area,
        run=run,
        record_key=f"police_events:{person}",
        source="police_events",
        person_id=person,
        child_key=f"CKEY{area.code}",
        method="single",
    )
    return ReviewPair.objects.create(
        area=area,
        run=run,
        record_key_l=f"police_events:{person}",
        record_key_r="x:y",
        match_weight=1.0,
        match_probability=0.5,
    )


def _url(name, area, load, pair=None):
    args = {
        "cohort": [area.code],
        "child": [area.code, f"CKEY{area.code}"],
        "link-review": [area.code],
        "link-review-pair": [area.code, pair.pk if pair else 0],
        "data-loads": [area.code],
        "data-load-files": [area.code],
        "data-load": [area.code, load.pk],
        "data-load-issues-csv": [area.code, load.pk],
    }.get(name, [])
    return reverse(name, args=args)


def _expected(rule, role):
    if rule == PUBLIC:
        return "ok"
    if rule == "post-only":
        return "post-only"
    if role is None:
        return "sign-in"
    if rule == SIGNED_IN or role in rule:
        return "ok"
    return "refused"


def _outcome(response):
    if response.status_code == 405:
        return "post-only"
    if response.status_code == 302 and "/sign-in/" in response.url:
        return "sign-in"
    if response.status_code in (403, 404):
        return "refused"
    if response.status_code in (200, 302):
        return "ok"
    return f"status {response.status_code}"


@pytest.mark.parametrize("role", [None, *ROLES])
def test_each_role_gets_exactly_what_the_matrix_allows(client, world, role):
    if role:
        sign_in_verified(client, world["users"][role])
    wrong = []
    for name, rule in MATRIX.items():
        if name == "session-timed-out":
            continue  # it signs the user out; covered in test_security
        url = _url(name, world["area"], world["load"], world["pairs"][world["area"].code])
        got = _outcome(client.get(url))
        want = _expected(rule, role)
        if got != want:
            wrong.append((name, want, got))
    assert not wrong


@pytest.mark.parametrize("role", ROLES)
def test_ids_from_another_area_in_a_url_are_refused(client, world, role):
    sign_in_verified(client, world["users"][role])
    other = world["other"]
    for name in MATRIX:
        if name not in AREA_URLS:
            continue
        url = _url(name, other, world["other_load"], world["pairs"][other.code])
        assert client.get(url).status_code == 404, (name, role)
    # Our area's code with the other area's child or pair: still refused.
    for name, arg in (
        ("child", f"CKEY{other.code}"),
        ("link-review-pair", world["pairs"][other.code].pk),
    ):
        response = client.get(reverse(name, args=[world["area"].code, arg]))
        assert response.status_code in (403, 404), (name, role)
    # Our area's code with the other area's load id: still refused.
    mixed = client.get(reverse("data-load", args=[world["area"].code, world["other_load"].pk]))
    assert mixed.status_code in (403, 404)
