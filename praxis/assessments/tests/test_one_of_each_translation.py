"""A pathway or course translated into several languages is shown once, in the reader's
languages first (those they declared, then the interface's), else as the original."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments.models import Alignment, Pathway
from praxis.assessments.tests.factories import (
    AlignmentFactory,
    PathwayFactory,
    PathwayStepFactory,
)
from praxis.catalog.models import Course, TranslationGroup
from praxis.catalog.tests.factories import CourseFactory, EnrolmentFactory
from praxis.competencies.models import TargetRequirement
from praxis.competencies.tests.factories import TargetRequirementFactory

pytestmark = pytest.mark.django_db

TITLES = {
    "hygiene": {
        "en": "Hand hygiene",
        "fr": "Hygiène des mains",
        "ru": "Гигиена рук",
        "es": "Higiene de manos",
        "ar": "نظافة اليدين",
        "zh-Hans": "手部卫生",
    },
    "stewardship": {"en": "Antimicrobial stewardship", "fr": "Bon usage des antimicrobiens"},
}


def translated_courses(key: str) -> dict[str, Course]:
    """The course `key` in each of its languages, the English one first (the original)."""
    group = TranslationGroup.objects.create(key=key)
    return {
        language: CourseFactory.create(language=language, title=title, translation_group=group)
        for language, title in TITLES[key].items()
    }


@pytest.fixture
def courses() -> dict[str, dict[str, Course]]:
    return {key: translated_courses(key) for key in TITLES}


@pytest.fixture
def pathways(courses: dict[str, dict[str, Course]]) -> dict[str, Pathway]:
    """One pathway, in English and in French: the same courses in each language."""
    found = {}
    for language, title in (("en", "Infection control lead"), ("fr", "Référent hygiène")):
        pathway = PathwayFactory.create(language=language, title=title)
        for position, key in enumerate(("hygiene", "stewardship")):
            PathwayStepFactory.create(
                pathway=pathway, course=courses[key][language], position=position
            )
        found[language] = pathway
    return found


def reader(client: Client, languages: list[str]) -> User:
    person = UserFactory.create(languages=languages)
    client.force_login(person)
    return person


def pathway_titles(client: Client, language: str) -> list[str]:
    page = client.get(reverse("assessments:pathways"), HTTP_ACCEPT_LANGUAGE=language).text
    return [title for title in ("Infection control lead", "Référent hygiène") if title in page]


def test_a_pathway_in_several_languages_is_listed_once_in_the_readers_language(
    client: Client, pathways: dict[str, Pathway]
) -> None:
    reader(client, ["fr"])
    assert pathway_titles(client, "en") == ["Référent hygiène"]
    # Declared languages come before the interface's.
    reader(client, ["ru", "fr"])
    assert pathway_titles(client, "en") == ["Référent hygiène"]
    client.logout()
    assert pathway_titles(client, "fr") == ["Référent hygiène"]


def test_a_pathway_in_none_of_the_readers_languages_is_listed_once_as_the_original(
    client: Client, pathways: dict[str, Pathway]
) -> None:
    reader(client, ["ru"])
    assert pathway_titles(client, "ru") == ["Infection control lead"]


def test_pathways_of_other_courses_are_each_listed(
    client: Client, pathways: dict[str, Pathway], courses: dict[str, dict[str, Course]]
) -> None:
    other = PathwayFactory.create(language="fr", title="Hygiène seule")
    PathwayStepFactory.create(pathway=other, course=courses["hygiene"]["fr"])
    reader(client, ["ru"])
    page = client.get(reverse("assessments:pathways"), HTTP_ACCEPT_LANGUAGE="ru").text
    assert "Infection control lead" in page and "Hygiène seule" in page
    assert "Référent hygiène" not in page


@pytest.fixture
def requirement(courses: dict[str, dict[str, Course]]) -> TargetRequirement:
    requirement = TargetRequirementFactory.create(level=4)
    for translations in courses.values():
        for course in translations.values():
            AlignmentFactory.create(course=course, item=requirement.item, level=4)
    return requirement


def recommended(client: Client, requirement: TargetRequirement, language: str) -> str:
    url = reverse("assessments:my_gaps") + f"?target={requirement.profile.slug}"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).text
    return page.split("<ol>")[1].split("</ol>")[0]


def test_gaps_recommend_each_course_and_pathway_once_in_the_readers_language(
    client: Client, requirement: TargetRequirement, pathways: dict[str, Pathway]
) -> None:
    reader(client, ["ru"])
    shown = recommended(client, requirement, "ru")
    assert shown.count("<li>") == 3
    assert "Гигиена рук" in shown  # the Russian course
    assert "Antimicrobial stewardship" in shown  # no Russian one: the original
    assert "Infection control lead" in shown  # no Russian pathway: the original
    for elsewhere in ("Hand hygiene", "Hygiène des mains", "Higiene de manos", "手部卫生"):
        assert elsewhere not in shown
    assert "Bon usage des antimicrobiens" not in shown and "Référent hygiène" not in shown
    assert shown.index("Гигиена рук") < shown.index("Antimicrobial stewardship")


def test_gaps_recommend_no_translation_of_a_course_the_learner_completed(
    client: Client, requirement: TargetRequirement, courses: dict[str, dict[str, Course]]
) -> None:
    learner = reader(client, ["fr"])
    english = courses["hygiene"]["en"]
    # Completed, it leaves the learner short of level 4: its translations teach level 4.
    Alignment.objects.filter(course=english).update(level=2)
    EnrolmentFactory.create(
        learner=learner, course=english, status="completed", completed_at=timezone.now()
    )
    shown = recommended(client, requirement, "fr")
    assert "Bon usage des antimicrobiens" in shown
    assert "Hygiène des mains" not in shown and "Гигиена рук" not in shown
