"""Special tariffs and hand-set levels on the case worker's start page: overdue reviews first,
marked, each name logged as a view of personal data; a leader sees only their own."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from ressourcemodel.web.audit.models import AccessLog
from ressourcemodel.web.calculation.results import bump_data_version
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db


def test_overdue_reviews_come_first_and_are_logged(client_as: Any) -> None:
    manual = list(
        m.Assessment.objects.filter(status="approved").exclude(manual_level="").order_by("pk")
    )
    assert len(manual) >= 2, "the demo has hand-set levels and S2"
    today = timezone.localdate()
    m.Assessment.objects.filter(pk=manual[0].pk).update(review_date=today + timedelta(days=30))
    m.Assessment.objects.filter(pk=manual[1].pk).update(review_date=today - timedelta(days=10))
    bump_data_version()
    before = AccessLog.objects.filter(what="home").count()
    html = client_as("myndighed").get("/").content.decode()
    table = html[html.index('id="reviews"') :]
    late, soon = manual[1].citizen, manual[0].citizen
    assert table.index(f"/borgere/{late.pk}/") < table.index(f"/borgere/{soon.pk}/")
    assert "overskredet" in table.split(f"/borgere/{soon.pk}/")[0]
    assert AccessLog.objects.filter(what="home").count() > before


def test_a_leader_sees_only_their_own_special_cases(client_as: Any) -> None:
    html = client_as("leder").get("/").content.decode()
    assert 'id="reviews"' in html
    own = set(
        m.Citizen.objects.filter(stays__facility__area__name="Område Grenaa").values_list(
            "pk", flat=True
        )
    )
    table = html[html.index('id="reviews"') :]
    shown = {int(x) for x in re.findall(r'/borgere/(\d+)/"', table)}
    assert shown <= own
