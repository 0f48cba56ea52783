"""Every URL, requested as every kind of user: allowed or refused as the access model says.

A new URL fails `test_every_url_is_in_the_matrix` until its row is added here, so nothing ships
without a decision about who may see it.
"""

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jtai.access.models import AccessEvent
from jtai.records.services import record_load
from tests.conftest import sign_in_verified
from tests.integration.records.test_record_load import FakeRead, _events, _persons

PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed_in"  # any signed-in user
ROLES = ("partnership_admin", "la_analyst", "agency_auditor", "moderator", "executive", "inspector")

READINESS = {"partnership_admin", "la_analyst", "moderator", "executive", "inspector"}

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
    "front-door": {"partnership_admin", "la_analyst", "moderator", "inspector"},
    "link-review": {"partnership_admin", "la_analyst"},
    "link-review-pair": {"partnership_admin", "la_analyst"},
    "access-log": {"partnership_admin"},
    "access-log-csv": {"partnership_admin"},
    "data-loads": {"partnership_admin", "la_analyst"},
    "data-load-files": {"partnership_admin", "la_analyst"},
    "data-load": {"partnership_admin", "la_analyst"},
    "data-load-issues-csv": {"partnership_admin", "la_analyst"},
    "sample-list": {"partnership_admin", "la_analyst", "moderator", "inspector"},
    "sample-draw": {"partnership_admin", "la_analyst"},
    "sample-selection": {"partnership_admin", "la_analyst", "moderator", "inspector"},
    "sample-selection-csv": {"partnership_admin", "la_analyst", "moderator", "inspector"},
    "sample-save": "post-only",
    "sample-swap": {"partnership_admin", "la_analyst"},
    "sample-pack": {"partnership_admin", "la_analyst", "moderator", "inspector"},
    "sample-pack-pdf": {"partnership_admin", "la_analyst", "moderator", "inspector"},
    # Case audit: the agency auditor is assigned to the local_authority part of the audit.
    "audit-list": {"partnership_admin", "la_analyst", "moderator", "inspector", "agency_auditor"},
    "audit-create": {"partnership_admin", "la_analyst"},
    "audit-local-questions": {"partnership_admin", "la_analyst"},
    "audit-actions-tracker": {
        "partnership_admin",
        "la_analyst",
        "agency_auditor",
        "moderator",
        "executive",
    },
    "audit": {"partnership_admin", "la_analyst", "moderator", "inspector", "agency_auditor"},
    "audit-story": {"partnership_admin", "la_analyst", "moderator"},
    "audit-assign": {"partnership_admin", "la_analyst"},
    "audit-question": {"agency_auditor"},
    "audit-voice": {"agency_auditor"},
    "audit-review-check": {
        "partnership_admin",
        "la_analyst",
        "moderator",
        "inspector",
        "agency_auditor",
    },
    "audit-moderate": {"partnership_admin", "moderator"},
    "audit-sign-off": {"partnership_admin", "moderator"},
    "audit-action-add": {"partnership_admin", "la_analyst", "moderator", "agency_auditor"},
    "audit-action-close": {"partnership_admin", "la_analyst", "moderator", "agency_auditor"},
    "audit-pdf": {"partnership_admin", "la_analyst", "moderator", "inspector"},
    "audit-docx": {"partnership_admin", "la_analyst", "moderator", "inspector"},
    # Readiness: aggregates for the executive group; the children behind a measure need SEE_CHILDREN.
    "readiness": READINESS,
    "readiness-cell": READINESS,
    "measures": READINESS,
    "measure-children": {"partnership_admin", "la_analyst", "moderator", "inspector"},
    "needs": READINESS,
    "letter": READINESS,
    "letter-docx": READINESS,
    "letter-pdf": READINESS,
    "overview": READINESS,
    "overview-docx": READINESS,
    "overview-pdf": READINESS,
}


def _names(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _names(entry, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name


AREA_URLS = {
    "readiness-cell",
    "access-log",
    "access-log-csv",
    "cohort",
    "child",
    "link-review",
    "link-review-pair",
    "data-loads",
    "data-load",
    "data-load-issues-csv",
    "data-load-files",
    "audit-list",
    "audit-create",
    "audit-local-questions",
    "audit-actions-tracker",
    "audit",
    "audit-story",
    "audit-assign",
    "audit-question",
    "audit-voice",
    "audit-review-check",
    "audit-moderate",
    "audit-sign-off",
    "audit-action-add",
    "audit-action-close",
    "audit-pdf",
    "audit-docx",
    "readiness",
    "measures",
    "measure-children",
    "needs",
    "letter",
    "letter-docx",
    "letter-pdf",
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


SAMPLE_CHILD = "CKEY-SAMPLE"


def _sample(area):
    """The id of a draft selection in `area` with one tracked child (made once per area)."""
    from jtai.sampling import Chosen, Draw
    from jtai.selections.models import Selection
    from jtai.selections.services import record_selection

    found = Selection.objects.filter(area=area).first()
    if found is None:
        chosen = Chosen(SAMPLE_CHILD, "LA-SAMPLE", "tracked", "tracked: covers CP", 1)
        draw = Draw(7, 6, 0, 1, (chosen,), (), (), ())
        found = record_selection(
            area,
            draw,
            as_of=date(2026, 11, 1),
            definition_name="jtai-mh-2019",
            definition_version="1",
            actor="test",
        )
    return found.pk


def _audit(area):
    """(audit id, action id) of an audit in `area`, its local_authority part assigned to the
    area's agency auditor if it has one (made once per area)."""
    from jtai.access.models import User
    from jtai.auditing import load_framework
    from jtai.audits.models import Audit
    from jtai.audits.services import ChildPlan, add_action, create_audit

    found = Audit.objects.filter(area=area).first()
    if found is None:
        auditor = User.objects.filter(username="agency.auditor", membership__area=area).first()
        found = create_audit(
            area,
            child_key=f"CKEY{area.code}",
            la_child_id="LA-AUDIT",
            role="tracked",
            plan=ChildPlan(agencies=["local_authority"], story="A story."),
            framework=load_framework(),
            auditors={"local_authority": [auditor] if auditor else []},
            actor="test",
        )
        add_action(
            found,
            description="Review the plan",
            owner_name="Team manager",
            agency="local_authority",
            due_date=date(2026, 12, 1),
            actor="test",
        )
    return found.pk, found.actions.get().pk


def _url(name, area, load, pair=None):
    args = {
        "cohort": [area.code],
        "front-door": [area.code],
        "child": [area.code, f"CKEY{area.code}"],
        "link-review": [area.code],
        "link-review-pair": [area.code, pair.pk if pair else 0],
        "access-log": [area.code],
        "readiness-cell": [area.code, "health", "JTAI-MH-01"],
        "access-log-csv": [area.code],
        "data-loads": [area.code],
        "data-load-files": [area.code],
        "data-load": [area.code, load.pk],
        "data-load-issues-csv": [area.code, load.pk],
        "sample-list": [area.code],
        "sample-draw": [area.code],
        "sample-selection": [area.code, _sample(area)],
        "sample-selection-csv": [area.code, _sample(area)],
        "sample-save": [area.code, _sample(area)],
        "sample-swap": [area.code, _sample(area), SAMPLE_CHILD],
        "sample-pack": [area.code, _sample(area), SAMPLE_CHILD],
        "sample-pack-pdf": [area.code, _sample(area), SAMPLE_CHILD],
        "readiness": [area.code],
        "measures": [area.code],
        "measure-children": [area.code, "cohort-size"],
        "needs": [area.code],
        "letter": [area.code],
        "letter-docx": [area.code],
        "letter-pdf": [area.code],
    }.get(name)
    if args is None and name.startswith("audit"):
        audit, action = _audit(area)
        args = {
            "audit-list": [area.code],
            "audit-create": [area.code],
            "audit-local-questions": [area.code],
            "audit-actions-tracker": [area.code],
            "audit-question": [area.code, audit, "local_authority", "JTAI-MH-01"],
            "audit-voice": [area.code, audit, "local_authority"],
            "audit-review-check": [area.code, audit, "local_authority"],
            "audit-action-close": [area.code, audit, action],
        }.get(name, [area.code, audit])
    return reverse(name, args=args or [])


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


# Pages and exports that show child-level data: every allowed request must leave an access log
# entry (a page that only lists audits or selections by number is not child-level).
CHILD_LEVEL = {
    "cohort",
    "child",
    "front-door",
    "link-review-pair",
    "data-load",
    "data-load-issues-csv",
    "sample-selection",
    "sample-selection-csv",
    "sample-pack",
    "sample-pack-pdf",
    "audit",
    "audit-pdf",
    "audit-docx",
    "measure-children",
}


@pytest.mark.parametrize("role", [None, *ROLES])
def test_each_role_gets_exactly_what_the_matrix_allows(client, world, role):
    if role:
        sign_in_verified(client, world["users"][role])
    wrong = []
    for name, rule in MATRIX.items():
        if name == "session-timed-out":
            continue  # it signs the user out; covered in test_security
        url = _url(name, world["area"], world["load"], world["pairs"][world["area"].code])
        logged = AccessEvent.objects.count()
        response = client.get(url)
        got = _outcome(response)
        want = _expected(rule, role)
        if got != want:
            wrong.append((name, want, got))
        elif (
            name in CHILD_LEVEL
            and response.status_code == 200
            and AccessEvent.objects.count() == logged
        ):
            wrong.append((name, "an access log entry", "none"))
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
