"""Launches from a learning platform that Praxis refuses, each with its `lti_*` code and a
message, leaving accounts, enrolments and logins as they were."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from joserfc import jws, jwt
from joserfc.jwk import OctKey, RSAKey

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import Course, Enrolment
from praxis.catalog.tests.factories import CourseFactory
from praxis.lti.models import PlatformAccount, PlatformLogin
from praxis.lti.tests.conftest import Offered
from praxis.lti.tests.lms import ISSUER, Learner, Lms
from praxis.lti.tests.test_lti1p3platform import authentication_request

pytestmark = pytest.mark.django_db

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
LAUNCH = "/lti/tool/launch"
JSON = {"Accept": "application/json"}


def posted(offered: Offered, learner: Learner | None = None, **answer: Any) -> dict[str, str]:
    """What the platform's page posts to Praxis's launch URL (not posted yet)."""
    lms, learner = offered.lms, learner or Learner("moodle-user-17")
    target = answer.pop("target", offered.target)
    found = lms.answer(authentication_request(lms, learner, target), learner, target, **answer)
    return {"id_token": found["id_token"], "state": found["state"]}


def refusal(response: Any) -> tuple[int, str]:
    body = response.json()
    assert body["error"]["message"]
    return response.status_code, body["error"]["code"]


def post(browser: Client, fields: dict[str, str]) -> tuple[int, str]:
    return refusal(browser.post(LAUNCH, fields, headers=JSON))


def nothing_changed(users_before: int) -> bool:
    return (
        User.objects.count() == users_before
        and not PlatformAccount.objects.exists()
        and not Enrolment.objects.exists()
        and not PlatformLogin.objects.filter(used_at__isnull=False).exists()
    )


def resigned(token: str, private_pem: str, **changes: Any) -> str:
    """`token` with its claims changed (None: removed), signed again by `private_pem`."""
    compact = jws.extract_compact(token.encode())
    claims = {**json.loads(compact.payload), **changes}
    claims = {name: value for name, value in claims.items() if value is not None}
    return jwt.encode(dict(compact.protected), claims, RSAKey.import_key(private_pem))


def tampered(token: str, **changes: Any) -> str:
    """`token` with its claims changed and its signature kept."""
    header, _payload, signature = token.split(".")
    claims = {**json.loads(jws.extract_compact(token.encode()).payload), **changes}
    encoded = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{encoded}.{signature}"


# Login initiation


def initiate(browser: Client, **params: str) -> tuple[int, str]:
    values = {
        "iss": ISSUER,
        "login_hint": "moodle-user-17",
        "target_link_uri": settings.SITE_URL + "/courses/sepsis-er/",
        "client_id": "praxis-tool-1",
        **params,
    }
    return refusal(browser.get("/lti/tool/login", values, headers=JSON))


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"iss": "https://other-lms.example"}, 403, "lti_unknown_platform"),
        ({"client_id": "another-client"}, 403, "lti_unknown_platform"),
        ({"lti_deployment_id": "99"}, 403, "lti_unknown_deployment"),
        ({"iss": ""}, 400, "lti_invalid_request"),
        ({"login_hint": ""}, 400, "lti_invalid_request"),
        ({"login_hint": "x" * 2001}, 400, "lti_invalid_request"),
        (
            {"target_link_uri": "https://evil.example/courses/sepsis-er/"},
            400,
            "lti_invalid_request",
        ),
        ({"lti_message_hint": "h" * 4001}, 400, "lti_invalid_request"),
    ],
)
def test_a_login_initiation_refused(
    offered: Offered, params: dict[str, str], status: int, code: str
) -> None:
    assert initiate(Client(), **params) == (status, code)
    assert not PlatformLogin.objects.exists()


def test_a_deactivated_platform_initiates_nothing(offered: Offered) -> None:
    offered.platform.active = False
    offered.platform.save()

    assert initiate(Client()) == (403, "lti_platform_unavailable")
    assert not PlatformLogin.objects.exists()


def test_a_refusal_is_a_translated_page_for_the_browser(offered: Offered) -> None:
    response = Client().get(
        "/lti/tool/login",
        {"iss": "https://other-lms.example", "login_hint": "u", "target_link_uri": offered.target},
        headers={"Accept-Language": "fr"},
    )
    assert response.status_code == 403
    assert "lti_unknown_platform" in response.content.decode()


# Launch


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({}, "lti_invalid_request"),
        ({"id_token": "", "state": "s"}, "lti_invalid_request"),
        ({"id_token": "x" * 20_001, "state": "s"}, "lti_invalid_request"),
    ],
)
def test_a_malformed_launch_is_refused(offered: Offered, fields: dict[str, str], code: str) -> None:
    assert post(Client(), fields) == (400, code)


def test_a_token_that_is_not_a_jwt_is_refused(offered: Offered) -> None:
    fields = posted(offered)
    users = User.objects.count()
    assert post(offered.lms.browser, {**fields, "id_token": "not.a.jwt"}) == (
        400,
        "lti_invalid_request",
    )
    assert nothing_changed(users)


def test_a_state_this_browser_was_not_given_is_refused(offered: Offered) -> None:
    fields = posted(offered)
    users = User.objects.count()

    # Another browser (without the state's cookie) posts the id_token.
    assert post(Client(), fields) == (403, "lti_state_mismatch")
    assert nothing_changed(users)


def test_a_state_that_was_never_issued_is_refused(offered: Offered) -> None:
    fields = posted(offered)
    offered.lms.browser.cookies["praxis_lti_state_made-up"] = "1"
    assert post(offered.lms.browser, {**fields, "state": "made-up"}) == (
        403,
        "lti_state_mismatch",
    )


def test_a_launch_posted_twice_is_a_replay(offered: Offered) -> None:
    fields = posted(offered)
    first = offered.lms.browser.post(LAUNCH, fields)
    assert first.status_code == 302
    offered.lms.browser.cookies[f"praxis_lti_state_{fields['state']}"] = "1"

    assert post(offered.lms.browser, fields) == (409, "lti_replay")
    assert Enrolment.objects.count() == 1


def test_an_id_token_carrying_another_logins_nonce_is_refused(offered: Offered) -> None:
    first = posted(offered)
    second = posted(offered)
    users = User.objects.count()

    assert post(offered.lms.browser, {"id_token": first["id_token"], "state": second["state"]}) == (
        409,
        "lti_replay",
    )
    assert nothing_changed(users)


def test_an_expired_id_token_is_refused(offered: Offered) -> None:
    fields = posted(offered, expiration=-120)
    users = User.objects.count()
    assert post(offered.lms.browser, fields) == (401, "lti_assertion_expired")
    assert nothing_changed(users)


def test_an_id_token_from_the_future_is_refused(offered: Offered) -> None:
    fields = posted(offered)
    token = resigned(fields["id_token"], offered.lms.private_pem, iat=int(1e10), exp=int(1e10) + 60)
    assert post(offered.lms.browser, {**fields, "id_token": token}) == (
        401,
        "lti_assertion_expired",
    )


def test_a_tampered_id_token_fails_its_signature(offered: Offered) -> None:
    fields = posted(offered)
    users = User.objects.count()
    token = tampered(fields["id_token"], sub="moodle-admin-1")

    assert post(offered.lms.browser, {**fields, "id_token": token}) == (401, "lti_bad_signature")
    assert nothing_changed(users)


def test_an_id_token_signed_by_another_key_is_refused(offered: Offered) -> None:
    fields = posted(offered)
    token = resigned(fields["id_token"], Lms.new().private_pem)
    assert post(offered.lms.browser, {**fields, "id_token": token}) == (401, "lti_bad_signature")


def test_an_id_token_under_an_unknown_kid_is_refused(offered: Offered) -> None:
    fields = posted(offered)
    other = Lms.new()
    compact = jws.extract_compact(fields["id_token"].encode())
    token = jwt.encode(
        {"alg": "RS256", "kid": "unknown"},
        json.loads(compact.payload),
        RSAKey.import_key(other.private_pem),
    )
    assert post(offered.lms.browser, {**fields, "id_token": token}) == (401, "lti_bad_signature")


def test_an_id_token_not_signed_with_rs256_is_refused(offered: Offered) -> None:
    fields = posted(offered)
    compact = jws.extract_compact(fields["id_token"].encode())
    secret = OctKey.import_key("a shared secret, not a key pair" * 2)
    token = jwt.encode({"alg": "HS256"}, json.loads(compact.payload), secret)
    assert post(offered.lms.browser, {**fields, "id_token": token}) == (401, "lti_bad_signature")


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"iss": "https://other-lms.example"}, 403, "lti_unknown_platform"),
        ({"aud": "another-client", "azp": None}, 403, "lti_unknown_platform"),
        ({"aud": ["praxis-tool-1", "another"], "azp": None}, 401, "lti_assertion_invalid"),
        ({"azp": "another"}, 401, "lti_assertion_invalid"),
        ({"sub": ""}, 401, "lti_assertion_invalid"),
        ({"exp": "soon"}, 401, "lti_assertion_expired"),
        ({"nonce": "guessed"}, 409, "lti_replay"),
        ({LTI + "deployment_id": "99"}, 403, "lti_unknown_deployment"),
        ({LTI + "message_type": "LtiSubmissionReviewRequest"}, 400, "lti_wrong_message_type"),
        # A request to choose content must say how (its deep linking settings).
        ({LTI + "message_type": "LtiDeepLinkingRequest"}, 400, "lti_invalid_request"),
        ({LTI + "version": "1.1"}, 400, "lti_wrong_message_type"),
        ({LTI + "resource_link": None}, 400, "lti_invalid_request"),
        (
            {LTI + "target_link_uri": settings.SITE_URL + "/courses/nope/"},
            404,
            "lti_course_not_found",
        ),
        (
            {LTI + "target_link_uri": "https://evil.example/courses/sepsis-er/"},
            404,
            "lti_course_not_found",
        ),
        ({LTI + "custom": {"praxis_course": "nope"}}, 404, "lti_course_not_found"),
    ],
)
def test_an_id_token_with_a_wrong_claim_is_refused(
    offered: Offered, changes: dict[str, Any], status: int, code: str
) -> None:
    fields = posted(offered)
    users = User.objects.count()
    token = resigned(fields["id_token"], offered.lms.private_pem, **changes)

    assert post(offered.lms.browser, {**fields, "id_token": token}) == (status, code)
    assert nothing_changed(users)


def test_a_course_not_published_is_not_found(offered: Offered) -> None:
    draft = CourseFactory.create(slug="draft-course", status=Course.Status.DRAFT)
    target = settings.SITE_URL + reverse("catalog:course", args=[draft.slug])
    users = User.objects.count()

    assert post(offered.lms.browser, posted(offered, target=target)) == (
        404,
        "lti_course_not_found",
    )
    assert nothing_changed(users)


def test_a_platform_deactivated_during_the_login_is_refused(offered: Offered) -> None:
    fields = posted(offered)
    offered.platform.active = False
    offered.platform.save()
    users = User.objects.count()

    assert post(offered.lms.browser, fields) == (403, "lti_platform_unavailable")
    assert nothing_changed(users)


def test_a_login_older_than_the_launch_window_is_refused(offered: Offered) -> None:
    fields = posted(offered)
    PlatformLogin.objects.update(created_at="2020-01-01T00:00:00Z")
    assert post(offered.lms.browser, fields) == (403, "lti_state_mismatch")


def test_another_registration_of_the_issuer_cannot_answer_this_login(offered: Offered) -> None:
    other = Lms.new()
    other.client_id = "another-client"
    other.register_in_praxis(name="Another Moodle")
    fields = posted(offered)
    token = resigned(fields["id_token"], offered.lms.private_pem, aud="another-client", azp=None)

    assert post(offered.lms.browser, {**fields, "id_token": token}) == (403, "lti_state_mismatch")


def test_someone_signed_in_is_replaced_by_the_platforms_learner(offered: Offered) -> None:
    someone = UserFactory.create(email="nadia@hospital.example")
    offered.lms.browser.force_login(someone)

    response = offered.lms.browser.post(LAUNCH, posted(offered))

    learner = PlatformAccount.objects.get().learner
    assert response.status_code == 302 and learner != someone
    assert offered.lms.browser.get(response["Location"]).wsgi_request.user == learner
    assert not Enrolment.objects.filter(learner=someone).exists()


def test_a_closed_account_is_not_signed_in(offered: Offered) -> None:
    offered.lms.browser.post(LAUNCH, posted(offered))
    User.objects.filter(lti_platform_accounts__isnull=False).update(is_active=False)
    browser = Client()
    offered.lms.browser = browser
    enrolments = Enrolment.objects.count()

    assert post(browser, posted(offered)) == (403, "permission_denied")
    assert Enrolment.objects.count() == enrolments
    assert PlatformLogin.objects.filter(used_at__isnull=True).count() == 1


def test_the_login_parameters_accept_a_post(offered: Offered) -> None:
    response = Client().post(
        "/lti/tool/login",
        {"iss": ISSUER, "login_hint": "u", "target_link_uri": offered.target},
    )
    assert response.status_code == 302
    params = dict(parse_qsl(urlsplit(response["Location"]).query))
    assert params["client_id"] == "praxis-tool-1" and "lti_message_hint" not in params
