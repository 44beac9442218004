from __future__ import annotations

from ninja import Schema
from pydantic import Field


class ResultOut(Schema):
    title: str
    url: str
    language: str = Field(description="The item's language, empty when it has none")
    context: str = Field(description="Where the item belongs or what it says, shortened")


class SearchOut(Schema):
    query: str
    suggestion: str = Field(description='A corrected query ("did you mean"), or empty')
    left_out: list[str] = Field(
        default_factory=list,
        description="Words of the query that no result held together with the others, left out"
        " to find these results (lower-cased); empty when every word is matched",
    )
    courses: list[ResultOut]
    lessons: list[ResultOut]
    events: list[ResultOut]
    sessions: list[ResultOut]
    communities: list[ResultOut]
    threads: list[ResultOut]
    resources: list[ResultOut]
    partners: list[ResultOut]
