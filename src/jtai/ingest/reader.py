"""The public entry points: read one file or a whole folder into ParsedFiles, validated.

    read_file(path, *, as_of) -> ParsedFile
    read_folder(folder, *, as_of) -> FolderRead

Nothing here touches a database: the storage layer loads what these return, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jtai.core.issues import Issue
from jtai.ingest.annex_a import read_annex_a
from jtai.ingest.cin_census import read_cin_census
from jtai.ingest.detect import Detection, detect_file, detect_folder
from jtai.ingest.mapping import read_mapped
from jtai.ingest.model import FileKind, ParsedFile, unreadable
from jtai.ingest.parallel import WorkerReads, offload_plan
from jtai.ingest.partner import SPECS as PARTNER_SPECS
from jtai.ingest.partner import read_partner
from jtai.ingest.ssda903 import SPECS as SSDA903_SPECS
from jtai.ingest.ssda903 import read_ssda903
from jtai.validate.engine import validate_files
from jtai.validate.rules import read as rr


@dataclass
class FolderRead:
    """Every recognised file read, plus what was not: unrecognised files and skipped ones."""

    files: list[ParsedFile]
    unrecognised: list[Issue] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # e.g. population.csv: recognised, not read


def read_detection(detection: Detection) -> ParsedFile | None:
    """Read one detected file into canonical tables, unvalidated; None for a kind with no reader."""
    path, kind = detection.path, detection.kind
    try:
        if kind is FileKind.CIN_CENSUS:
            return read_cin_census(path)
        if kind is FileKind.ANNEX_A:
            return read_annex_a(path)
        if kind is FileKind.MAPPED and detection.mapping is not None:
            return read_mapped(path, detection.mapping)
        if kind in SSDA903_SPECS:
            return read_ssda903(path, kind)
        if kind in PARTNER_SPECS:
            return read_partner(path, kind)
    except Exception as exc:  # last resort: any input gives a rejection, never a traceback
        return unreadable(path, kind, rr.UNREADABLE.issue(path.name, cause=f"unexpected ({exc})"))
    return None


def read_file(path: Path, *, as_of: date, kind: FileKind | None = None) -> ParsedFile:
    """Read and validate one file. An unrecognised file comes back rejected with one issue.

    `kind` skips detection when the caller knows what the file is.
    """
    detection = Detection(path, kind) if kind else detect_file(path)
    if detection.kind is FileKind.POPULATION or detection.kind is None:
        issue = detection.issue or rr.UNRECOGNISED.issue(
            path.name, cause="a population file is reference data, not a partner extract"
        )
        rejected = unreadable(path, None, issue)
        rejected.issues = [rr.UNREADABLE.issue(path.name, cause=issue.message)]
        return rejected
    parsed = read_detection(detection)
    assert parsed is not None  # every non-population kind has a reader
    validate_files([parsed], as_of=as_of)
    return parsed


def read_folder(
    folder: Path, *, as_of: date, progress: Callable[[str, int, int], None] | None = None
) -> FolderRead:
    """Read every file in `folder` (not subfolders) and validate them together.

    `progress(file_name, done, total)` is called once per file, in order, as it is read here or
    handed to the worker process (see `jtai.ingest.parallel`), which reads large Python-bound
    files alongside this process. The result is the same either way.
    """
    result = FolderRead(files=[])
    detections = detect_folder(folder)
    offloaded = WorkerReads(detections, offload_plan(detections), read_detection)
    with offloaded:
        read: dict[int, ParsedFile | None] = {}
        for index, detection in enumerate(detections):
            if progress is not None:
                progress(detection.path.name, index, len(detections))
            if detection.kind is None:
                if detection.issue is not None:
                    result.unrecognised.append(detection.issue)
                continue
            if detection.kind is FileKind.POPULATION:
                result.skipped.append(detection.path.name)
                continue
            read[index] = None if index in offloaded else read_detection(detection)
        for index in read:
            if index in offloaded:
                read[index] = offloaded.result(index)
    result.files = [parsed for parsed in read.values() if parsed is not None]
    validate_files(result.files, as_of=as_of)
    return result
