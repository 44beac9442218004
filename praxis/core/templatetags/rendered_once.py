"""`{% rendered_once "name" value … %}…{% endrendered_once %}`: markup rendered once per
compiled template for each language and combination of the values given, then reused.

For the parts of pages that depend only on the code, its translations and the values named:
the navigation and menus (whether the visitor is signed in, is staff), the language list, an
empty form's fields (the choice it shows, one of a few). Each value is a flag or one of a few
short choices, never free text: there is an entry for every combination. Nothing else in such
a part may vary (no request path, no person's name or count, no CSRF token, no block a page
fills, no bound form): every later request is served what the first rendered. Such markup
changes only with the code, so it needs no version; its entries are kept on the compiled
template's node (a new process, or a template read again in development, starts afresh), a
few per language.

Such a part is also a leaf of its template: a page that extends the layout makes Django look
through the layout's whole tree for blocks on every request, and a part that may hold none (a
block in it is refused when the template is read) spares that search its nodes.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


class RenderedOnceNode(template.Node):
    # Not searched for blocks (or any other node) by the template that holds it: the markup in it
    # is the same on every page, and `rendered_once` refuses a block in it.
    child_nodelists = ()

    def __init__(self, nodelist: NodeList, name: str, values: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.name = name
        self.values = values
        self.rendered: dict[tuple[str, ...], SafeString] = {}

    def render(self, context: Context) -> SafeString:
        key = (
            get_language() or "",
            get_script_prefix(),
            str(settings.SITE_NAME),
            *(_choice(value.resolve(context)) for value in self.values),
        )
        text = self.rendered.get(key)
        if text is None:
            text = mark_safe(self.nodelist.render(context))  # noqa: S308 - rendered by the template
            self.rendered[key] = text
        return text


def _choice(value: object) -> str:
    """A flag as true or false (whatever its type); a short choice as itself."""
    if isinstance(value, str) and value and len(value) <= 40:
        return f"={value}"
    return str(bool(value))


@register.tag("rendered_once")
def rendered_once(parser: Parser, token: Token) -> RenderedOnceNode:
    """`{% rendered_once "name" value … %}`: each value a flag (read as true or false) or a
    short choice (a text of up to 40 characters, read as itself)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("rendered_once needs a name")
    nodelist = parser.parse(("endrendered_once",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError(
            f"rendered_once {bits[1]} holds a block: what a page fills differs from page to page"
        )
    return RenderedOnceNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])
