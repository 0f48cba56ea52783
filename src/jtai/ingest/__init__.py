"""Readers: each partnership file into the canonical persons/events model, with its issues."""

from jtai.ingest.detect import Detection, detect_file, detect_folder
from jtai.ingest.model import FileKind, ParsedFile
from jtai.ingest.reader import FolderRead, read_file, read_folder

__all__ = [
    "Detection",
    "FileKind",
    "FolderRead",
    "ParsedFile",
    "detect_file",
    "detect_folder",
    "read_file",
    "read_folder",
]
