"""The cohort table rows built in Python are the HTML the template loop gave, escaped the same."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.template import engines

from jtai.cohort import CohortChild
from jtai.cohort.select import Evidence
from jtai.web.views.cohort_rows import child_path, cohort_rows

AS_OF = date(2026, 11, 1)
TEMPLATE_LOOP = """{% for child, agencies in children %}
<tr class="govuk-table__row">
  <th scope="row" class="govuk-table__header"><a class="govuk-link" href="{% url 'child' code child.child_key %}?as_of={{ as_of|date:'Y-m-d' }}">{{ child.la_child_id }}</a></th>
  <td class="govuk-table__cell govuk-table__cell--numeric">{{ child.age }}</td>
  <td class="govuk-table__cell">{{ child.legal_status }}</td>
  <td class="govuk-table__cell">{% if child.mh_category == "diagnosed" %}Diagnosed{% elif child.mh_category == "living_with" %}Living with{% else %}Early signs{% endif %}</td>
  <td class="govuk-table__cell">{% if child.at_risk %}<strong class="govuk-tag govuk-tag--red app-nowrap">At risk</strong>{% else %}No{% endif %}</td>
  <td class="govuk-table__cell govuk-body-s">{{ child.indicator_names|join:", " }}</td>
  <td class="govuk-table__cell govuk-body-s">{{ agencies|join:", " }}</td>
</tr>
{% endfor %}"""  # the cohort template's loop before the rows moved to Python


def _evidence(name: str) -> Evidence:
    return Evidence(name, "early_signs", "event", "police_events", "r1", None, "police", AS_OF)


def _child(key: str, la_child_id: str, category: str, at_risk: bool) -> CohortChild:
    return CohortChild(
        la_child_id=la_child_id,
        child_key=key,
        age=12,
        dob=None,
        sex=None,
        ethnicity=None,
        forename=None,
        surname=None,
        legal_status="CP",
        legal_status_record=None,  # type: ignore[arg-type]
        mh_category=category,
        at_risk=at_risk,
        at_risk_reasons=(),
        indicators=(_evidence("self_harm"), _evidence("<b>odd & name</b>")),
        agencies=("police",),
        latest_sdq=None,
        sdq_reason=None,
        camhs_status=None,
        camhs_referral_date=None,
        camhs_days_waiting=None,
    )


def _squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize(
    "key", ["c-0001", "key with space", "ünïcode"], ids=["plain", "space", "unicode"]
)
def test_rows_match_what_the_template_loop_rendered(key):
    rows = [
        (_child(key, "LA<1>", "diagnosed", True), ["Police", "Health & care"]),
        (_child("c-0002", "LA2", "living_with", False), []),
        (_child("c-0003", "LA3", "early_signs", False), ["Schools"]),
    ]
    expected = (
        engines["django"]
        .from_string(TEMPLATE_LOOP)
        .render({"children": rows, "code": "E09000099", "as_of": AS_OF})
    )
    assert _squeezed(cohort_rows("E09000099", AS_OF, rows)) == _squeezed(expected)


def test_child_path_reverses_the_url_for_a_key_that_is_not_plain():
    template = child_path("E09000099", "child-key-placeholder")
    assert child_path("E09000099", "a b", template) == "/areas/E09000099/children/a%20b/"
    assert child_path("E09000099", "ab-1", template) == "/areas/E09000099/children/ab-1/"
