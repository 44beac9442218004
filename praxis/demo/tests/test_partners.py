"""The demo partner network: centres at every stage, networks, memberships, a course in review.

Loading the whole demo takes a while, so each test checks one visitor-facing story at once.
"""

import pytest

from praxis.authoring.models import Draft
from praxis.demo.partners import IN_REVIEW_TITLE, load_partners
from praxis.organisations.models import CollaboratingCentre, Membership, Network, Partnership

pytestmark = pytest.mark.django_db


def test_directory_shows_centres_networks_partnerships_and_listed_people(demo: str) -> None:
    statuses = {centre.status for centre in CollaboratingCentre.objects.all()}
    assert statuses == {"active", "pending_redesignation", "expired"}
    alliance = Network.objects.get(slug="east-african-training-alliance")
    assert alliance.members.filter(left_on__isnull=False).count() == 1
    assert set(Partnership.objects.values_list("status", flat=True)) >= {
        "proposed",
        "under_review",
        "active",
        "expired",
    }
    assert Membership.objects.filter(listed=True, organisation__slug="nairobi-sph").count() == 2


def test_a_course_waits_for_its_reviewer_and_loading_again_adds_nothing(demo: str) -> None:
    draft = Draft.objects.get(title=IN_REVIEW_TITLE)
    assert draft.status == Draft.Status.IN_REVIEW
    assert draft.reviews.get().reviewer.email == "amina@praxis.example"
    assert draft.comments.count() == 2
    quiz = draft.quizzes.get()
    assert [q.kind for q in quiz.questions.all()] == ["single", "true_false"]
    assert draft.alignments.count() == 1
    assert not +load_partners()
