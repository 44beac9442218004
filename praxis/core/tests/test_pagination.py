import pytest

from praxis.core.pagination import MAX_PAGE, MAX_PAGE_SIZE, clamp, paginate


@pytest.mark.parametrize(
    ("number", "size", "expected"),
    [
        ("2", "10", (2, 10)),
        ("-4", "0", (1, 1)),
        ("abc", None, (1, 20)),
        ("1", "100000", (1, MAX_PAGE_SIZE)),
        ("9" * 400, "5", (MAX_PAGE, 5)),
    ],
)
def test_untrusted_page_values_become_valid(
    number: str, size: str | None, expected: tuple[int, int]
) -> None:
    assert clamp(number, size) == expected


def test_page_past_the_end_is_the_last_page() -> None:
    page = paginate(list(range(45)), number=99, size=20)
    assert page.number == 3
    assert page.items == list(range(40, 45))
    assert page.pages == 3
    assert page.has_previous and not page.has_next


def test_empty_list_has_one_empty_page() -> None:
    page = paginate([], number=1, size=20)
    assert page.items == [] and page.pages == 1 and not page.has_next
