"""Loaded with `-p tests._env` before Django starts: tests never touch a real data directory."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("JTAI_DATA_DIR", tempfile.mkdtemp(prefix="jtai-test-data-"))
