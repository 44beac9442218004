"""The research API: analytics figures (same scoping and suppression as the dashboard)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from praxis.accounts.auth import api_auth
from praxis.core.schemas import errors
from praxis.research import analytics

router = Router(tags=["research"])


# Analytics


class AnalyticsFilters(Schema):
    course: str = Field("", max_length=120, description="A course's slug; empty for all")


class AnalyticsRowOut(Schema):
    label: str
    values: list[float | None] = Field(description="One per column; null where suppressed")


class AnalyticsTableOut(Schema):
    key: str
    title: str
    columns: list[str]
    rows: list[AnalyticsRowOut]
    suppressed: int = Field(description="Rows hidden because they count fewer than k learners")

    @staticmethod
    def of(table: analytics.Table) -> AnalyticsTableOut:
        return AnalyticsTableOut(
            key=table.key,
            title=str(table.title),
            columns=[str(column) for column in table.columns],
            rows=[AnalyticsRowOut(label=label, values=values) for label, values in table.rows],
            suppressed=table.suppressed,
        )


class AnalyticsOut(Schema):
    course: str | None = Field(description="The course's slug; null for all the viewer's courses")
    k: int = Field(description="Groups of fewer learners than this are suppressed")
    all_courses: bool = Field(description="Whether the figures cover every course")
    tables: list[AnalyticsTableOut]


@router.get(
    "/research/analytics",
    response={200: AnalyticsOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def analytics_tables(request: HttpRequest, filters: Query[AnalyticsFilters]) -> AnalyticsOut:
    """The analytics tables for one course or all the courses the caller sees: staff and
    analysts every course, a partner organisation's admins and authors its own courses."""
    view = analytics.viewpoint(request.user, filters.course)
    tables = analytics.dashboard(view.course, within=view.within)
    return AnalyticsOut(
        course=view.course.slug if view.course else None,
        k=analytics.DEFAULT_K,
        all_courses=not view.is_partner,
        tables=[AnalyticsTableOut.of(table) for table in tables],
    )
