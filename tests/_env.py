"""Loaded with `-p tests._env` before Django starts: tests never touch a real data directory."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("JTAI_DATA_DIR", tempfile.mkdtemp(prefix="jtai-test-data-"))
# A PostgreSQL test database of this run's own (SQLite tests use memory anyway).
os.environ.setdefault("JTAI_TEST_DB_NAME", f"test_jtai_{os.getpid()}")
