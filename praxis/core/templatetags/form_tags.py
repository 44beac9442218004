"""Forms in templates: a form a template makes itself (one per row of a list, or one beside a
page's own), and the label of a field set inside a sentence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms, template
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString

from praxis.core.forms import row_form

register = template.Library()


@register.simple_tag
def empty_form(
    path: str, *key: object, options: Iterable[Any] | None = None, **initial: Any
) -> forms.Form:
    """`{% empty_form "praxis.community.forms.ModerationReasonForm" "held" post.pk as form %}`:
    the empty form of that class (of the row the parts of `key` name, when given), showing
    `initial`, to render with components/form_fields.html. `options=` is given to a form that
    offers a choice of the page's objects (its `options` argument)."""
    form_class: type[forms.Form] = import_string(path)
    extra: dict[str, Any] = {} if options is None else {"options": options}
    if not key:
        return form_class(initial=initial, **extra)
    return row_form(form_class, "_".join(str(part) for part in key), initial=initial, **extra)


@register.filter
def isolated(text: object) -> SafeString:
    """`text` in a <bdi> element: set inside a sentence of the interface (a field's label in a
    line of the error summary), a text that may run the other way (an ordering item written in
    Arabic on an English page) keeps its own direction and leaves the sentence's punctuation
    in place."""
    return format_html("<bdi>{}</bdi>", text)
