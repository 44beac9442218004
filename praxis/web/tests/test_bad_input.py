"""Bad input never crashes the server: generated nonsense thrown at every operation of the
OpenAPI document and at every HTML form a signed-in person reaches, with no 500.

A property-based test (Hypothesis), bounded and deterministic: a fixed number of examples per
operation, drawn from a fixed seed (`derandomize`), so that it runs alike in every `make test`,
on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import re
from typing import Any, TypedDict
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from praxis.accounts.services import create_api_token
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.api import api
from praxis.assessments.tests.factories import choice_question, quiz_with
from praxis.authoring.tests.factories import DraftLessonFactory
from praxis.catalog.tests.factories import course_with_lessons
from praxis.community.tests.factories import MembershipFactory, ThreadFactory
from praxis.events.tests.factories import EventFactory
from praxis.organisations.models import Membership, Role
from praxis.research.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 10

SPEC: dict[str, Any] = json.loads(json.dumps(api.get_openapi_schema(), default=str))
OPERATIONS = [
    (method.upper(), path, operation)
    for path, operations in SPEC["paths"].items()
    for method, operation in operations.items()
]

NASTY_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 300,
    "x" * 20_000,
    "ü" * 256,
    "\u202eevil",
    "𝕏" * 70,
    "\ud800",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "-1",
    "0",
    "1e309",
    "NaN",
    "true",
    "null",
    "9999-12-31T23:59:59-05:00",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31",
    "0000-00-00",
    "2026-02-30",
]
text = st.sampled_from(NASTY_TEXT) | st.text(max_size=12)
scalars = (
    text
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.none()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=6,
)
RAW_BODIES = [
    b"",
    b"{",
    b"null",
    b"[null,null]",
    b'"x"',
    b"42",
    b"{}",
    b"[]",
    b"\xff\xfe\x00",
    b'{"a": ' * 5000,
    b"[" * 5000 + b"]" * 5000,
]


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SPEC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


MOMENTS = ["2026-05-04T09:00:00Z", "9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+14:00"]
DAYS = ["2026-05-04", "9999-12-31", "0001-01-01"]


def typed(schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Values of the declared type that are nonsense all the same (too long, NUL, far-off
    dates, huge numbers), so that they pass the schema and reach the services."""
    schema = resolve(schema)
    if depth > 4:
        return values
    if "anyOf" in schema:
        return st.one_of([typed(option, depth + 1) for option in schema["anyOf"]])
    kind = schema.get("type")
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if kind == "string":
        return st.sampled_from(
            {"date-time": MOMENTS, "date": DAYS}.get(schema.get("format", ""), NASTY_TEXT)
        )
    if kind == "integer":
        return st.sampled_from([0, 1, 5, -1, 2**31, 2**63, 10**30])
    if kind == "number":
        return st.sampled_from([0.0, -1.5, 1e308])
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        return st.lists(typed(schema.get("items", {}), depth + 1), max_size=3)
    if kind == "object" and "properties" in schema:
        return st.fixed_dictionaries(
            {name: typed(field, depth + 1) for name, field in schema["properties"].items()}
        )
    return values


def body_strategy(operation: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """Raw nonsense, an object of the operation's fields filled with nonsense, or an object of
    the right shape whose values are nonsense of the right type."""
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    fields = list(resolve(schema).get("properties", {}))
    loose = st.dictionaries(st.sampled_from(fields) if fields else text, values, max_size=6)
    shaped = typed(schema) if schema else st.nothing()
    return st.sampled_from(RAW_BODIES) | (loose | shaped | shaped).map(
        lambda value: json.dumps(value).encode()
    )


@pytest.fixture
def world() -> dict[str, Any]:
    """Real objects for path parameters, and the tokens of a learner and of a staff author."""
    course = course_with_lessons(modules=1, lessons_per_module=1, slug="hand-hygiene")
    module = course.modules.first()
    assert module is not None
    lesson = module.lessons.first()
    assert lesson is not None
    quiz = quiz_with([choice_question()], course=course)
    learner, staff = UserFactory.create(), StaffFactory.create(is_superuser=True)
    thread = ThreadFactory.create()
    MembershipFactory.create(community=thread.community, user=learner)
    draft_lesson = DraftLessonFactory.create()
    draft = draft_lesson.module.draft
    organisation = draft.organisations.first()
    assert organisation is not None
    Membership.objects.create(organisation=organisation, user=staff, role=Role.AUTHOR)
    event = EventFactory.create(slug="ipc-workshop")
    project = ProjectFactory.create(principal_investigator=staff)
    real = {
        "/courses/{slug}": course.slug,
        "/lessons/{uuid}": str(lesson.uuid),
        "/quizzes/{uuid}": str(quiz.uuid),
        "{thread_uuid}": str(thread.uuid),
        "{draft}": str(draft.uuid),
        "/lessons/{key}": str(draft_lesson.key),
        "/events/{slug}": event.slug,
        "/projects/{uuid}": str(project.uuid),
    }
    tokens = {
        "learner": create_api_token(learner, "fuzz")[1],
        "staff": create_api_token(staff, "fuzz")[1],
    }
    return {"real": real, "tokens": tokens, "learner": learner, "staff": staff}


def path_strategy(path: str, real: dict[str, str]) -> st.SearchStrategy[str]:
    parts: list[st.SearchStrategy[str]] = []
    for piece in re.split(r"(\{[^}]+\})", path):
        if not piece.startswith("{"):
            parts.append(st.just(piece))
            continue
        known = [value for marker, value in real.items() if marker in path and piece in marker]
        nasty = text.map(lambda value: quote(value.encode("utf-8", "surrogatepass"), safe=""))
        parts.append(st.sampled_from(known) | nasty if known else nasty)
    return st.tuples(*parts).map("".join)


def query_strategy(operation: dict[str, Any]) -> st.SearchStrategy[str]:
    names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
    if not names:
        return st.just("")
    pairs = st.dictionaries(st.sampled_from([*names, "\x00"]), text, max_size=3)
    return pairs.map(
        lambda d: (
            "?" + urlencode({k: v.encode("utf-8", "surrogatepass") for k, v in d.items()})
            if d
            else ""
        )
    )


class _Auth(TypedDict, total=False):
    HTTP_AUTHORIZATION: str


@pytest.mark.parametrize(
    ("method", "path", "operation"), OPERATIONS, ids=[f"{m} {p}" for m, p, _o in OPERATIONS]
)
def test_no_operation_answers_bad_input_with_a_server_error(
    world: dict[str, Any], method: str, path: str, operation: dict[str, object]
) -> None:
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        who=st.sampled_from(["learner", "staff", "anonymous"]),
        url=path_strategy(path, world["real"]),
        query=query_strategy(operation),
        body=body_strategy(operation),
    )
    def property(who: str, url: str, query: str, body: bytes) -> None:
        headers: _Auth = {}
        if who in world["tokens"]:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {world['tokens'][who]}"
        response = Client().generic(
            method, url + query, data=body, content_type="application/json", **headers
        )
        assert response.status_code < 500, (method, url + query, body[:200])

    property()


def _form_pages(patterns: list[Any], prefix: str = "") -> list[str]:
    """Every page of the site whose address takes no parameter."""
    found: list[str] = []
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if "<" in route or "(?P" in route or route.startswith(("admin", "api", "xapi")):
                continue
            found += _form_pages(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern) and "<" not in route and "(?P" not in route:
            found.append("/" + prefix + route.lstrip("^").rstrip("$"))
    return found


FIELD = re.compile(r'<(?:input|textarea|select)[^>]*\sname="([^"]+)"')
FORM = re.compile(r'<form[^>]*method="post"[^>]*action="([^"]*)"|<form[^>]*method="post"')


def test_no_html_form_answers_bad_input_with_a_server_error(world: dict[str, Any]) -> None:
    client = Client()
    client.force_login(world["learner"])
    posted = 0
    for page in _form_pages(get_resolver().url_patterns):
        response = client.get(page)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if not FORM.search(html):
            continue
        names = sorted(set(FIELD.findall(html)) - {"csrfmiddlewaretoken"})
        for nasty in ("a\x00b", "x" * 20_000, "\ud800", "9999-12-31T23:59-05:00"):
            data = {name: nasty.encode("utf-8", "surrogatepass") for name in names}
            response = client.post(page, data)
            posted += 1
            assert response.status_code < 500, (page, nasty[:20])
    assert posted > 0


def test_form_fields_over_the_size_limit_are_refused_as_too_large(
    client: Client, settings: Any
) -> None:
    """Form fields larger than DATA_UPLOAD_MAX_MEMORY_SIZE (files aside) are refused unread, as
    too large, and nothing is saved."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    person = UserFactory.create(full_name="Nadia Haddad")
    client.force_login(person)

    response = client.post("/accounts/profile/", {"full_name": "x" * 20_000})

    assert response.status_code == 413
    assert "The request is too large." in response.content.decode()
    person.refresh_from_db()
    assert person.full_name == "Nadia Haddad"
