"""Demo research: the consent text in six languages, learners' consent, research officers, a
project with its decision trail, a cohort of consenting learners large enough for the project's
export at k = 5, and an experiment on a demo course.

Keyed by version, title and e-mail address, so loading twice adds nothing. People are only
ever created here, never changed: someone who already has a cohort address is left alone.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from praxis.accounts import links
from praxis.accounts.models import User
from praxis.accounts.services import sign_up, update_profile, verify_email
from praxis.catalog import services as catalog
from praxis.catalog.models import Course, Lesson
from praxis.catalog.services import save_lesson_body
from praxis.demo.content.people import PASSWORD
from praxis.research import consent
from praxis.research.models import (
    ConsentRecord,
    ConsentText,
    Decision,
    Experiment,
    ExportColumn,
    Project,
    TimePrecision,
    Variant,
)
from praxis.research.permissions import RESEARCH_OFFICERS_GROUP

CONSENT_TEXTS = {
    "en": (
        "Taking part in research",
        "The academy studies how health workers learn best. If you agree, your learning record "
        "(courses, progress, results) may be shared with approved research projects.\n\n"
        "Your name, e-mail address and other direct identifiers never leave the academy. Each "
        "project sees a different code instead of your name, and only groups of several "
        "learners. You can withdraw at any time; your learning is the same either way.",
    ),
    "fr": (
        "Participer à la recherche",
        "L'académie étudie comment les personnels de santé apprennent le mieux. Si vous "
        "l'acceptez, votre parcours d'apprentissage (cours, progression, résultats) peut être "
        "communiqué à des projets de recherche approuvés.\n\n"
        "Votre nom, votre adresse électronique et vos autres identifiants directs ne quittent "
        "jamais l'académie. Chaque projet voit un code différent à la place de votre nom, et "
        "seulement des groupes de plusieurs apprenants. Vous pouvez retirer votre accord à tout "
        "moment ; votre apprentissage n'en change pas.",
    ),
    "es": (
        "Participar en la investigación",
        "La academia estudia cómo aprende mejor el personal de salud. Si usted acepta, su "
        "historial de aprendizaje (cursos, progreso, resultados) puede compartirse con proyectos "
        "de investigación aprobados.\n\n"
        "Su nombre, su correo electrónico y otros identificadores directos nunca salen de la "
        "academia. Cada proyecto ve un código distinto en lugar de su nombre, y solo grupos de "
        "varios estudiantes. Puede retirar su consentimiento en cualquier momento; su "
        "aprendizaje no cambia.",
    ),
    "ru": (
        "Участие в исследованиях",
        "Академия изучает, как медицинские работники учатся лучше всего. Если вы согласны, "
        "ваша история обучения (курсы, прогресс, результаты) может передаваться одобренным "
        "исследовательским проектам.\n\n"
        "Ваше имя, адрес электронной почты и другие прямые идентификаторы никогда не покидают "
        "академию. Каждый проект видит вместо вашего имени свой код и только группы из "
        "нескольких учащихся. Вы можете отозвать согласие в любое время; ваше обучение от "
        "этого не изменится.",
    ),
    "zh-hans": (
        "参与研究",
        "学院研究卫生工作者如何学得最好。如果您同意，您的学习记录（课程、进度、成绩）可以提供给"
        "经批准的研究项目。\n\n"
        "您的姓名、电子邮件地址和其他直接身份信息绝不会离开学院。每个项目看到的是代替您姓名的"
        "不同代码，而且只看到由多名学员组成的群体。您可以随时撤回同意；无论是否同意，您的学习都"
        "不受影响。",
    ),
    "ar": (
        "المشاركة في البحث",
        "تدرس الأكاديمية كيف يتعلم العاملون الصحيون على أفضل وجه. إذا وافقت، يجوز أن يُتاح سجل "
        "تعلمك (الدورات والتقدم والنتائج) لمشاريع بحثية معتمدة.\n\n"
        "لا يغادر اسمك وعنوان بريدك الإلكتروني وسائر بيانات هويتك المباشرة الأكاديمية أبدًا. يرى "
        "كل مشروع رمزًا مختلفًا بدلًا من اسمك، ولا يرى إلا مجموعات من عدة متعلمين. يمكنك سحب "
        "موافقتك في أي وقت، ولا يتغير تعلمك في الحالتين.",
    ),
}


@dataclass(frozen=True)
class Cell:
    """Five learners alike in what an export generalises (WHO region through the country,
    occupation group, age band through one year of birth), who enrol in the cohort's course
    and, if `completes`, finish it. Three cells hold a consenting demo learner too."""

    key: str
    country: str
    occupation: str
    birth_year: int
    language: str
    completes: bool
    names: tuple[str, str, str, str, str]


COHORT_COURSE = "hand-hygiene-en"
COHORT = (
    Cell("sn", "SN", "2222", 1988, "fr", True,
         ("Awa Ndiaye", "Fatou Sarr", "Aminata Fall", "Khady Diop", "Mariama Ba")),
    Cell("jo", "JO", "2221", 1991, "ar", True,
         ("Rania Khalil", "Lina Saleh", "Huda Nasser", "Dana Odeh", "Samar Haddad")),
    Cell("in", "IN", "2262", 1983, "en", False,
         ("Kavitha Iyer", "Arjun Nair", "Meena Pillai", "Suresh Kumar", "Divya Menon")),
    Cell("ke", "KE", "3221", 1996, "en", True,
         ("Wanjiru Kamau", "Achieng Otieno", "Njeri Mwangi", "Akinyi Ouma", "Wambui Njoroge")),
    Cell("bd", "BD", "3221", 1994, "en", True,
         ("Nusrat Jahan", "Farhana Akter", "Sumaiya Islam", "Tahmina Begum", "Rokeya Khatun")),
    Cell("eg", "EG", "3256", 1990, "ar", False,
         ("Mona Farouk", "Yasmin Adel", "Heba Mostafa", "Nourhan Samir", "Aya Mahmoud")),
)  # fmt: skip


def cohort_emails() -> list[str]:
    """The addresses of the cohort's learners, in order."""
    return [
        f"cohort.{cell.key}.{number}@praxis.example"
        for cell in COHORT
        for number in range(1, len(cell.names) + 1)
    ]


OFFICER_EMAIL = "staff@praxis.example"
INVESTIGATOR_EMAIL = "li.wei@praxis.example"
CONSENTING = ("marie@praxis.example", "amina@praxis.example", "priya@praxis.example")
WITHDRAWN = "li.wei@praxis.example"
PROJECT_TITLE = "Who finishes infection-prevention courses, and why"
EXPERIMENT_TITLE = "A case story before the first lesson"
CASE_FIRST = (
    "## A morning on the ward\n\n"
    "Before the theory, a story: a nurse moves between three patients in ten minutes. "
    "Count the moments her hands should have been cleaned, then read on.\n"
)


def load_research() -> Counter[str]:
    """Create whatever part of the demo research is missing; return what was created."""
    created: Counter[str] = Counter()
    if not ConsentText.objects.filter(version=1).exists():
        created["consent texts"] += len(consent.publish_consent_text(1, CONSENT_TEXTS))
    _ensure_officers()
    created["consent records"] += _ensure_consent()
    created["research projects"] += _ensure_project()
    created["research cohort learners"] += _ensure_cohort()
    created["experiments"] += _ensure_experiment()
    return created


def _ensure_officers() -> None:
    group, _made = Group.objects.get_or_create(name=RESEARCH_OFFICERS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="research", codename__in=["decide_access", "view_analytics"]
        )
    )
    officer = User.objects.filter(email=OFFICER_EMAIL).first()
    if officer is not None:
        officer.groups.add(group)


@transaction.atomic
def _ensure_consent() -> int:
    if ConsentRecord.objects.exists():
        return 0
    made = 0
    for learner in User.objects.filter(email__in=(*CONSENTING, WITHDRAWN)):
        consent.set_consent(learner, granted=True)
        made += 1
        if learner.email == WITHDRAWN:
            consent.set_consent(learner, granted=False)
            made += 1
    return made


@transaction.atomic
def _ensure_project() -> int:
    officer = User.objects.filter(email=OFFICER_EMAIL).first()
    investigator = User.objects.filter(email=INVESTIGATOR_EMAIL).first()
    if officer is None or investigator is None or Project.objects.filter(title=PROJECT_TITLE):
        return 0
    today = timezone.now().date()
    project = Project.objects.create(
        title=PROJECT_TITLE,
        aims=(
            "Compare completion of the infection-prevention courses across WHO regions and "
            "occupations, to find where learners stop and which lesson designs keep them going."
        ),
        principal_investigator=investigator,
        ethics_reference="ERC-2026-0142",
        ethics_expires_on=today + datetime.timedelta(days=365),
        verbs=[
            "http://adlnet.gov/expapi/verbs/registered",
            "http://adlnet.gov/expapi/verbs/completed",
        ],
        columns=[
            ExportColumn.WHO_REGION,
            ExportColumn.OCCUPATION_GROUP,
            ExportColumn.AGE_BAND,
            ExportColumn.VERB,
            ExportColumn.ACTIVITY,
            ExportColumn.TIMESTAMP,
            ExportColumn.COMPLETION,
        ],
        k=5,
        time_precision=TimePrecision.WEEK,
        status=Project.Status.APPROVED,
        conditions="Publish aggregate results only; delete the data when the ethics approval ends.",
    )
    now = timezone.now()
    steps = [
        (Project.Status.SUBMITTED, investigator, "", 9),
        (Project.Status.UNDER_REVIEW, officer, "Asked for the ethics committee's letter.", 6),
        (Project.Status.APPROVED, officer, project.conditions, 2),
    ]
    for status, by, note, days_ago in steps:
        Decision.objects.create(
            project=project,
            status=status,
            by=by,
            note=note,
            decided_at=now - datetime.timedelta(days=days_ago),
        )
    return 1


def _ensure_cohort() -> int:
    """Create the cohort's learners who do not exist yet, each consenting, enrolled and (in
    the cells that finish) through the course; return how many were created."""
    course = Course.objects.filter(slug=COHORT_COURSE).first()
    if course is None:
        return 0
    lessons = list(
        Lesson.objects.filter(module__course=course, archived=False).order_by(
            "module__position", "position", "id"
        )
    )
    emails = iter(cohort_emails())
    made = 0
    for cell in COHORT:
        for name in cell.names:
            made += _ensure_cohort_learner(next(emails), name, cell, course, lessons)
    return made


@transaction.atomic
def _ensure_cohort_learner(
    email: str, name: str, cell: Cell, course: Course, lessons: list[Lesson]
) -> bool:
    if User.objects.filter(email__iexact=email).exists():
        return False  # made by an earlier load, or someone else's: left as it is
    learner = sign_up(
        email=email,
        password=PASSWORD,
        full_name=name,
        occupation=cell.occupation,
        country=cell.country,
        languages=(cell.language, "en") if cell.language != "en" else ("en",),
        preferred_language=cell.language,
        accept_terms=True,
    )
    assert learner is not None  # the address was checked to be new above
    # Verified before the sign-up commits, so no verification e-mail goes to a demo address.
    learner = verify_email(links.make_verification_token(learner))
    learner = update_profile(learner, birth_year=cell.birth_year)
    consent.set_consent(learner, granted=True)
    catalog.enrol(learner, course)
    for lesson in lessons if cell.completes else lessons[:1]:
        catalog.open_lesson(learner, lesson)
        if cell.completes:
            catalog.complete_lesson(learner, lesson)
    return True


@transaction.atomic
def _ensure_experiment() -> int:
    course = (
        Course.objects.filter(status=Course.Status.PUBLISHED, language="en")
        .order_by("slug")
        .first()
    )
    if course is None or Experiment.objects.filter(title=EXPERIMENT_TITLE).exists():
        return 0
    first = Lesson.objects.filter(module__course=course, archived=False).first()
    if first is None:
        return 0
    # The variant is an archived lesson: hidden from the course outline, shown only to its arm.
    case_first = Lesson.objects.create(
        module=first.module,
        position=first.position,
        title=first.title,
        estimated_minutes=first.estimated_minutes,
        archived=True,
    )
    save_lesson_body(case_first, CASE_FIRST + "\n" + first.body)
    experiment = Experiment.objects.create(
        title=EXPERIMENT_TITLE,
        hypothesis="Learners who meet a case story first complete the course more often.",
        course=course,
        lesson=first,
        stratify_by=Experiment.Stratum.REGION,
        status=Experiment.Status.RUNNING,
        started_at=timezone.now(),
        created_by=User.objects.filter(email=OFFICER_EMAIL).first(),
    )
    Variant.objects.create(experiment=experiment, position=0, name="As published", lesson=first)
    Variant.objects.create(experiment=experiment, position=1, name="Case first", lesson=case_first)
    return 1
