"""One page of a long list as the pages show it ("Side N af M", ``?side=N``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.paginator import Paginator
from django.db.models import QuerySet

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """The rows of one page, its number (1-based), the number of pages and the count of all."""

    rows: list[T]
    number: int
    pages: int
    count: int

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def page_of(
    items: Sequence[Any] | QuerySet[Any], size: int, page: str
) -> tuple[list[Any], int, int, int]:
    """Page ``page`` of ``items`` (1-based; out of range or not a number gives the nearest page):
    its rows, its number, the number of pages and the count of all (a query set is counted and
    sliced in the database)."""
    paginator = Paginator(items, size, allow_empty_first_page=True)
    p = paginator.get_page(page)
    return list(p.object_list), p.number, paginator.num_pages, paginator.count
