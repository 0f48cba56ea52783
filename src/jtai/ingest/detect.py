"""Recognise each file in a partnership's folder by its content first, its name second.

Content decides (a CSV's header columns, the XML root element, a workbook's sheet names) so that
LA-chosen names such as `Episodes_2026.csv` work. The name breaks ties and, when the content cannot
be read at all, still routes the file to its reader so the rejection names the real cause (bad
encoding, truncated XML) instead of "not recognised".
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from jtai.core.canonical import Source
from jtai.core.issues import Issue
from jtai.ingest.model import SOURCE_OF_KIND, FileKind
from jtai.ingest.partner import EVENT_TYPE_CODES, IDENTITY
from jtai.validate.rules import read as rr

K = FileKind
MAPPING_SUFFIXES = (".mapping.yaml", ".mapping.yml", ".yaml", ".yml")

# Columns whose joint presence identifies a CSV (upper-case for the 903, lower for partners).
_SIGNATURES: tuple[tuple[FileKind, frozenset[str]], ...] = (
    (K.SSDA903_EPISODES, frozenset({"CHILD", "DECOM", "LS"})),
    (K.SSDA903_OC2, frozenset({"CHILD", "SDQ_SCORE"})),
    (K.SSDA903_MISSING, frozenset({"CHILD", "MISSING", "MIS_START"})),
    (K.SSDA903_REVIEWS, frozenset({"CHILD", "REVIEW"})),
    (K.SSDA903_UASC, frozenset({"CHILD", "DUC"})),
    (K.SSDA903_HEADER, frozenset({"CHILD", "SEX", "DOB"})),
    (K.HEALTH_REFERRALS, frozenset({"referral_id", "service"})),
    (K.SCHOOL_PUPILS, frozenset({"school_urn", "entry_date"})),
    (K.YJS_CASES, frozenset({"case_id", "outcome_type"})),
    (K.EARLY_HELP, frozenset({"episode_id", "start_date"})),
)
_EVENT_FILES = frozenset({"event_id", "event_type", "event_date"})
_IDENTITY = frozenset(c.name for c in IDENTITY)
_NAME_HINTS: tuple[tuple[str, FileKind], ...] = (
    (r"cin", K.CIN_CENSUS), (r"annex", K.ANNEX_A), (r"episode", K.SSDA903_EPISODES),
    (r"oc2", K.SSDA903_OC2), (r"missing", K.SSDA903_MISSING), (r"review", K.SSDA903_REVIEWS),
    (r"uasc", K.SSDA903_UASC), (r"header", K.SSDA903_HEADER), (r"la_persons", K.LA_PERSONS),
    (r"health_referral", K.HEALTH_REFERRALS), (r"health_event", K.HEALTH_EVENTS),
    (r"police", K.POLICE_EVENTS), (r"school_pupil", K.SCHOOL_PUPILS),
    (r"school_event", K.SCHOOL_EVENTS), (r"yjs|youth", K.YJS_CASES), (r"early_help", K.EARLY_HELP),
    (r"population", K.POPULATION),
)  # fmt: skip


@dataclass(frozen=True)
class Detection:
    path: Path
    kind: FileKind | None
    issue: Issue | None = None
    mapping: Path | None = None  # the YAML mapping for a local layout

    @property
    def source(self) -> Source | None:
        return SOURCE_OF_KIND.get(self.kind) if self.kind else None


def mapping_for(path: Path) -> Path | None:
    for suffix in MAPPING_SUFFIXES:
        candidate = path.with_name(path.stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def _hint(path: Path) -> FileKind | None:
    name = path.stem.casefold()
    for pattern, kind in _NAME_HINTS:
        if re.search(pattern, name):
            return kind
    return None


def detect_file(path: Path) -> Detection:
    """The kind of one file, or an unrecognised-file warning saying why."""
    suffix = path.suffix.casefold()
    mapping = mapping_for(path) if suffix in (".csv", ".xlsx") else None
    if mapping is not None:
        return Detection(path, K.MAPPED, mapping=mapping)
    hint = _hint(path)
    kind: FileKind | None = None
    if suffix == ".xml":
        kind = _detect_xml(path, hint)
    elif suffix == ".xlsx":
        kind = _detect_xlsx(path, hint)
    elif suffix == ".csv":
        kind = _detect_csv(path, hint)
    if kind is None:
        cause = (
            f"extension '{suffix or 'none'}'"
            if suffix not in (".xml", ".xlsx", ".csv")
            else ("its columns or structure match no known file")
        )
        return Detection(path, None, rr.UNRECOGNISED.issue(path.name, cause=cause))
    return Detection(path, kind)


def _detect_xml(path: Path, hint: FileKind | None) -> FileKind | None:
    try:
        for _event, el in etree.iterparse(
            str(path), events=("start",), resolve_entities=False, no_network=True, load_dtd=False
        ):
            return K.CIN_CENSUS if etree.QName(el.tag).localname == "Message" else None
    except (etree.XMLSyntaxError, OSError):
        pass
    return K.CIN_CENSUS if hint is K.CIN_CENSUS else None


def _detect_xlsx(path: Path, hint: FileKind | None) -> FileKind | None:
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return K.ANNEX_A if hint is K.ANNEX_A else None
    names = re.findall(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"', workbook)
    if any(re.search(r"(?i)\blist\s*0?[1-8]\b", n) for n in names):
        return K.ANNEX_A
    return K.ANNEX_A if hint is K.ANNEX_A else None


def _detect_csv(path: Path, hint: FileKind | None) -> FileKind | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return hint
    text = head.decode("utf-8-sig", "replace")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))[:51] if text.strip() else []
    except csv.Error:  # not CSV at all: let the reader reject it with a clear message
        return hint
    if not rows:
        return hint if hint is not K.POPULATION else K.POPULATION
    header = [h.strip() for h in rows[0]]
    upper, lower = {h.upper() for h in header}, {h.casefold() for h in header}
    for kind, columns in _SIGNATURES:
        if columns <= (upper if next(iter(columns)).isupper() else lower):
            return kind
    if lower >= _EVENT_FILES:
        return _event_file(header, rows[1:], hint)
    if "person_id" in lower and lower <= _IDENTITY | {"ethnicity"}:
        return K.LA_PERSONS
    if hint is K.POPULATION or any("population" in h or h == "count" for h in lower):
        return K.POPULATION
    return hint if hint in SOURCE_OF_KIND or hint is K.POPULATION else None


def _event_file(header: list[str], rows: list[list[str]], hint: FileKind | None) -> FileKind | None:
    """health/police/school events share their key columns: tell them apart by event types."""
    index = [h.strip().casefold() for h in header].index("event_type")
    values = {r[index].strip().casefold() for r in rows if len(r) > index and r[index].strip()}
    scores = {kind: len(values & types) for kind, types in EVENT_TYPE_CODES.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores[best]:
        return best
    lower = {h.strip().casefold() for h in header}
    if "school_urn" in lower:
        return K.SCHOOL_EVENTS
    if "referred_to" in lower:
        return K.POLICE_EVENTS
    if "detail" in lower:
        return K.HEALTH_EVENTS
    return hint if hint in EVENT_TYPE_CODES else None


def detect_folder(folder: Path) -> list[Detection]:
    """Every file in the folder, sorted by name; subfolders, hidden files and mappings skipped."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "_")) or not path.is_file():
            continue
        if path.suffix.casefold() in (".yaml", ".yml"):
            continue  # a mapping is read with the data file it sits next to
        found.append(detect_file(path))
    return found
