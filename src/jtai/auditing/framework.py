"""Load and check an evaluation-criteria framework, and merge a partnership's local questions.

A framework is a YAML file (see `frameworks/jtai-mh-2019.yaml`): name, version, the agencies and
themes it uses, criteria with stable codes, and the voice-of-the-child questions. Every problem in
a file is collected and reported together, each naming where it is, so a partnership editing its
local questions sees everything to fix at once.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

FRAMEWORKS = Path(__file__).parent / "frameworks"
DEFAULT_FRAMEWORK = "jtai-mh-2019"

GRADES: dict[str, str] = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
    "not_applicable": "Not applicable",
}
VOICE_ANSWERS: dict[str, str] = {"yes": "Yes", "no": "No", "not_known": "Not recorded"}
CODE = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-$")


class FrameworkError(ValueError):
    """A framework or local questions file that cannot be used; `problems` lists every reason."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


@dataclass(frozen=True)
class Criterion:
    code: str
    title: str
    text: str
    agencies: tuple[str, ...]
    theme: str
    source: dict[str, Any] = field(default_factory=dict)
    local: bool = False


@dataclass(frozen=True)
class VoiceQuestion:
    code: str
    question: str
    hint: str = ""


@dataclass(frozen=True)
class Framework:
    name: str
    version: str
    title: str
    code_prefix: str
    agencies: dict[str, str]
    themes: dict[str, str]
    criteria: tuple[Criterion, ...]
    voice: tuple[VoiceQuestion, ...]
    local_name: str = ""
    local_version: str = ""

    def criterion(self, code: str) -> Criterion:
        for found in self.criteria:
            if found.code == code:
                return found
        raise KeyError(code)

    def for_agency(self, agency: str) -> list[Criterion]:
        """The criteria an agency answers, in framework order."""
        return [c for c in self.criteria if agency in c.agencies]

    def snapshot(self) -> dict[str, Any]:
        """Plain data to store with an audit, so later edits to a file never change it."""
        return asdict(self)


def load_framework(name_or_path: str | Path = DEFAULT_FRAMEWORK) -> Framework:
    """A shipped framework by name (`jtai-mh-2019`) or any framework file by path."""
    path = Path(name_or_path)
    if path.suffix not in {".yaml", ".yml"}:
        path = FRAMEWORKS / f"{name_or_path}.yaml"
    if not path.exists():
        shipped = ", ".join(sorted(p.stem for p in FRAMEWORKS.glob("*.yaml")))
        raise FrameworkError(str(name_or_path), [f"no such framework (shipped: {shipped})"])
    return parse_framework(path.read_text(encoding="utf-8"), source=path.name)


def _read(text: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise FrameworkError(source, [f"this is not valid YAML{where}"]) from None
    if not isinstance(data, dict):
        raise FrameworkError(source, ["the file must be a mapping with name, version and criteria"])
    return data


def _text(data: dict[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = data.get(key)
    if value is None or not str(value).strip():
        problems.append(f"{where} has no {key}")
        return ""
    return str(value).strip()


def _criteria(
    items: Any,
    *,
    prefix: str,
    agencies: dict[str, str],
    themes: dict[str, str],
    problems: list[str],
    local: bool,
) -> list[Criterion]:
    if not isinstance(items, list) or not items:
        problems.append("criteria must be a non-empty list")
        return []
    found: list[Criterion] = []
    for number, item in enumerate(items, start=1):
        where = f"criterion {number}"
        if not isinstance(item, dict):
            problems.append(f"{where} must be a mapping")
            continue
        code = _text(item, "code", where, problems)
        where = f"criterion {code or number}"
        if code and not code.startswith(prefix):
            problems.append(f"{where}: the code must start with {prefix}")
        named = item.get("agencies")
        if not isinstance(named, list) or not named:
            problems.append(f"{where} names no agencies")
            named = []
        unknown = [a for a in named if a not in agencies]
        if unknown:
            problems.append(
                f"{where}: unknown agencies {', '.join(map(str, unknown))} "
                f"(use {', '.join(agencies)})"
            )
        theme = _text(item, "theme", where, problems)
        if theme and theme not in themes:
            problems.append(f"{where}: unknown theme {theme} (use {', '.join(themes)})")
        found.append(
            Criterion(
                code=code,
                title=_text(item, "title", where, problems),
                text=" ".join(_text(item, "text", where, problems).split()),
                agencies=tuple(str(a) for a in named),
                theme=theme,
                source=dict(item.get("source") or {}),
                local=local,
            )
        )
    codes = [c.code for c in found if c.code]
    problems.extend(f"code {code} is used twice" for code in sorted(_repeated(codes)))
    return found


def _repeated(codes: list[str]) -> set[str]:
    seen: set[str] = set()
    return {code for code in codes if code in seen or seen.add(code)}  # type: ignore[func-returns-value]


def _voice(items: Any, prefix: str, problems: list[str]) -> list[VoiceQuestion]:
    if items is None:
        return []
    if not isinstance(items, list):
        problems.append("voice must be a list of questions")
        return []
    found = []
    for number, item in enumerate(items, start=1):
        where = f"voice question {number}"
        if not isinstance(item, dict):
            problems.append(f"{where} must be a mapping")
            continue
        code = _text(item, "code", where, problems)
        if code and not code.startswith(prefix):
            problems.append(f"{where}: the code must start with {prefix}")
        question = _text(item, "question", where, problems)
        found.append(VoiceQuestion(code, question, str(item.get("hint") or "")))
    problems.extend(
        f"code {code} is used twice" for code in sorted(_repeated([v.code for v in found]))
    )
    return found


def _names(data: dict[str, Any], key: str, problems: list[str]) -> dict[str, str]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        problems.append(f"{key} must map each code to its name")
        return {}
    return {str(k): str(v) for k, v in value.items()}


def parse_framework(text: str, *, source: str = "framework") -> Framework:
    """Check a framework file's text; raise FrameworkError listing every problem."""
    data = _read(text, source)
    problems: list[str] = []
    prefix = _text(data, "code_prefix", "the framework", problems)
    if prefix and not CODE.match(prefix):
        problems.append("code_prefix must be capitals, digits and hyphens ending in -, like LOC-")
    agencies = _names(data, "agencies", problems)
    themes = _names(data, "themes", problems)
    criteria = _criteria(
        data.get("criteria"),
        prefix=prefix,
        agencies=agencies,
        themes=themes,
        problems=problems,
        local=False,
    )
    voice = _voice(data.get("voice"), prefix, problems)
    name = _text(data, "name", "the framework", problems)
    version = _text(data, "version", "the framework", problems)
    if problems:
        raise FrameworkError(source, problems)
    return Framework(
        name=name,
        version=version,
        title=str(data.get("title") or name),
        code_prefix=prefix,
        agencies=agencies,
        themes=themes,
        criteria=tuple(criteria),
        voice=tuple(voice),
    )


@dataclass(frozen=True)
class LocalQuestions:
    name: str
    version: str
    code_prefix: str
    criteria: tuple[Criterion, ...]
    voice: tuple[VoiceQuestion, ...]


def parse_local_questions(
    text: str, base: Framework, *, source: str = "local questions"
) -> LocalQuestions:
    """Check a partnership's own questions against the shipped framework they extend.

    Same shape as a framework's criteria (and optional voice questions), with the partnership's own
    code prefix, which must differ from the framework's; agencies and themes are the framework's.
    """
    data = _read(text, source)
    problems: list[str] = []
    prefix = _text(data, "code_prefix", "the local questions", problems)
    if prefix and not CODE.match(prefix):
        problems.append("code_prefix must be capitals, digits and hyphens ending in -, like LOC-")
    if prefix and (prefix.startswith(base.code_prefix) or base.code_prefix.startswith(prefix)):
        problems.append(f"code_prefix must not overlap the framework's own {base.code_prefix}")
    criteria = _criteria(
        data.get("criteria"),
        prefix=prefix,
        agencies=base.agencies,
        themes=base.themes,
        problems=problems,
        local=True,
    )
    voice = _voice(data.get("voice"), prefix, problems)
    name = _text(data, "name", "the local questions", problems)
    version = _text(data, "version", "the local questions", problems)
    if problems:
        raise FrameworkError(source, problems)
    return LocalQuestions(name, version, prefix, tuple(criteria), tuple(voice))


def merge_local(base: Framework, local: LocalQuestions | None) -> Framework:
    """The framework with the partnership's questions after its own; the shipped file unchanged."""
    if local is None:
        return base
    return Framework(
        name=base.name,
        version=base.version,
        title=base.title,
        code_prefix=base.code_prefix,
        agencies=base.agencies,
        themes=base.themes,
        criteria=base.criteria + local.criteria,
        voice=base.voice + local.voice,
        local_name=local.name,
        local_version=local.version,
    )


def framework_from_snapshot(data: dict[str, Any]) -> Framework:
    """The framework an audit was created with, from the plain data it stored."""
    return Framework(
        name=data["name"],
        version=data["version"],
        title=data["title"],
        code_prefix=data["code_prefix"],
        agencies=dict(data["agencies"]),
        themes=dict(data["themes"]),
        criteria=tuple(
            Criterion(**{**c, "agencies": tuple(c["agencies"])}) for c in data["criteria"]
        ),
        voice=tuple(VoiceQuestion(**v) for v in data["voice"]),
        local_name=data.get("local_name", ""),
        local_version=data.get("local_version", ""),
    )
