"""The API does what its OpenAPI document says: Schemathesis generates requests from the
document (valid ones and, for negative testing, invalid ones) and checks every answer (status
declared, body of the declared schema, invalid input refused, valid input accepted), in-process
through the WSGI application, for a learner and for an anonymous caller. Bounded and
deterministic: a few examples per operation from a fixed seed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance
from schemathesis.transport.serialization import Binary

from praxis.accounts.services import create_api_token
from praxis.accounts.tests.factories import UserFactory
from praxis.wsgi import application

# The NUL character is refused everywhere before any operation (README, Security), so it is
# left out of the strings generated as valid.
CONFIG = SchemathesisConfig.from_dict({"generation": {"allow-x00": False}})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)


@schema.hook
def filter_body(context: schemathesis.HookContext, body: Any) -> bool:
    """Werkzeug, which carries these requests in-process, writes an empty file part without the
    line break that must precede the next boundary (RFC 2046, 5.1.1), and Django then reads no
    file at all; a real client's empty upload is tested where each upload is. So no empty file
    is generated here."""
    if not isinstance(body, dict):
        return True
    return not any(isinstance(value, Binary) and not value.data for value in body.values())


# Rules no JSON Schema can state, so that schema-valid input may still be refused there (with a
# 400 the document declares): a project's ethics approval must not have expired (a date
# compared with today); a profile's occupation must be one of the ISCO-08 groups stored in
# the database; an e-mail change needs the person's current password, and its confirmation a
# token signed by the site; asking to delete one's account needs one's own password, and an
# archive's download link its signature; a content package must be a non-empty zip holding a
# known manifest, and a QTI upload a package or an item.
RULES_BEYOND_THE_SCHEMA = {
    ("POST", "/research/projects"),
    ("PATCH", "/me"),
    ("POST", "/me/email"),
    ("POST", "/me/email/confirm"),
    ("POST", "/me/data/erasure"),
    ("GET", "/me/data/archive/{token}"),
    ("POST", "/authoring/drafts/{draft}/modules/{module}/packages"),
    ("POST", "/authoring/drafts/{draft}/lessons/{key}/package"),
    ("POST", "/authoring/drafts/{draft}/quizzes/{key}/qti"),
}


@pytest.fixture
def keep_the_test_connection() -> Iterator[None]:
    """As Django's test client does: the WSGI application must not close the connection that
    holds the test's transaction at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def learner_token(db: None) -> str:
    return create_api_token(UserFactory.create(), "contract")[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=3,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.parametrize("caller", ["learner", "anonymous"])
def test_the_api_keeps_to_its_openapi_document(
    case: schemathesis.Case[Any], caller: str, learner_token: str, keep_the_test_connection: None
) -> None:
    headers = {"Accept-Encoding": "identity"}
    if caller == "learner":
        headers["Authorization"] = f"Bearer {learner_token}"
    beyond = (case.method.upper(), case.operation.path.removeprefix("/api/v1")) in (
        RULES_BEYOND_THE_SCHEMA
    )
    case.call_and_validate(
        headers=headers, excluded_checks=[positive_data_acceptance] if beyond else None
    )
