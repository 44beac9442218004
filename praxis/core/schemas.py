"""Schemas shared by every API router."""

from typing import Any

from ninja import Schema


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    """The body of every refusal: {"error": {"code", "message", "fields"}}."""

    error: ErrorBody


def errors(*statuses: int) -> dict[int, Any]:
    """The error responses an operation declares, for its OpenAPI description."""
    return dict.fromkeys(statuses, ErrorOut)
