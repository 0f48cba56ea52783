"""Read a folder's Python-bound files in worker processes while this process reads the rest.

The CIN census XML, the Annex A workbook and a mapped workbook are parsed in Python, so each
holds one core for its whole read; the CSVs are read by DuckDB. On a large area (a million
children: about 23 s of the 40 s read) worker processes reading the former while this one reads
the CSVs use the second core of an ordinary laptop. A worker costs a second or two to start (a
fresh interpreter importing the readers), so small folders (tests, the demo) stay in one process.

The worker is started with "spawn", never "fork": DuckDB has started threads in this process by
then, and a forked copy of a threaded process can deadlock. Anything that goes wrong with the
worker (it cannot start, it crashes, a detection or result will not pickle, the pool breaks)
falls back to reading that file here: the worker may make a read faster, never lose one.

A spawned worker first re-imports the main script, as `__mp_main__`, so that anything pickled
from it resolves. A script that calls `read_folder` at its top level, without the
`if __name__ == "__main__":` guard, would so run twice, side effects and all (a second load of
the same folder, say): such a script reads sequentially.

Each Python-bound file gets its own worker, up to the number of CPUs: on two cores the census,
the workbook and DuckDB then share both cores, which finishes sooner than one worker reading the
census and then the workbook while this process waits (1M area, quiet machine: 23 s to 16 s).

`JTAI_READ_WORKERS` caps the workers: 0 or 1 reads everything here, N allows up to N workers.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from types import TracebackType

from jtai.ingest.detect import Detection
from jtai.ingest.model import FileKind, ParsedFile

_log = logging.getLogger(__name__)

# Below this many bytes of census XML (about half a second's read) the worker's start-up and
# the copy of its tables back cost about what it saves.
PARALLEL_MIN_BYTES = 8 * 1024 * 1024
# A workbook byte is about 19 times an XML byte's work (zipped, then parsed cell by cell: 1.1 s
# against 0.06 s a MB, measured on the synthetic 1M area), so a 1 MB Annex A counts as 16 MB.
WORKBOOK_WEIGHT = 16
WORKERS_ENV = "JTAI_READ_WORKERS"

Reader = Callable[[Detection], ParsedFile | None]


def worker_read(detection: Detection) -> ParsedFile | None:
    """What the worker runs: the ordinary reader, imported there (the worker starts empty)."""
    from jtai.ingest.reader import read_detection

    return read_detection(detection)


def python_bound(detection: Detection) -> bool:
    """True for a file whose reader parses it in Python rather than handing it to DuckDB."""
    if detection.kind in (FileKind.CIN_CENSUS, FileKind.ANNEX_A):
        return True
    return (
        detection.kind is FileKind.MAPPED
        and detection.mapping is not None
        and detection.path.suffix.casefold() == ".xlsx"  # a mapped CSV goes to DuckDB
    )


def processes_allowed() -> int:
    """How many processes a read may use: `JTAI_READ_WORKERS` if set, else the usable CPUs.

    A value that is not a whole number reads sequentially: a switch meant to turn something off
    should not turn it on by being misspelt.
    """
    value = os.environ.get(WORKERS_ENV, "").strip()
    if value:
        try:
            return int(value)
        except ValueError:
            return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_MAIN_GUARD = re.compile(r"""__name__\s*==\s*['"]__main__['"]""")


def main_is_safe_to_rerun() -> bool:
    """True when a spawned worker's start-up cannot run the main script's top-level code twice.

    This mirrors what `multiprocessing.spawn.prepare` imports: nothing for an interactive session,
    `python -c` or a notebook (no file), nor for `python -m package` (a `__main__` module); else
    the main file, which is harmless only behind the `__main__` guard (console scripts, manage.py
    and `python -m jtai...` modules all have it).
    """
    main = sys.modules.get("__main__")
    spec_name = getattr(getattr(main, "__spec__", None), "name", None)
    if spec_name is not None and (spec_name == "__main__" or spec_name.endswith(".__main__")):
        return True
    path = getattr(main, "__file__", None)
    if path is None:
        return True
    try:
        return _MAIN_GUARD.search(Path(path).read_text(encoding="utf-8")) is not None
    except (OSError, UnicodeDecodeError):
        return False


def _size(detection: Detection) -> int:
    try:
        return detection.path.stat().st_size
    except OSError:
        return 0


def read_work(detection: Detection) -> int:
    """The file's size in XML-equivalent bytes: a rough measure of its reader's CPU time."""
    weight = WORKBOOK_WEIGHT if detection.path.suffix.casefold() == ".xlsx" else 1
    return _size(detection) * weight


def offload_plan(detections: Sequence[Detection]) -> list[int]:
    """The indices of the detections the worker should read; empty to read all of them here.

    The worker takes the Python-bound files when together they are large enough to pay for its
    start-up and a second CPU is there to run it. If nothing else is left to read here, this
    process keeps the biggest of them (by `read_work`), so the two processes still share the work.
    """
    if processes_allowed() < 2:
        return []
    bound = [i for i, d in enumerate(detections) if python_bound(d)]
    if not bound or sum(read_work(detections[i]) for i in bound) < PARALLEL_MIN_BYTES:
        return []
    rest = [
        d
        for i, d in enumerate(detections)
        if i not in bound and d.kind is not None and d.kind is not FileKind.POPULATION
    ]
    if not rest:
        bound.remove(max(bound, key=lambda i: read_work(detections[i])))
    if bound and not main_is_safe_to_rerun():
        _log.info("the main script has no __main__ guard; reading in one process")
        return []
    return bound


class WorkerReads:
    """Reads handed to worker processes, each read here instead if its worker fails it.

    Use as a context manager around the rest of the folder's reading: entering submits every
    offloaded file (the worker reads them in turn while this process reads its own), `result`
    waits for one, and leaving shuts the worker down.
    """

    def __init__(self, detections: Sequence[Detection], indices: Sequence[int], read: Reader):
        self._detections = detections
        self._indices = list(indices)
        self._read = read
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[int, Future[ParsedFile | None]] = {}

    def __contains__(self, index: int) -> bool:
        return index in self._indices

    def __enter__(self) -> WorkerReads:
        if not self._indices:
            return self
        try:
            self._pool = ProcessPoolExecutor(
                max_workers=min(len(self._indices), processes_allowed()),
                mp_context=multiprocessing.get_context("spawn"),
            )
            for index in self._indices:
                self._futures[index] = self._pool.submit(worker_read, self._detections[index])
        except Exception:  # e.g. a daemonic process may not have children: read here
            _log.warning("could not start a worker process; reading in this one", exc_info=True)
        return self

    def result(self, index: int) -> ParsedFile | None:
        """The worker's read of detection `index`, or this process's if the worker failed."""
        detection = self._detections[index]
        future = self._futures.pop(index, None)
        if future is not None:
            try:
                parsed = future.result()
            except Exception:  # a crash, a pickling error, a broken pool: never lose the file
                _log.warning(
                    "the worker process failed to read %s; reading it here",
                    detection.path.name,
                    exc_info=True,
                )
            else:
                _log.debug("read %s in a worker process", detection.path.name)
                return parsed
        return self._read(detection)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
