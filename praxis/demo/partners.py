"""Demo partner network: more organisations, WHO Collaborating Centres at every stage of their
term, partnerships, networks, memberships for demo people, courses being co-created, and an
application to join the network waiting for the staff's review.

Centre dates are set relative to today, so the demo always shows an active centre, one due for
redesignation and one expired. Everything is keyed by slug, reference number, e-mail address or
title, so loading twice adds nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from praxis.accounts import links
from praxis.accounts.models import User
from praxis.accounts.services import sign_up, verify_email
from praxis.authoring import quizzes
from praxis.authoring import services as authoring
from praxis.authoring.inputs import QuestionInput, QuizSettings
from praxis.authoring.models import Draft
from praxis.catalog.models import Course, Topic
from praxis.competencies.models import CompetencyItem
from praxis.demo.content.people import PASSWORD
from praxis.demo.media import dress_draft_in_review
from praxis.demo.people import demo_staff
from praxis.notifications.services import without_notices
from praxis.organisations import onboarding
from praxis.organisations import services as organisations
from praxis.organisations.models import (
    CollaboratingCentre,
    Membership,
    Network,
    Organisation,
    PartnerApplication,
    Partnership,
    Role,
)

Type = Organisation.Type


@dataclass(frozen=True)
class More:
    slug: str
    name: str
    names: dict[str, str]
    type: str
    country: str
    description: str
    topics: tuple[str, ...]


MORE_ORGANISATIONS = (
    More(
        "ministry-health-ghana-hr",
        "Ghana Ministry of Health, Human Resources Directorate",
        {"fr": "Ministère de la Santé du Ghana, Direction des ressources humaines"},
        Type.MEMBER_STATE_BODY,
        "GH",
        "Plans and regulates the training and deployment of Ghana's health workforce.",
        ("workforce planning", "primary care"),
    ),
    More(
        "un-population-fund-learning",
        "Population Fund Learning Hub",
        {"fr": "Pôle d'apprentissage du Fonds pour la population", "es": "Centro de aprendizaje"},
        Type.UN_AGENCY,
        "US",
        "Learning programmes on sexual and reproductive health for midwives and nurses.",
        ("midwifery", "maternal health"),
    ),
    More(
        "medecins-rurales",
        "Médecins des zones rurales",
        {"en": "Rural Doctors Association", "ar": "جمعية أطباء الأرياف"},
        Type.NGO,
        "SN",
        "Supports clinicians working in rural health posts across the Sahel.",
        ("primary care", "emergency care"),
    ),
    More(
        "intl-council-pharmacy-educators",
        "International Council of Pharmacy Educators",
        {"es": "Consejo Internacional de Educadores en Farmacia"},
        Type.PROFESSIONAL_ASSOCIATION,
        "NL",
        "Professional association for the people who teach pharmacy.",
        ("antimicrobial resistance", "pharmacy"),
    ),
    More(
        "jakarta-nursing-institute",
        "Jakarta Institute of Nursing Sciences",
        {"zh-hans": "雅加达护理科学研究所"},
        Type.UNIVERSITY,
        "ID",
        "Nursing school and research institute (WHO Western Pacific Region since May 2025).",
        ("nursing", "infection prevention"),
    ),
    More(
        "open-clinical-tools",
        "Open Clinical Tools Ltd",
        {},
        Type.PRIVATE,
        "IN",
        "Builds open-source decision-support tools for community health workers.",
        ("digital health",),
    ),
)

# (organisation slug, reference number, title, years before today it was designated,
#  years before today it was last redesignated or None, technical unit)
CENTRES = (
    (
        "nairobi-sph",
        "KEN-31",
        "WHO Collaborating Centre for Field Epidemiology Training",
        6,
        2,
        "Health Emergencies Programme",
    ),
    (
        "sahel-nursing-midwifery",
        "BFA-07",
        "WHO Collaborating Centre for Nursing and Midwifery Education",
        3.8,
        None,
        "Health Workforce",
    ),
    (
        "baltic-ipc-nurses",
        "EST-04",
        "WHO Collaborating Centre for Infection Prevention and Control Nursing",
        5,
        None,
        "Infection Prevention and Control",
    ),
    (
        "jakarta-nursing-institute",
        "INO-12",
        "WHO Collaborating Centre for Nursing Workforce Development",
        1,
        None,
        "Health Workforce",
    ),
)

NETWORKS = (
    (
        "east-african-training-alliance",
        "East African Public Health Training Alliance",
        "nairobi-sph",
        "Schools of public health sharing curricula and field placements.",
        (
            ("nairobi-sph", 2019, None),
            ("medecins-rurales", 2021, 2024),
            ("ministry-health-ghana-hr", 2022, None),
        ),
    ),
    (
        "ipc-nursing-network",
        "Global Network of Infection Prevention Nurses",
        "baltic-ipc-nurses",
        "Nurses and nursing schools improving infection prevention in daily care.",
        (
            ("baltic-ipc-nurses", 2018, None),
            ("jakarta-nursing-institute", 2023, None),
            ("sahel-nursing-midwifery", 2020, None),
        ),
    ),
)

# (organisation, title, type, statuses it went through)
PARTNERSHIPS = (
    (
        "nairobi-sph",
        "Co-creating the field epidemiology curriculum",
        Partnership.Type.CO_CREATION,
        ("under_review", "active"),
    ),
    (
        "un-population-fund-learning",
        "Memorandum on midwifery education",
        Partnership.Type.MOU,
        ("under_review",),
    ),
    (
        "intl-council-pharmacy-educators",
        "Antimicrobial stewardship research",
        Partnership.Type.RESEARCH,
        ("under_review", "active", "expired"),
    ),
    ("open-clinical-tools", "Funding for offline decision support", Partnership.Type.FUNDING, ()),
)

NEW_PEOPLE = (
    ("joseph@praxis.example", "Joseph Mwangi", "KE", "2211", "Nairobi School of Public Health"),
    ("sofia@praxis.example", "Sofia Lindqvist", "EE", "2221", "Baltic Association of IPC Nurses"),
)

# (e-mail, organisation, role, listed on its page)
MEMBERSHIPS = (
    ("joseph@praxis.example", "nairobi-sph", Role.ADMIN, True),
    ("grace@praxis.example", "nairobi-sph", Role.AUTHOR, True),
    ("sofia@praxis.example", "baltic-ipc-nurses", Role.ADMIN, True),
    ("amina@praxis.example", "levant-mental-health", Role.REVIEWER, True),
    ("marie@praxis.example", "sahel-nursing-midwifery", Role.AUTHOR, False),
    ("li.wei@praxis.example", "yangtze-stewardship", Role.MEMBER, True),
)

IN_REVIEW_TITLE = "Field epidemiology for district health officers"
OUTBREAK_TOPICS = ("health-emergencies",)


def load_partners() -> Counter[str]:
    """Create whatever part of the demo partner network is missing; return what was created."""
    created: Counter[str] = Counter()
    staff = demo_staff().first()
    for more in MORE_ORGANISATIONS:
        _organisation, made = Organisation.objects.get_or_create(
            slug=more.slug,
            defaults={
                "name": more.name,
                "names": more.names,
                "type": more.type,
                "country": more.country,
                "description": more.description,
                "topics": list(more.topics),
                "website": f"https://{more.slug}.example",
            },
        )
        created["organisations"] += made
    if staff is None:
        return created
    created["centres"] += _centres(staff)
    created["networks"] += _networks(staff)
    created["partnerships"] += _partnerships(staff)
    created["memberships"] += _memberships()
    created["drafts"] += _drafts(staff)
    created["partner applications"] += _application()
    return created


# Carlos asks for the community health workers' network he belongs to to become a partner;
# the academy's staff find the application waiting at /partners/applications/.
APPLICATION = {
    "name": "Red Andina de Agentes Comunitarios de Salud",
    "type": "ngo",
    "country": "PE",
    "website": "https://red-andina-acs.example",
    "description": (
        "A network of 1,200 community health agents in the Andean highlands of Puno and Cusco, "
        "who visit families in Quechua and Aymara villages."
    ),
    "motivation": (
        "We would like to co-create short courses on home visits and child nutrition in "
        "Spanish and Quechua, and to use the academy's courses in our monthly meetings."
    ),
}


def _application() -> bool:
    if PartnerApplication.objects.filter(name=APPLICATION["name"]).exists():
        return False  # waiting, or already decided by the demo's staff
    with without_notices():  # the academy's staff outside the demo need not hear of it
        onboarding.apply(User.objects.get(email="carlos@praxis.example"), **APPLICATION)
    return True


def _years_ago(years: float) -> datetime.date:
    return timezone.now().date() - datetime.timedelta(days=round(365.25 * years))


@transaction.atomic
def _centres(staff: User) -> int:
    made = 0
    for slug, reference, title, designated, redesignated, unit in CENTRES:
        if CollaboratingCentre.objects.filter(reference_number=reference).exists():
            continue
        organisations.designate_centre(
            Organisation.objects.get(slug=slug),
            staff,
            reference_number=reference,
            title=title,
            designated_on=_years_ago(designated),
            redesignated_on=_years_ago(redesignated) if redesignated else None,
            terms_of_reference="Support the academy in developing and reviewing courses.",
            activity_types=["training", "research", "technical guidance"],
            technical_unit=unit,
        )
        made += 1
    return made


@transaction.atomic
def _networks(staff: User) -> int:
    made = 0
    for slug, name, lead, description, members in NETWORKS:
        network, created = Network.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "lead": Organisation.objects.get(slug=lead),
            },
        )
        if not created:
            continue
        made += 1
        for member_slug, joined, left in members:
            organisation = Organisation.objects.get(slug=member_slug)
            organisations.join_network(network, organisation, staff, datetime.date(joined, 3, 1))
            if left:
                organisations.leave_network(
                    network, organisation, staff, datetime.date(left, 6, 30)
                )
    return made


@transaction.atomic
def _partnerships(staff: User) -> int:
    made = 0
    for slug, title, kind, steps in PARTNERSHIPS:
        if Partnership.objects.filter(title=title).exists():
            continue
        partnership = organisations.propose_partnership(
            Organisation.objects.get(slug=slug),
            staff,
            type=kind,
            title=title,
            scope="Joint work with the academy.",
            starts_on=datetime.date(2024, 1, 1),
            ends_on=datetime.date(2027, 12, 31),
        )
        for step in steps:
            organisations.move_partnership(partnership, step, staff)
        made += 1
    return made


@transaction.atomic
def _memberships() -> int:
    for email, full_name, country, occupation, organisation_name in NEW_PEOPLE:
        if not User.objects.filter(email=email).exists():
            user = sign_up(
                email=email,
                password=PASSWORD,
                full_name=full_name,
                country=country,
                occupation=occupation,
                languages=["en"],
                preferred_language="en",
                organisation_name=organisation_name,
                accept_terms=True,
            )
            assert user is not None  # the address was checked to be new above
            verify_email(links.make_verification_token(user))
    made = 0
    for email, slug, role, listed in MEMBERSHIPS:
        person = User.objects.filter(email=email).first()
        if person is None:
            continue
        _membership, created = Membership.objects.get_or_create(
            user=person,
            organisation=Organisation.objects.get(slug=slug),
            status=Membership.Status.ACTIVE,
            defaults={"role": role, "listed": listed},
        )
        made += created
    return made


@transaction.atomic
def _drafts(staff: User) -> int:
    """A new course in review, and a new version of a published course being written."""
    if Draft.objects.filter(title=IN_REVIEW_TITLE).exists():
        return 0
    grace = User.objects.get(email="grace@praxis.example")
    joseph = User.objects.get(email="joseph@praxis.example")
    amina = User.objects.get(email="amina@praxis.example")
    nairobi = Organisation.objects.get(slug="nairobi-sph")
    draft = authoring.start_draft(grace, nairobi, title=IN_REVIEW_TITLE, language="en")
    authoring.update_details(
        draft,
        grace,
        revision=draft.revision,
        details=authoring.CourseDetails(
            title=IN_REVIEW_TITLE,
            summary="Detect, investigate and report outbreaks in a district.",
            objectives=["Describe an outbreak by time, place and person", "Write a line list"],
            estimated_hours="3",
            cpd_credits="3",
            level="intermediate",
            topic_ids=list(
                Topic.objects.filter(slug__in=OUTBREAK_TOPICS).values_list("pk", flat=True)
            ),
            licence="CC BY-SA 4.0",
            prerequisites=["Basic epidemiology: rates and proportions", "Reading a line graph"],
        ),
    )
    module = draft.modules.get()
    texts = {
        "Is it an outbreak?": "Compare the cases you see with the **usual** number for the "
        "season and place.\n\n1. Confirm the diagnosis\n2. Count cases\n3. Compare",
        "The line list": "One row per case, one column per fact: onset date, village, age, "
        "sex, symptoms, outcome.",
    }
    for title, body in texts.items():
        lesson = authoring.add_lesson(module, grace, title)
        authoring.save_lesson(lesson, joseph, revision=lesson.revision, title=title, body=body)
    check = quizzes.add_quiz(
        draft, grace, QuizSettings.read({"title": "Is it an outbreak?", "pass_mark": 70})
    )
    quizzes.add_question(
        check,
        joseph,
        QuestionInput.read(
            {
                "kind": "single",
                "stem": "A district sees 14 measles cases in a month when 2 are usual. "
                "What comes first?",
                "options": [
                    {"text": "Confirm the diagnosis", "correct": True, "feedback": "Always first."},
                    {
                        "text": "Close the schools",
                        "feedback": "Not before the diagnosis is confirmed.",
                    },
                    {"text": "Wait for next month's figures"},
                ],
            }
        ),
    )
    quizzes.add_question(
        check,
        joseph,
        QuestionInput.read(
            {
                "kind": "true_false",
                "stem": "A line list has one row per case.",
                "options": [{"text": "True", "correct": True}, {"text": "False"}],
            }
        ),
    )
    competency = (
        CompetencyItem.objects.filter(statement__icontains="surveillance").order_by("id").first()
        or CompetencyItem.objects.filter(kind=CompetencyItem.Kind.COMPETENCY).order_by("id").first()
    )
    if competency is not None:
        quizzes.add_alignment(draft, grace, item=competency, level=2)
    thread = authoring.add_comment(
        draft, joseph, "Add an example line list as a downloadable table?", anchor="course"
    )
    authoring.add_comment(
        draft, grace, "Yes, I will add one from the 2023 measles outbreak.", parent=thread
    )
    draft.refresh_from_db()
    dress_draft_in_review(draft, grace)
    with without_notices():  # the academy's staff outside the demo need not hear of it
        authoring.submit_for_review(draft, grace)
    authoring.assign_reviewer(draft, amina, staff)

    hand_hygiene = Course.objects.filter(slug="hand-hygiene-en").first()
    if hand_hygiene is not None and not hand_hygiene.drafts.exists():
        sofia = User.objects.get(email="sofia@praxis.example")
        version = authoring.start_new_version(hand_hygiene, sofia)
        authoring.add_comment(
            version, sofia, "Update the first lesson to the 2025 guidance.", anchor="course"
        )
    return 1
