"""The API does what its OpenAPI document says: Schemathesis generates requests from the
document (valid ones and, for negative testing, invalid ones) and checks every answer (status
declared, body of the declared schema, invalid input refused, valid input accepted), in-process
through the WSGI application, for a learner and for an anonymous caller. Bounded and
deterministic: a few examples per operation from a fixed seed."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from praxis.accounts.services import create_api_token
from praxis.accounts.tests.factories import UserFactory
from praxis.wsgi import application

# The NUL character is refused everywhere before any operation (README, Security), so it is
# left out of the strings generated as valid.
CONFIG = SchemathesisConfig.from_dict({"generation": {"allow-x00": False}})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)


@pytest.fixture
def learner_token(db) -> str:
    return create_api_token(UserFactory(), "contract")[1]


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
def test_the_api_keeps_to_its_openapi_document(case, caller, learner_token):
    headers = {"Accept-Encoding": "identity"}
    if caller == "learner":
        headers["Authorization"] = f"Bearer {learner_token}"
    case.call_and_validate(headers=headers)
