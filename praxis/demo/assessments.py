"""Demo assessments and competencies: a bilingual question bank, quizzes (with a pre-test and
post-test pair) on the hand-hygiene courses, competency alignments of every demo course to the
WHO skeletons, two target profiles, two pathways, and a learner's attempts.

Keyed by title and slug, so loading twice adds nothing. Quizzes are taken through the services,
so the marks, xAPI statements and evidence are what real use produces.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction

from praxis.accounts.models import User
from praxis.assessments import services as assessments
from praxis.assessments.inputs import QuestionBankDocument
from praxis.assessments.models import (
    Alignment,
    Pathway,
    PathwayStep,
    Question,
    QuestionBank,
    Quiz,
    QuizQuestion,
)
from praxis.catalog import services as catalog
from praxis.catalog.models import Course
from praxis.competencies.models import CompetencyItem, TargetProfile, TargetRequirement
from praxis.demo.people import demo_staff
from praxis.reference.models import Occupation

UHC = "who-gcof-uhc-2022"
EPHF = "who-gcof-ephf-2024"

# course theme → [(framework, item code, level taught)]
ALIGNMENTS = {
    "hand-hygiene": [(UHC, "6", 2), (UHC, "PA1.15", 2)],
    "emergency-triage": [(UHC, "2", 3), (UHC, "PA1.1", 3), (UHC, "PA1.2", 3)],
    "mental-health-first-aid": [(UHC, "3", 3), (UHC, "PA1.3", 3)],
    "safe-childbirth": [(UHC, "1", 3), (UHC, "PA1.8", 2)],
    "antimicrobial-stewardship": [(UHC, "5", 3), (UHC, "PA1.9", 3)],
    "outbreak-investigation": [(EPHF, "EPHF1", 3), (UHC, "PA1.17", 3)],
    "leading-a-health-team": [(UHC, "4", 3), (EPHF, "EPHF9", 2)],
    "vaccine-cold-chain": [(EPHF, "EPHF6", 2), (EPHF, "EPHF12", 2)],
}

TARGETS: dict[str, dict[str, Any]] = {
    "community-health-worker": {
        "names": {
            "en": "Community health worker",
            "fr": "Agent de santé communautaire",
            "es": "Agente de salud comunitario",
            "ar": "عامل صحة مجتمعية",
            "ru": "Общинный медработник",
            "zh-hans": "社区卫生工作者",
        },
        "occupation": "3253",
        "framework": UHC,
        "needs": [("1", 3), ("3", 3), ("6", 3), ("PA1.1", 2), ("PA1.3", 3), ("PA1.15", 2)],
    },
    "district-health-manager": {
        "names": {
            "en": "District health manager",
            "fr": "Responsable de district sanitaire",
            "es": "Gerente de distrito de salud",
            "ar": "مدير صحة المنطقة",
            "ru": "Руководитель районного здравоохранения",
            "zh-hans": "地区卫生管理者",
        },
        "occupation": "1342",
        "framework": EPHF,
        "needs": [("2", 3), ("4", 3), ("EPHF1", 3), ("EPHF9", 3)],
    },
}

BANK = {
    "title": {"en": "Hand hygiene: questions", "fr": "Hygiène des mains : questions"},
    "languages": ["en", "fr"],
    "cases": [
        {
            "key": "ward-round",
            "title": {"en": "A morning ward round", "fr": "Une visite du matin"},
            "vignette": {
                "en": "A nurse goes from a patient with a wound dressing to the next bed, "
                "where she will take a blood sample. Her gloves are still on.",
                "fr": "Une infirmière passe d'un patient dont elle a refait le pansement au lit "
                "voisin pour une prise de sang. Elle porte encore ses gants.",
            },
        }
    ],
    "questions": [
        {
            "kind": "single",
            "topic": "moments",
            "difficulty": 1,
            "stem": {
                "en": "When must a health worker clean their hands?",
                "fr": "Quand un soignant doit-il se laver les mains ?",
            },
            "options": [
                {
                    "text": {
                        "en": "Before touching a patient",
                        "fr": "Avant de toucher un patient",
                    },
                    "correct": True,
                },
                {
                    "text": {
                        "en": "Only when hands look dirty",
                        "fr": "Seulement si elles sont sales",
                    }
                },
                {"text": {"en": "Once per shift", "fr": "Une fois par garde"}},
            ],
        },
        {
            "kind": "true_false",
            "topic": "technique",
            "difficulty": 1,
            "stem": {
                "en": "Alcohol-based hand rub should be rubbed in for 20 to 30 seconds.",
                "fr": "La friction hydro-alcoolique dure de 20 à 30 secondes.",
            },
            "options": [
                {"text": {"en": "True", "fr": "Vrai"}, "correct": True},
                {"text": {"en": "False", "fr": "Faux"}},
            ],
        },
        {
            "kind": "multiple",
            "topic": "moments",
            "difficulty": 2,
            "stem": {
                "en": "Which of these are among the five moments for hand hygiene?",
                "fr": "Lesquels font partie des cinq moments de l'hygiène des mains ?",
            },
            "options": [
                {
                    "text": {
                        "en": "After body fluid exposure risk",
                        "fr": "Après un risque d'exposition à un liquide biologique",
                    },
                    "correct": True,
                },
                {
                    "text": {
                        "en": "Before a clean or aseptic procedure",
                        "fr": "Avant un geste propre ou aseptique",
                    },
                    "correct": True,
                },
                {
                    "text": {
                        "en": "Before writing in the patient record",
                        "fr": "Avant d'écrire dans le dossier",
                    }
                },
            ],
        },
        {
            "kind": "numeric",
            "topic": "technique",
            "difficulty": 2,
            "key": {"value": 40, "tolerance": 20},
            "stem": {
                "en": "How many seconds should handwashing with soap and water take?",
                "fr": "Combien de secondes dure un lavage des mains à l'eau et au savon ?",
            },
            "options": [],
        },
        {
            "kind": "ordering",
            "topic": "technique",
            "difficulty": 3,
            "stem": {
                "en": "Put the steps of handwashing in order.",
                "fr": "Remettez dans l'ordre les étapes du lavage des mains.",
            },
            "options": [
                {"text": {"en": "Wet hands with water", "fr": "Mouiller les mains"}},
                {"text": {"en": "Apply soap", "fr": "Appliquer du savon"}},
                {"text": {"en": "Rub all surfaces", "fr": "Frotter toutes les surfaces"}},
                {"text": {"en": "Rinse and dry", "fr": "Rincer et sécher"}},
            ],
        },
        {
            "kind": "matching",
            "topic": "products",
            "difficulty": 3,
            "stem": {
                "en": "Match each situation with what to use.",
                "fr": "Associez chaque situation à ce qu'il faut utiliser.",
            },
            "options": [
                {
                    "text": {"en": "Hands visibly soiled", "fr": "Mains visiblement sales"},
                    "match": {"en": "Soap and water", "fr": "Eau et savon"},
                },
                {
                    "text": {
                        "en": "Between two patients, hands clean",
                        "fr": "Entre deux patients, mains propres",
                    },
                    "match": {"en": "Alcohol-based rub", "fr": "Solution hydro-alcoolique"},
                },
            ],
        },
        {
            "kind": "true_false",
            "case": "ward-round",
            "topic": "moments",
            "difficulty": 2,
            "stem": {
                "en": "She may keep the same gloves for the blood sample.",
                "fr": "Elle peut garder les mêmes gants pour la prise de sang.",
            },
            "feedback": {
                "en": "Remove gloves and clean hands between patients and before an aseptic "
                "procedure.",
                "fr": "Retirer les gants et se désinfecter les mains entre deux patients et "
                "avant un geste aseptique.",
            },
            "options": [
                {"text": {"en": "True", "fr": "Vrai"}},
                {"text": {"en": "False", "fr": "Faux"}, "correct": True},
            ],
        },
    ],
}

PATHWAYS = [
    {
        "slug": "infection-prevention-focal-person",
        "title": "Infection prevention focal person",
        "language": "en",
        "summary": "Three courses that prepare a clinician to lead infection prevention in a "
        "primary care facility.",
        "outcome": "Leads hand hygiene, antimicrobial stewardship and outbreak response in a "
        "facility.",
        "courses": ["hand-hygiene-en", "antimicrobial-stewardship-en", "outbreak-investigation-en"],
    },
    {
        "slug": "referent-prevention-des-infections",
        "title": "Référent prévention des infections",
        "language": "fr",
        "summary": "Trois cours pour animer la prévention des infections dans un centre de santé.",
        "outcome": "Anime l'hygiène des mains, le bon usage des antimicrobiens et la riposte aux "
        "épidémies dans un centre de santé.",
        "courses": ["hand-hygiene-fr", "antimicrobial-stewardship-fr", "outbreak-investigation-fr"],
    },
]


def load_assessments() -> Counter[str]:
    """Create whatever part of the demo assessments is missing; return what was created."""
    created: Counter[str] = Counter()
    items = {
        (item.framework.slug, item.code): item
        for item in CompetencyItem.objects.select_related("framework")
    }
    if not items:
        return created
    for course in Course.objects.filter(translation_group__isnull=False).select_related(
        "translation_group"
    ):
        group = course.translation_group
        for framework, code, level in ALIGNMENTS.get(group.key if group else "", []):
            _alignment, made = Alignment.objects.get_or_create(
                course=course, lesson=None, item=items[(framework, code)], defaults={"level": level}
            )
            created["alignments"] += made
    for slug, target in TARGETS.items():
        created["target profiles"] += _ensure_target(slug, target, items)
    created["pathways"] += sum(_ensure_pathway(pathway) for pathway in PATHWAYS)
    created["quizzes"] += _ensure_quizzes(items)
    return created


def _ensure_target(slug: str, target: dict[str, Any], items: dict[Any, CompetencyItem]) -> bool:
    if TargetProfile.objects.filter(slug=slug).exists():
        return False
    profile = TargetProfile.objects.create(
        slug=slug,
        names=target["names"],
        framework=items[(target["framework"], "1")].framework,
        occupation=Occupation.objects.filter(isco08=target["occupation"]).first(),
    )
    for code, level in target["needs"]:
        framework = target["framework"] if (target["framework"], code) in items else UHC
        TargetRequirement.objects.create(
            profile=profile, item=items[(framework, code)], level=level
        )
    return True


def _ensure_pathway(text: dict[str, Any]) -> bool:
    if Pathway.objects.filter(slug=text["slug"]).exists():
        return False
    courses = Course.objects.in_bulk(text["courses"], field_name="slug")
    if len(courses) != len(text["courses"]):
        return False
    pathway = Pathway.objects.create(
        slug=text["slug"],
        title=text["title"],
        language=text["language"],
        summary=text["summary"],
        outcome=text["outcome"],
    )
    previous = None
    for position, slug in enumerate(text["courses"]):
        step = PathwayStep.objects.create(pathway=pathway, course=courses[slug], position=position)
        if previous is not None:
            step.prerequisites.add(previous)
        previous = step
    return True


def _quiz(course: Course, title: str, questions: list[Question], **fields: Any) -> Quiz:
    quiz = Quiz.objects.create(course=course, title=title, **fields)
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question=question, position=position)
        for position, question in enumerate(questions)
    )
    return quiz


@transaction.atomic
def _ensure_quizzes(items: dict[Any, CompetencyItem]) -> int:
    english = Course.objects.filter(slug="hand-hygiene-en").first()
    french = Course.objects.filter(slug="hand-hygiene-fr").first()
    staff = demo_staff().first()
    if english is None or french is None or staff is None:
        return 0
    if Quiz.objects.filter(course=english).exists():
        return 0
    banks = {
        bank.language: bank
        for bank in assessments.import_question_bank(
            QuestionBankDocument.read(BANK), course=english, by=staff
        )
    }
    QuestionBank.objects.filter(pk=banks["fr"].pk).update(course=french)
    for bank in banks.values():
        for question in bank.questions.all():
            question.competencies.add(items[(UHC, "6")], items[(UHC, "PA1.15")])
    en = list(banks["en"].questions.order_by("id"))
    fr = list(banks["fr"].questions.order_by("id"))
    pre = _quiz(
        english,
        "Before you start: what do you know?",
        en[:4],
        kind=Quiz.Kind.PRE_TEST,
        shuffle_options=False,
        pass_mark=0,
    )
    post = _quiz(
        english,
        "After the course: what have you learned?",
        en[:4],
        kind=Quiz.Kind.POST_TEST,
        pre_test=pre,
        pass_mark=75,
    )
    _quiz(
        english,
        "Final check: hand hygiene in practice",
        en,
        max_attempts=3,
        time_limit_minutes=15,
        pass_mark=70,
        required_for_completion=False,
    )
    _quiz(
        english,
        "Random practice set",
        [],
        selection=Quiz.Selection.RANDOM,
        bank=banks["en"],
        draw=[{"difficulty": 1, "count": 1}, {"topic": "technique", "count": 2}],
    )
    _quiz(french, "Vérifiez vos acquis : hygiène des mains", fr, pass_mark=70)
    _take_pre_and_post(english, pre, post)
    return 5


def _take_pre_and_post(course: Course, pre: Quiz, post: Quiz) -> None:
    """A demo learner scores 1 of 4 before the course and 4 of 4 after it."""
    learner = User.objects.filter(email="grace@praxis.example").first()
    if learner is None:
        return
    if catalog.current_enrolment(learner, course) is None:
        catalog.enrol(learner, course)
    for quiz, right in ((pre, 1), (post, 4)):
        attempt = assessments.start_attempt(learner, quiz, seed=1)
        answers = {}
        for number, item in enumerate(attempt.items.select_related("question")):
            question = item.question
            if number < right:
                answers[str(question.uuid)] = right_answer(question)
        assessments.submit_attempt(learner, attempt, answers)


def right_answer(question: Question) -> Any:
    options = list(question.options.order_by("position", "id"))
    if question.kind == Question.Kind.MULTIPLE:
        return [option.id for option in options if option.correct]
    if question.kind == Question.Kind.NUMERIC:
        return question.key.get("value")
    if question.kind == Question.Kind.ORDERING:
        return [option.id for option in options]
    return next(option.id for option in options if option.correct)
