"""The analytical core stays plain Python: no Django, web, CLI or Django apps."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("django", "jtai.web", "jtai.cli", "jtai.records", "jtai.runs", "jtai.areas",
             "jtai.access")  # fmt: skip


def test_cohort_package_imports_no_django_or_interfaces():
    code = (
        "import sys, jtai.cohort; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] == 'django' or m.startswith({FORBIDDEN!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
