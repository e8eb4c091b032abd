"""The JSON API (ADR 0008): django-ninja generates the OpenAPI description from the code.
Authentication: the web session (with CSRF for writes) or a personal token
(``Authorization: Bearer <token>``); every token use is in the access log. Errors are problem
details (RFC 9457) with Danish messages; the same permissions as the web app."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaError
from ninja.security import HttpBearer, django_auth

from ressourcemodel.engine.errors import EngineError
from ressourcemodel.web.accounts.tokens import token_user
from ressourcemodel.web.audit.models import AccessLog
from ressourcemodel.web.calculation.results import NoDataForYear
from ressourcemodel.web.common.errors import ServiceError, StaleError


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token[:200])
        if user is None:
            return None
        request.user = user
        AccessLog.objects.create(
            user=user, citizen_id="", what=f"api {request.method} {request.path}"[:60]
        )
        return user


api = NinjaAPI(
    title="Ressourcemodel API",
    version="1",
    description="Takster, budgetter og borgere som JSON, med samme rettigheder som webappen.",
    urls_namespace="api",
    auth=[TokenAuth(), django_auth],
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def problem(request: HttpRequest, status: int, title: str, detail: str) -> HttpResponse:
    response = api.create_response(
        request,
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status=status,
    )
    response["Content-Type"] = "application/problem+json"
    return response


@api.exception_handler(StaleError)
def _stale(request: HttpRequest, exc: StaleError) -> HttpResponse:
    return problem(request, 409, "Konflikt", str(exc))


@api.exception_handler(ServiceError)
def _service(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return problem(request, 400, "Ugyldig forespørgsel", str(exc))


@api.exception_handler(EngineError)
def _engine(request: HttpRequest, exc: EngineError) -> HttpResponse:
    return problem(request, 400, "Ugyldig forespørgsel", str(exc))


@api.exception_handler(NoDataForYear)
def _no_year(request: HttpRequest, exc: NoDataForYear) -> HttpResponse:
    return problem(request, 404, "Ikke fundet", f"Der er ingen takstår {exc.year}.")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(request, 404, "Ikke fundet", "Findes ikke, eller du har ikke adgang.")


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem(request, 403, "Ingen adgang", "Din rolle giver ikke adgang til dette.")


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem(
        request,
        401,
        "Ikke logget ind",
        "Log ind, eller send en gyldig nøgle: Authorization: Bearer <nøgle>.",
    )


@api.exception_handler(SchemaError)
def _schema(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    fields = []
    for err in exc.errors[:10]:
        loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path"))
        fields.append(loc or "forespørgslen")
    detail = "Ugyldige eller manglende felter: " + ", ".join(fields) + "."
    return problem(request, 422, "Ugyldig forespørgsel", detail)


from . import routes  # noqa: E402,F401  (registers the operations)
