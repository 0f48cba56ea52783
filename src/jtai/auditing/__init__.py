"""Case audit as data: the evaluation criteria framework, local questions, the audit document.

Pure Python: never imports Django. `jtai.audits` (the Django app) stores audits against a snapshot
of a framework loaded here.
"""

from jtai.auditing.framework import (
    GRADES,
    VOICE_ANSWERS,
    Criterion,
    Framework,
    FrameworkError,
    VoiceQuestion,
    framework_from_snapshot,
    load_framework,
    merge_local,
    parse_framework,
    parse_local_questions,
)

__all__ = [
    "GRADES",
    "VOICE_ANSWERS",
    "Criterion",
    "Framework",
    "FrameworkError",
    "VoiceQuestion",
    "framework_from_snapshot",
    "load_framework",
    "merge_local",
    "parse_framework",
    "parse_local_questions",
]
