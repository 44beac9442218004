"""A part rendered once is a leaf of its template: a page that extends the layout does not search
it for blocks, and it may hold none."""

import pytest
from django.template import Engine, Template, TemplateSyntaxError
from django.template.base import Node
from django.template.loader_tags import BlockNode


def test_a_block_in_a_part_rendered_once_is_refused() -> None:
    with pytest.raises(TemplateSyntaxError, match="holds a block"):
        Template(
            '{% load rendered_once %}{% rendered_once "part" %}'
            "{% block content %}{% endblock %}{% endrendered_once %}"
        )


def test_a_part_rendered_once_is_not_searched_for_blocks() -> None:
    template = Template(
        '{% load rendered_once %}{% rendered_once "part" %}<p>{% if a %}{{ a }}{% endif %}</p>'
        "{% endrendered_once %}{% block content %}{% endblock %}"
    )
    # The part and the block, not the nodes inside the part.
    assert len(template.nodelist.get_nodes_by_type(Node)) == 3


def test_the_layout_gives_every_page_that_extends_it_few_nodes_to_search_for_blocks() -> None:
    # Django looks through every node of base.html for blocks on each request of a page that
    # extends it: 277 nodes when the parts rendered once were searched too.
    layout = Engine.get_default().get_template("base.html")
    assert len(layout.nodelist.get_nodes_by_type(Node)) <= 110
    blocks = layout.nodelist.get_nodes_by_type(BlockNode)
    assert {block.name for block in blocks if isinstance(block, BlockNode)} == {
        "title",
        "description",
        "content",
    }
