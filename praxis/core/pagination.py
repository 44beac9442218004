"""Page-number pagination shared by HTML lists and the JSON API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1


# Kept over Django's Paginator.get_page: it sends page 0 and negative pages to the last page, not
# the first, and warns (an error in tests) on every unordered queryset a caller pages.
def clamp(number: Any, size: Any = DEFAULT_PAGE_SIZE) -> tuple[int, int]:
    """Turn untrusted page/size values into a valid (page, size) pair; never raises."""
    try:
        # Past MAX_PAGE is past the end of any list (and of what a database's offset can hold).
        page = min(MAX_PAGE, max(1, int(number)))
    except (TypeError, ValueError):
        page = 1
    try:
        per_page = min(MAX_PAGE_SIZE, max(1, int(size)))
    except (TypeError, ValueError):
        per_page = DEFAULT_PAGE_SIZE
    return page, per_page


def paginate(
    queryset: QuerySet[Any] | list[Any], number: Any = 1, size: Any = DEFAULT_PAGE_SIZE
) -> Page[Any]:
    """One page of `queryset`; a page past the end is the last page."""
    page, per_page = clamp(number, size)
    total = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
    last = max(1, -(-total // per_page))
    page = min(page, last)
    start = (page - 1) * per_page
    return Page(
        items=list(queryset[start : start + per_page]), number=page, size=per_page, total=total
    )
