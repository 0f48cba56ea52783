"""gunicorn configuration for the web app: several workers, each warming its cohort cache.

`jtai serve --workers N` runs gunicorn with it; a deployment that starts gunicorn itself gets the
same with `gunicorn -c python:jtai.web.server jtai.web.wsgi:application`.

Selecting a city's cohort takes seconds (`jtai.runs.cohort_cache`), and every worker process
keeps its own copy, so each worker computes it in a background thread as soon as it starts: people
who open the cohort page meanwhile wait for that computation instead of starting another.
"""

from __future__ import annotations

import logging
import threading
from datetime import date
from typing import Any

logger = logging.getLogger(__name__)

# gunicorn reads these module-level names when started with -c python:jtai.web.server.
timeout = 120
graceful_timeout = 30
# Longer than a person's (or the load test's) pause between pages, so a kept-alive connection is
# not closed by the server just as the browser sends its next request on it.
keepalive = 5


def warm_cohorts(today: date) -> None:
    """Compute the cohorts pages are likely to ask for first (run in a worker's own thread)."""
    from django.db import connections

    from jtai.runs.cohort_cache import warm

    try:
        computed = warm(today=today)
        logger.info("Cohort cache warmed: %d cohorts", computed)
    except Exception:  # a page computes it on demand instead; never stop the worker
        logger.exception("Warming the cohort cache failed")
    finally:
        connections.close_all()


def post_worker_init(worker: Any) -> None:
    """gunicorn hook: once the worker has loaded the app, import the pages' modules (two threads
    importing the same modules at once can see them half-initialised) and start warming."""
    from django.urls import get_resolver

    import jtai.runs.cohort_cache  # noqa: F401

    get_resolver().url_patterns  # noqa: B018 - imports every view module now, in this thread
    threading.Thread(
        target=warm_cohorts, args=(date.today(),), name="jtai-cohort-warmup", daemon=True
    ).start()
