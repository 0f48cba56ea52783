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
