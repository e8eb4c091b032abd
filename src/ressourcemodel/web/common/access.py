"""Opening a citizen's personal data: the scope check and the access-log row, in one place."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from ressourcemodel.web.accounts.permissions import PERSONAL_DATA, require, visible_citizens
from ressourcemodel.web.audit.services import access_record
from ressourcemodel.web.records import models as m


def citizen_for(request: HttpRequest, pk: int) -> m.Citizen:
    """The citizen if the user may see them (else 404); the view is written to the access log."""
    require(request.user, PERSONAL_DATA)
    c: m.Citizen | None = visible_citizens(request.user, m.Citizen.objects.filter(pk=pk)).first()
    if c is None:
        raise Http404("Borgeren findes ikke, eller du har ikke adgang.")
    page = request.resolver_match.url_name if request.resolver_match else ""
    access_record(user=request.user, citizen_id=c.pk, what=page or "")
    return c
