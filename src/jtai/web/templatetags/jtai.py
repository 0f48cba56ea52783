"""Small template filters the GOV.UK templates need."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def label(key: Any, labels: Mapping[str, str]) -> str:
    """`{{ code|label:labels }}`: the human label for a code, or the code itself."""
    if key is None:
        return ""
    return labels.get(key) or labels.get(str(key)) or str(key)
