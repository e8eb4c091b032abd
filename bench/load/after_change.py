"""The first page after a change on the national database: what a worker pays for the new data
version after one stay change, one døgnskema approval and one facility change, and the time of
the writes themselves and of the API's result (ADR 0015).

    .venv/bin/python bench/load/after_change.py [--timeout 600]

In-process (Django's test client, no network) on ``ressourcemodel_national`` (made by
bench/national_db.py). Every write is made in one transaction that is rolled back at the end,
so the database is left as it was. Prints seconds per step and the machine's load; not a test.
"""

from __future__ import annotations

import argparse
import os
import signal
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any


def _timed(label: str, run: Callable[[], Any]) -> Any:
    t = time.perf_counter()
    out = run()
    print(f"{label:<52} {time.perf_counter() - t:7.3f} s", flush=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=int, default=600)
    args = ap.parse_args()
    signal.alarm(args.timeout)
    os.environ.update(
        RESSOURCEMODEL_DB="postgres", RESSOURCEMODEL_PG_NAME="ressourcemodel_national"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ressourcemodel.web.config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment

    from ressourcemodel.web.calculation.results import current_year
    from ressourcemodel.web.citizens import records, services
    from ressourcemodel.web.facilities.services import facility_actuals
    from ressourcemodel.web.records import models as m

    setup_test_environment()
    print("load:", os.getloadavg())
    user = get_user_model().objects.get(username="myndighed")
    c = Client()
    c.force_login(user)
    year = current_year()
    codes = list(m.Facility.objects.order_by("pk").values_list("code", flat=True)[:2])

    def page(path: str) -> Callable[[], None]:
        def get() -> None:
            r = c.get(path)
            assert r.status_code == 200, (path, r.status_code)

        return get

    with transaction.atomic():
        _timed("first page, cold process (whole year)", page(f"/tilbud/{codes[0]}/"))
        _timed("page, warm", page(f"/tilbud/{codes[0]}/"))
        s = m.Stay.objects.filter(move_out__isnull=True, move_in__lt=date(year, 5, 1)).first()
        assert s is not None
        _timed(
            "stay change (move-in), the write",
            lambda: records.stay_move_in(
                user=user, citizen=s.citizen, facility=codes[1], move_in=date(year, 6, 1)
            ),
        )
        _timed("first page after the stay change", page(f"/tilbud/{codes[1]}/"))
        _timed("page, warm", page(f"/tilbud/{codes[1]}/"))
        cit = m.Citizen.objects.filter(stays__move_out__isnull=True).order_by("-pk").first()
        entries = [
            {
                "days": ["mon", "tue"],
                "start": "08:00",
                "end": "10:00",
                "form": "individual",
                "theme": "Egenomsorg",
                "legal_basis": "SEL85",
            }
        ]
        data = services.AssessmentInput(date(year, 7, 1), entries, {})
        a = services.assessment_save_draft(
            user=None, citizen=cit, assessment=None, data=data, version=None, year=year
        )
        a = services.assessment_submit(user=None, assessment=a, version=a.version)
        _timed(
            "døgnskema approval, the write",
            lambda: services.assessment_approve(user=user, assessment=a, version=a.version),
        )
        _timed("first page after the approval", page(f"/borgere/{cit.pk}/"))
        f = m.Facility.objects.get(code=codes[0])
        fy = m.FacilityYear.objects.get(facility=f, year=year, superseded_at__isnull=True)
        _timed(
            "facility change (actuals), the write",
            lambda: facility_actuals(
                user=user, row=f, year=year, version=fy.version, actuals={1: Decimal(1000)}
            ),
        )
        _timed("first page after the facility change", page(f"/tilbud/{codes[0]}/"))
        okonomi = Client()
        okonomi.force_login(get_user_model().objects.get(username="okonomi"))

        def api() -> None:
            assert okonomi.get(f"/api/v1/years/{year}/result").status_code == 200

        _timed("GET /api/v1/years/{y}/result (page 1)", api)
        _timed("GET /api/v1/years/{y}/result again", api)
        transaction.set_rollback(True)
    print("load:", os.getloadavg())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
