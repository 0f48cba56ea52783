"""Pseudonymised extracts for analysis outside the product, and retention."""

from __future__ import annotations

import json
import os
import secrets
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from jtai.access.log import record_access
from jtai.areas.models import Area
from jtai.core.export_safety import write_safe_csv
from jtai.core.pseudonymise import DROPPED_ATTRIBUTES, month_of, postcode_sector, pseudonym
from jtai.links.models import ChildLink
from jtai.records.models import RetentionRun
from jtai.records.retention import purge_area, purge_loads_before
from jtai.records.tables import area_events, area_persons

PERSON_EXPORT = (
    "source",
    "person",
    "la_child",
    "nhs_number",
    "upn",
    "child_key",
    "birth_month",
    "sex",
    "postcode_sector",
    "ethnicity",
)
EVENT_EXPORT = (
    "source",
    "record",
    "person",
    "kind",
    "code",
    "start_date",
    "end_date",
    "attributes",
)


def pseudonym_salt(data_dir: Path) -> bytes:
    """The partnership's salt: `JTAI_PSEUDONYM_SALT`, else one made once in the data directory."""
    configured = os.environ.get("JTAI_PSEUDONYM_SALT")
    if configured:
        return configured.encode("utf-8")
    path = data_dir / "pseudonym_salt"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip().encode("utf-8")


def export_pseudonymised(
    area: Area, out: Path, *, salt: bytes, actor: Any, via: str
) -> dict[str, int]:
    """Write persons.csv and events.csv with no name, identifier, full date of birth or postcode."""
    out.mkdir(parents=True, exist_ok=True)
    child_of = dict(ChildLink.objects.filter(area=area).values_list("record_key", "child_key"))

    def key(source: str, person_id: str) -> str | None:
        return pseudonym(salt, f"{area.code}:{source}:{person_id}")

    persons = area_persons(area).to_pylist()
    with (out / "persons.csv").open("w", encoding="utf-8", newline="") as handle:
        person_rows = write_safe_csv(
            handle,
            PERSON_EXPORT,
            (
                (
                    p["source"],
                    key(p["source"], p["person_id"]),
                    pseudonym(salt, p["la_child_id"]),
                    pseudonym(salt, p["nhs_number"]) if p["nhs_number_valid"] else None,
                    pseudonym(salt, p["upn"]) if p["upn_valid"] else None,
                    child_of.get(f"{p['source']}:{p['person_id']}"),
                    month_of(p["dob"]),
                    p["sex"],
                    postcode_sector(p["postcode"]),
                    p["ethnicity"],
                )
                for p in persons
            ),
        )
    events = area_events(area).to_pylist()
    with (out / "events.csv").open("w", encoding="utf-8", newline="") as handle:
        event_rows = write_safe_csv(
            handle,
            EVENT_EXPORT,
            (
                (
                    e["source"],
                    pseudonym(salt, f"{e['source']}:{e['record_id']}"),
                    key(e["source"], e["person_id"]),
                    e["kind"],
                    e["code"],
                    e["start_date"],
                    e["end_date"],
                    _safe_attributes(e["attributes"]),
                )
                for e in events
            ),
        )
    record_access(
        actor=actor,
        area=area,
        action="export",
        what=f"pseudonymised extract {out.name}",
        via=via,
        rows=person_rows + event_rows,
    )
    return {"persons.csv": person_rows, "events.csv": event_rows}


def _safe_attributes(text: str | None) -> str:
    if not text:
        return ""
    values = json.loads(text)
    return json.dumps(
        {k: v for k, v in values.items() if k not in DROPPED_ATTRIBUTES}, sort_keys=True
    )


def remove_area_data(area: Area, *, actor: str) -> RetentionRun:
    return purge_area(area, actor=actor)


def remove_old_loads(
    area: Area, *, older_than_days: int, now: datetime, actor: str
) -> RetentionRun:
    """Remove records of loads made more than `older_than_days` before `now`, then re-link."""
    from jtai.runs.linking import link_area

    run = purge_loads_before(area, now - timedelta(days=older_than_days), actor=actor)
    link_area(area, actor=actor, trigger="retention")
    return run
