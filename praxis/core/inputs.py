"""Typed service inputs: pydantic models whose refusals leave as one `ValidationFailed`.

A service parses what it is given into a model with `parse`, then works with typed attributes.
Problems pydantic finds itself (a wrong type, a missing value, a number out of range) get the
message the caller's `describe` gives for their location; a validator that knows better raises
`Refusal` with its own translated message (and, where the refusal has one, its own code).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel
from pydantic import ValidationError as PydanticError

from praxis.core.errors import ErrorCode, ValidationFailed

Model = TypeVar("Model", bound=BaseModel)
Message = str | Promise
Location = tuple[str | int, ...]
Describe = Callable[[Location], tuple[str, Message]]

# Django's own message, so it is translated in every language already.
INVALID_VALUE = _("Enter a valid value.")


class Refusal(ValueError):
    """Raised by a validator: `message` (and any `more` messages) for the user, reported on
    `field` (the validated field when empty) with `code` when this refusal has a stable code of
    its own."""

    def __init__(
        self,
        message: Message,
        *more: Message,
        field: str = "",
        code: ErrorCode | None = None,
    ):
        super().__init__(message)
        self.message, self.field, self.code = message, field, code
        self.messages = (message, *more)


def by_field(messages: Mapping[str, Message]) -> Describe:
    """A `describe` naming each problem by its top-level field, with that field's message."""

    def describe(location: Location) -> tuple[str, Message]:
        name = str(location[0]) if location else "__all__"
        return name, messages.get(name, INVALID_VALUE)

    return describe


def parse(
    model: type[Model],
    data: Any,
    describe: Describe,
    *,
    code: ErrorCode | None = None,
    message: Message | None = None,
) -> Model:
    """`data` as a `model`, or ValidationFailed with a message for each field refused.

    The error's code is `code`, unless every refusal carries the same code of its own."""
    try:
        return model.model_validate(data)
    except PydanticError as error:
        fields: dict[str, list[Message]] = {}
        codes: set[ErrorCode | None] = set()
        for problem in error.errors():
            name, text = describe(tuple(problem["loc"]))
            texts: tuple[Message, ...] = (text,)
            refusal = problem.get("ctx", {}).get("error")
            if isinstance(refusal, Refusal):
                name, texts = refusal.field or name, refusal.messages
                codes.add(refusal.code)
            else:
                codes.add(None)
            known = fields.setdefault(name, [])
            known += [text for text in texts if text not in known]
        own = codes.pop() if len(codes) == 1 else None
        raise ValidationFailed(own or code, message, fields=dict(fields)) from None
