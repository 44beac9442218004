"""Names and Role Provisioning Services read by pylti1p3: the course's learners the tool has
met, under its pseudonyms, named only when the tool is trusted with names."""

from __future__ import annotations

import pytest
from django.test import Client

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import Enrolment
from praxis.catalog.tests.factories import EnrolmentFactory
from praxis.lti.tests.assertions import access_token
from praxis.lti.tests.conftest import Placement
from praxis.lti.tests.test_pylti_tool import launch

pytestmark = pytest.mark.django_db


def test_the_tool_lists_the_learners_who_opened_it(placement: Placement) -> None:
    # Enrolled, but never opened the tool: the tool does not learn of them.
    EnrolmentFactory.create(learner=UserFactory.create(), course=placement.course)
    tool_launch = launch(placement)

    members = tool_launch.get_nrps().get_members()

    assert [(m["user_id"], m["roles"]) for m in members] == [
        (
            tool_launch.get_launch_data()["sub"],
            ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        )
    ]
    assert "name" not in members[0] and "email" not in members[0]


def test_a_trusted_tool_reads_names_and_a_withdrawn_learner_is_gone(
    placement: Placement,
) -> None:
    registration = placement.tool.registration
    assert registration is not None
    registration.share_name = True
    registration.save()
    tool_launch = launch(placement)
    assert [m["name"] for m in tool_launch.get_nrps().get_members()] == ["Amina Diallo"]

    Enrolment.objects.filter(learner=placement.learner).update(status=Enrolment.Status.WITHDRAWN)

    assert tool_launch.get_nrps().get_members() == []


def test_a_course_the_tool_never_opened_in_is_not_found(placement: Placement) -> None:
    launch(placement)
    token = access_token(placement.tool)
    response = Client().get(
        "/lti/contexts/another-course/memberships", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 404
