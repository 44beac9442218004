"""load_demo: the demo ecosystem as a visitor, a learner and the staff would find it."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.models import User
from praxis.authoring.models import Draft, DraftLesson
from praxis.catalog import listing, queries, search
from praxis.catalog.models import Course, Enrolment, Lesson, LessonProgress, Module, Topic
from praxis.community.models import Membership, Thread
from praxis.demo.community import load_community
from praxis.demo.content.people import PASSWORD
from praxis.demo.partners import load_partners
from praxis.lrs.models import Statement
from praxis.lrs.vocabulary import VERB_COMPLETED, VERB_EXITED, VERB_PROGRESSED
from praxis.organisations.models import Organisation, PartnerApplication
from praxis.reference.queries import who_region

pytestmark = pytest.mark.django_db

UN_LANGUAGES = {"ar", "zh-hans", "en", "fr", "ru", "es"}
# Content carries its language as a canonical BCP 47 tag.
UN_CONTENT_LANGUAGES = {"ar", "zh-Hans", "en", "fr", "ru", "es"}
WHO_REGIONS = {"AFR", "AMR", "SEAR", "EUR", "EMR", "WPR"}


def learner(email: str) -> User:
    return User.objects.get(email=email)


def test_catalogue_has_forty_published_courses_in_all_six_languages(demo: str) -> None:
    in_language = {
        language: listing.catalogue("en", language=language, size=100).total
        for language in UN_CONTENT_LANGUAGES
    }
    assert sum(in_language.values()) >= 40 and all(in_language.values())
    # Unfiltered, each course is listed once, in English where it has an English version.
    page = listing.catalogue("en", size=100)
    assert page.total == len({entry.course.translation_group_id for entry in page.items})
    assert {entry.course.language for entry in page.items} == {"en"}


def test_courses_are_linked_to_their_translations(demo: str) -> None:
    page = listing.catalogue("en", size=100)
    languages_of = {entry.course.slug: entry.also_available_in for entry in page.items}
    hand_hygiene = {course.language for course in languages_of["hand-hygiene-en"]}
    assert hand_hygiene == UN_CONTENT_LANGUAGES - {"en"}
    assert all(languages_of.values()), "every demo course exists in at least two languages"


def test_draft_course_stays_out_of_the_catalogue(demo: str) -> None:
    draft = Course.objects.get(slug="community-home-visits-en")
    assert draft.status == Course.Status.DRAFT
    slugs = {entry.course.slug for entry in listing.catalogue("en", size=100).items}
    assert draft.slug not in slugs
    assert listing.catalogue("en", q="home visits").total == 0


def test_courses_are_found_by_searching_in_their_own_language(demo: str) -> None:
    def found(query: str, reader: str) -> set[str]:
        return {entry.course.slug for entry in listing.catalogue(reader, q=query).items}

    assert "hand-hygiene-zh-hans" in found("手卫生", "zh-hans")
    assert "vaccine-cold-chain-es" in found("vacunas", "es")
    assert "emergency-triage-ru" in found("сортировка", "ru")
    assert "mental-health-first-aid-ar" in found("الإسعافات", "ar")
    # A reader of English finds the same course, in English.
    assert "hand-hygiene-en" in found("手卫生", "en")


def test_lessons_are_rendered_and_videos_have_transcripts(demo: str) -> None:
    lessons = Lesson.objects.filter(module__course__slug="hand-hygiene-fr")
    assert lessons.count() == 4
    assert all(lesson.body_html.startswith("<") for lesson in lessons)
    with_video = lessons.exclude(video_url="")
    assert with_video.count() == 1
    assert with_video.get().transcript


def test_partners_cover_all_six_who_regions_and_several_types(demo: str) -> None:
    partners = Organisation.objects.exclude(type=Organisation.Type.ACADEMY)
    assert partners.count() >= 12
    assert {who_region(str(partner.country)) for partner in partners} == WHO_REGIONS
    assert len({partner.type for partner in partners}) >= 5
    assert Organisation.objects.filter(type=Organisation.Type.ACADEMY).count() == 1


def test_every_course_is_co_created_by_one_to_three_partners(demo: str) -> None:
    for course in Course.objects.prefetch_related("organisations", "topics"):
        assert 1 <= len(course.organisations.all()) <= 3, course.slug
        assert course.topics.all(), course.slug


def test_learner_not_yet_enrolled_has_no_learning(demo: str) -> None:
    mine = queries.my_learning(learner("carlos@praxis.example"))
    assert (mine.in_progress, mine.completed, mine.earlier) == ([], [], [])


def test_learner_just_enrolled_has_a_course_at_zero_percent(demo: str) -> None:
    mine = queries.my_learning(learner("marie@praxis.example"))
    (entry,) = mine.in_progress
    assert entry.enrolment.course.slug == "safe-childbirth-fr"
    assert entry.progress.percent == 0


def test_learner_in_progress_has_some_lessons_done_and_a_lesson_to_resume(demo: str) -> None:
    mine = queries.my_learning(learner("amina@praxis.example"))
    (entry,) = mine.in_progress
    assert entry.enrolment.course.language == "ar"
    assert (entry.progress.completed, entry.progress.total) == (2, 4)
    assert entry.progress.resume == entry.progress.lessons[2]


def test_learner_who_completed_courses_sees_them_completed(demo: str) -> None:
    mine = queries.my_learning(learner("li.wei@praxis.example"))
    assert mine.in_progress == []
    assert {entry.enrolment.course.slug for entry in mine.completed} == {
        "vaccine-cold-chain-zh-hans",
        "hand-hygiene-zh-hans",
    }
    assert all(entry.progress.percent == 100 for entry in mine.completed)


def test_learner_who_withdrew_and_re_enrolled_kept_earlier_progress(demo: str) -> None:
    mine = queries.my_learning(learner("olga@praxis.example"))
    (earlier,) = mine.earlier
    (current,) = mine.in_progress
    assert earlier.enrolment.course == current.enrolment.course
    assert current.progress.completed == 2


def test_learning_is_recorded_as_xapi_statements(demo: str) -> None:
    def statements(email: str, verb: str) -> int:
        user = learner(email)
        return Statement.objects.filter(actor_key__endswith=str(user.uuid), verb_id=verb).count()

    assert statements("amina@praxis.example", VERB_PROGRESSED) == 2
    assert statements("li.wei@praxis.example", VERB_COMPLETED) == 2
    assert statements("olga@praxis.example", VERB_EXITED) == 1


def test_learners_have_profiles_in_every_region_and_language(demo: str) -> None:
    learners = User.objects.filter(is_staff=False)
    assert {person.preferred_language for person in learners} == UN_LANGUAGES
    assert {who_region(str(person.country)) for person in learners} == WHO_REGIONS
    assert all(person.occupation_id and person.email_verified for person in learners)


def test_staff_and_admin_log_in_with_the_demo_password(demo: str) -> None:
    staff, admin = learner("staff@praxis.example"), learner("admin@praxis.example")
    assert staff.is_staff and not staff.is_superuser
    assert admin.is_superuser
    assert staff.check_password(PASSWORD) and admin.check_password(PASSWORD)
    assert PASSWORD in demo


def test_loading_twice_changes_and_duplicates_nothing(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tables = (Organisation, Topic, Course, Module, Lesson, User, Enrolment, LessonProgress)

    def counts() -> Counter[str]:
        return Counter({model.__name__: model.objects.count() for model in tables}) + Counter(
            statements=Statement.objects.count()
        )

    before = counts()
    call_command("load_demo", again=True)  # every loader runs again
    assert counts() == before
    assert "nothing to add" in capsys.readouterr().out


def test_loading_a_loaded_demo_again_is_recognised_with_one_query(
    demo: str,
    capsys: pytest.CaptureFixture[str],
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    with django_assert_max_num_queries(1):
        call_command("load_demo")
    assert "already loaded; nothing to add" in capsys.readouterr().out


def test_demo_logins_prints_every_account_with_its_stage(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("demo_logins")
    out = capsys.readouterr().out
    for email in ("amina@praxis.example", "staff@praxis.example", "olga@praxis.example"):
        assert email in out
    assert "withdrew and re-enrolled" in out
    assert PASSWORD in out


def test_demo_learners_have_years_of_birth_for_research_age_bands(demo: str) -> None:
    years = dict(
        User.objects.filter(email__in=["marie@praxis.example", "olga@praxis.example"]).values_list(
            "email", "birth_year"
        )
    )
    assert years == {"marie@praxis.example": 1988, "olga@praxis.example": 1972}
    assert learner("admin@praxis.example").birth_year is None


def test_demo_shows_ratings_survey_results_and_grades(demo: str, client: Client) -> None:
    page = client.get("/courses/hand-hygiene-en/").content.decode()
    assert "Rated 4." in page and "learners: ratings and reviews" in page
    client.force_login(User.objects.get(email="grace@praxis.example"))  # an author at Nairobi SPH
    results = client.get("/feedback/courses/hand-hygiene-en/survey/results/").content.decode()
    assert "fewer than 5" in results and "Strongly agree" in results
    grades = client.get("/grades/").content.decode()
    assert "Final check: hand hygiene in practice" in grades and "2 left" in grades
    assert "Your certificate" in grades


def test_demo_shows_course_images_captioned_videos_and_a_lesson_discussion(
    demo: str, client: Client
) -> None:
    catalogue = client.get("/courses/").content.decode()
    assert 'type="image/webp" srcset="/courses/' in catalogue and 'loading="lazy"' in catalogue
    assert Course.objects.filter(status="published").exclude(image={}).count() >= 40
    amina = User.objects.get(email="amina@praxis.example")
    client.force_login(amina)
    lesson = next(
        lesson
        for lesson in Lesson.objects.filter(module__course__slug="hand-hygiene-ar").order_by(
            "module__position", "position"
        )
        if lesson.captions
    )
    assert {track["language"] for track in lesson.captions} == {
        "en",
        "fr",
        "es",
        "ru",
        "ar",
        "zh-Hans",
    }
    page = client.get(f"/courses/hand-hygiene-ar/lessons/{lesson.uuid}/").content.decode()
    assert "الممرضة" in page and "/captions/ar.vtt" in page and "/360p" in page
    assert (
        Course.objects.filter(title__icontains="hygiene")
        .filter(pk__in=search.search(Course.objects.all(), "fluorescent gel").values("pk"))
        .exists()
    )
    first = (
        Lesson.objects.filter(module__course__slug="hand-hygiene-ar")
        .order_by("module__position", "position")
        .first()
    )
    assert Thread.objects.filter(lesson=first).exists()
    draft = Draft.objects.get(title="Field epidemiology for district health officers")
    assert draft.licence == "CC BY-SA 4.0" and draft.prerequisites and draft.image["alt"]
    assert [topic.slug for topic in draft.topics.all()] == ["health-emergencies"]
    assert any(lesson.captions for lesson in DraftLesson.objects.filter(module__draft=draft))


def test_demo_shows_a_partner_application_and_an_invitation_waiting(
    demo: str, client: Client
) -> None:
    assert "1 partner applications" in demo and "1 community invitations" in demo
    client.force_login(User.objects.get(email="staff@praxis.example"))
    waiting = client.get("/partners/applications/").content.decode()
    assert "Red Andina de Agentes Comunitarios de Salud" in waiting
    assert "Carlos Mendoza Quispe" in waiting
    marie = User.objects.get(email="marie@praxis.example")
    client.force_login(marie)
    community = client.get("/community/c/eastern-mediterranean-nurses/").content.decode()
    assert "You are invited to join this community." in community
    notices = client.get("/notifications/").content.decode()
    assert "Nadia Rahman invited you to join Eastern Mediterranean nurses" in notices
    load_partners()
    load_community()
    assert PartnerApplication.objects.filter(status="submitted").count() == 1
    assert Membership.objects.filter(user=marie, status="invited").count() == 1
