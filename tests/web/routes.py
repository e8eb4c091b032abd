"""The route walk, written once: every named route of the URL configuration, and an example URL
for each on the demo municipality. The authorisation matrix and the page tests both use it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from ressourcemodel.scenario.dump import scenario_to_dict
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.records import models as m


def _walk(patterns: list[Any]) -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLPattern):
            if p.name:
                yield p.name
        elif isinstance(p, URLResolver) and p.namespace != "api":
            # the JSON API has its own matrix, read from its OpenAPI description (test_api.py)
            yield from _walk(p.url_patterns)


def route_names() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


EXAMPLE_PREVIEW = {
    "year": 2026,
    "replaces_year": True,
    "parameters_changed": False,
    "facilities": {"created": 0, "changed": 1, "unchanged": 0},
    "citizens": {"created": 1, "changed": 0, "unchanged": 0, "untouched": 0},
    "assessments": 1,
    "before": "0",
    "after": "0",
    "change": "0",
    "rows": [],
}


def _proposal(c: m.Citizen) -> m.StayProposal:
    found = m.StayProposal.objects.filter(citizen=c).first()
    if found is None:
        stay = c.stays.first()
        assert stay is not None
        found = m.StayProposal.objects.create(
            citizen=c, kind="move_out", stay=stay, day=stay.move_in, end_reason="fraflytning"
        )
    return found


def _user(name: str) -> int:
    from django.contrib.auth import get_user_model

    return int(get_user_model().objects.get(username=name).pk)


def example_urls() -> dict[str, str]:
    """name → URL. A citizen in Område Grenaa paid by Aarhus: visible to the leader of Grenaa
    and to the buying municipality."""
    c = m.Citizen.objects.filter(
        paying_municipality="751",
        stays__facility__area__name="Område Grenaa",
        stays__move_out__isnull=True,
    ).first()
    assert c is not None
    a = m.Assessment.objects.filter(citizen=c, manual_level="").first()
    assert a is not None
    f = m.Facility.objects.filter(area__name="Område Grenaa").first()
    assert f is not None
    w = m.WhatIf.objects.filter(name="Eksempel").first() or m.WhatIf.objects.create(
        name="Eksempel", year=2026, scenario=scenario_to_dict(computed(2026).scenario)
    )
    p = m.PendingImport.objects.filter(user__username="okonomi").first()
    if p is None:
        from django.contrib.auth import get_user_model

        p = m.PendingImport.objects.create(
            user=get_user_model().objects.get(username="okonomi"),
            filename="eksempel.xlsx",
            sha256="0" * 64,
            data=b"",
            year=2026,
            preview=EXAMPLE_PREVIEW,
        )
    return {
        "login": "/login/",
        "logout": "/logout/",
        "password_change": "/konto/adgangskode/",
        "password_reset": "/konto/nulstil/",
        "users": "/brugere/",
        "user_edit": f"/brugere/{_user('leder')}/",
        "user_deactivate": f"/brugere/{_user('ledelse')}/deaktiver/",
        "set_language": "/i18n/setlang/",
        "home": "/",
        "overview": "/oversigt/",
        "phase_in": "/indfasning/",
        "regulation": "/efterregulering/",
        "regulation_decide": f"/efterregulering/{f.code}/",
        "facility": f"/tilbud/{f.code}/",
        "facility_new": "/tilbud/ny/",
        "facility_edit": f"/tilbud/{f.code}/rediger/",
        "facility_actuals": f"/tilbud/{f.code}/forbrug/",
        "citizen_new": "/borgere/ny/",
        "stay_new": f"/borgere/{c.pk}/ophold/ny/",
        "stay_propose_new": f"/borgere/{c.pk}/ophold/foreslaa/",
        "stay_propose_end": f"/borgere/{c.pk}/ophold/{c.stays.first().pk}/foreslaa-afslut/",  # type: ignore[union-attr]
        "proposal_decide": f"/forslag/{_proposal(c).pk}/afvis/",
        "stay_end": f"/borgere/{c.pk}/ophold/{c.stays.first().pk}/afslut/",  # type: ignore[union-attr]
        "assessment_copy": f"/borgere/{c.pk}/vurdering/{a.pk}/kopier/",
        "tariff_year": "/takstaar/",
        "tariff_roll_forward": "/takstaar/fremskriv/",
        "tariff_publish": "/takstaar/offentliggoer/",
        "pot": "/pulje/",
        "audit": "/revision/",
        "citizens": "/borgere/",
        "citizen": f"/borgere/{c.pk}/",
        "schedule_new": f"/borgere/{c.pk}/doegnskema/",
        "assessment": f"/borgere/{c.pk}/vurdering/{a.pk}/",
        "schedule_save_new": f"/borgere/{c.pk}/doegnskema/gem/",
        "schedule_save": f"/borgere/{c.pk}/vurdering/{a.pk}/gem/",
        "assessment_transition": f"/borgere/{c.pk}/vurdering/{a.pk}/indsend/",
        "placement_api": "/api/placering/",
        "takstblad": f"/tilbud/{f.code}/takstblad.pdf",
        "takstgrundlag": f"/borgere/{c.pk}/takstgrundlag.pdf",
        "tilbudsportalen": "/takstaar/tilbudsportalen.csv",
        "billing": "/afregning/",
        "explain_facility": f"/tilbud/{f.code}/forklaring/",
        "explain_citizen": f"/borgere/{c.pk}/forklaring/",
        "explain_area": "/oversigt/forklaring/",
        "whatif_list": "/hvad-nu-hvis/",
        "whatif": f"/hvad-nu-hvis/{w.pk}/",
        "whatif_change": f"/hvad-nu-hvis/{w.pk}/aendr/parameter/",
        "whatif_export": f"/hvad-nu-hvis/{w.pk}/scenarie.yaml",
        "whatif_delete": f"/hvad-nu-hvis/{w.pk}/slet/",
        "statement_pdf": "/afregning/751/3/afregning.pdf",
        "mark_invoiced": "/afregning/751/3/faktureret/",
        "import_upload": "/indlaes/",
        "import_template": "/indlaes/skabelon.xlsx",
        "import_preview": f"/indlaes/{p.pk}/",
        "import_confirm": f"/indlaes/{p.pk}/bekraeft/",
    }


def page_urls() -> list[str]:
    """Every page a person opens with GET (not login/logout, not writes)."""
    urls = example_urls()
    return [
        urls[n]
        for n in (
            "home", "overview", "facility", "citizens", "citizen", "schedule_new", "assessment",
            "tariff_year", "pot",
        )
    ]  # fmt: skip
