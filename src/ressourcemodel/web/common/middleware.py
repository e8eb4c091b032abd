"""Friendly Danish pages for a year without data and for unreadable query parameters."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ressourcemodel.web.calculation.results import NoDataForYear, years_with_data

from .errors import BadParameter


class FriendlyErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, NoDataForYear):
            return render(
                request,
                "web/error.html",
                {
                    "title": "Ingen data for året",
                    "message": f"Der er ingen takstår {exc.year} i databasen.",
                    "years": years_with_data(),
                    "path": request.path,
                },
                status=404,
            )
        if isinstance(exc, BadParameter):
            return render(
                request,
                "web/error.html",
                {"title": "Ugyldig forespørgsel", "message": str(exc), "path": request.path},
                status=400,
            )
        return None


def error_page(status: int, title: str, message: str) -> Callable[..., HttpResponse]:
    def view(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
        return render(
            request, "web/error.html", {"title": title, "message": message}, status=status
        )

    return view
