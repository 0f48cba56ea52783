"""The cohort table's rows, written in Python: a city's cohort is a thousand rows or more, and the
template engine takes several times longer than plain string building to render them.

The HTML is the same as the template loop it replaces would give, escaped the same way.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date

from django.urls import reverse
from django.utils.safestring import SafeString

from jtai.cohort import CohortChild

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.\-]+")
_PLACEHOLDER = "child-key-placeholder"
_MENTAL_HEALTH = {"diagnosed": "Diagnosed", "living_with": "Living with"}
_ROW = (
    '<tr class="govuk-table__row">'
    '<th scope="row" class="govuk-table__header">'
    '<a class="govuk-link" href="{}?as_of={}">{}</a></th>'
    '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
    '<td class="govuk-table__cell">{}</td>'
    '<td class="govuk-table__cell">{}</td>'
    '<td class="govuk-table__cell">{}</td>'
    '<td class="govuk-table__cell govuk-body-s">{}</td>'
    '<td class="govuk-table__cell govuk-body-s">{}</td>'
    "</tr>\n"
)
_AT_RISK = '<strong class="govuk-tag govuk-tag--red app-nowrap">At risk</strong>'


def child_path(area_code: str, child_key: str, template: str | None = None) -> str:
    """The child page's path; `template` (the path with a placeholder key) skips URL reversing
    for a plain key, the common case."""
    if template is not None and _PLAIN_KEY.fullmatch(child_key):
        return template.replace(_PLACEHOLDER, child_key)
    return reverse("child", args=[area_code, child_key])


def _escaped(value: object) -> str:
    """As Django escapes a value in a template (`html.escape` of its text)."""
    return html.escape(str(value))


def _joined(values: Sequence[object]) -> str:
    return ", ".join(html.escape(str(v)) for v in values)


def cohort_rows(
    area_code: str, as_of: date, rows: Sequence[tuple[CohortChild, Sequence[str]]]
) -> SafeString:
    """One table row per (child, agency labels), in the order given."""
    template = reverse("child", args=[area_code, _PLACEHOLDER])
    day = as_of.strftime("%Y-%m-%d")
    html_rows = [
        _ROW.format(
            _escaped(child_path(area_code, child.child_key, template)),
            day,
            _escaped(child.la_child_id),
            _escaped(child.age),
            _escaped(child.legal_status),
            _MENTAL_HEALTH.get(child.mh_category, "Early signs"),
            _AT_RISK if child.at_risk else "No",
            _joined(child.indicator_names),
            _joined(agencies),
        )
        for child, agencies in rows
    ]
    return SafeString("".join(html_rows))  # every value escaped above
