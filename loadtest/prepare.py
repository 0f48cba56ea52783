"""Prepare a loaded area for the load test: two accounts and signed-off audits for the dashboard.

Run once after `jtai load`, with the same DATABASE_URL and JTAI_DATA_DIR as the server:

    python loadtest/prepare.py --area E09000099 --audits 40

Creates (or resets) `loadtest.analyst` (LA analyst) and `loadtest.executive` (executive) with the
password in JTAI_LOADTEST_PASSWORD, and `--audits` signed-off synthetic case audits (the local
authority, health and police parts graded, one action each) of children of the area, so the
readiness dashboard has criteria x agency cells to show. Only ever on a load test database with
synthetic data: it writes audits nobody carried out.
"""

from __future__ import annotations

import argparse
import os
import random
from datetime import date

from jtai.bootstrap import configure_django

GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
AGENCIES = ["local_authority", "health", "police"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--area", default="E09000099")
    parser.add_argument("--audits", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    password = os.environ["JTAI_LOADTEST_PASSWORD"]
    configure_django()

    from jtai.access.services import create_member
    from jtai.areas.models import Area
    from jtai.auditing import load_framework
    from jtai.audits.models import Answer, Audit
    from jtai.audits.services import ChildPlan, add_action, create_audit
    from jtai.links.models import ChildLink

    area = Area.objects.get(code=args.area)
    create_member(
        username="loadtest.analyst",
        password=password,
        area=area,
        agency="local_authority",
        roles=["la_analyst"],
        full_name="Load Analyst",
    )
    create_member(
        username="loadtest.executive",
        password=password,
        area=area,
        agency="partnership",
        roles=["executive"],
        full_name="Load Executive",
    )
    have = Audit.objects.filter(area=area, status="signed_off").count()
    framework = load_framework()
    keys = list(
        ChildLink.objects.filter(area=area)
        .exclude(la_child_id="")
        .order_by("child_key")
        .values_list("child_key", flat=True)
        .distinct()[: max(args.audits * 5, 1)]
    )
    chosen = random.Random(args.seed).sample(keys, min(max(args.audits - have, 0), len(keys)))
    for n, key in enumerate(chosen):
        audit = create_audit(
            area,
            child_key=key,
            la_child_id="",
            role="tracked",
            plan=ChildPlan(agencies=AGENCIES, story="A synthetic load test audit."),
            framework=framework,
            auditors={},
            actor="loadtest",
        )
        rng = random.Random(f"{args.seed}-{n}")
        for review in audit.reviews.all():
            Answer.objects.bulk_create(
                Answer(
                    review=review,
                    code=code,
                    grade=(grade := rng.choice(GRADES)),
                    evidence="Seen in the record.",
                    worked_well="Prompt information sharing" if grade in GRADES[:2] else "",
                    should_improve="" if grade in GRADES[:2] else "Plans did not name the worker",
                    updated_by_name="loadtest",
                )
                for code in (c.code for c in framework.for_agency(review.agency))
            )
        add_action(
            audit,
            description="Name the CAMHS worker in plans",
            owner_name="Team manager",
            agency=rng.choice(AGENCIES),
            due_date=date(2026, 12, 1),
            actor="loadtest",
        )
        Audit.objects.filter(pk=audit.pk).update(status="signed_off")
    print(f"accounts ready; {have + len(chosen)} signed-off audits in {area.code}")


if __name__ == "__main__":
    main()
