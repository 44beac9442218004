"""Demo people: academy staff, a platform admin, and learners at every stage of a course."""

from __future__ import annotations

from dataclasses import dataclass

PASSWORD = "praxis-demo-2026"  # noqa: S105 — the published password of the demo accounts


@dataclass(frozen=True)
class Step:
    """One thing a learner did: enrol, complete `lessons` lessons in order, withdraw."""

    action: str
    course: str
    lessons: int = 0


def enrol(course: str) -> Step:
    return Step("enrol", course)


def complete(course: str, lessons: int = 0) -> Step:
    """Open and complete the first `lessons` lessons of `course` (0: every lesson)."""
    return Step("complete", course, lessons)


def open_next(course: str, lessons: int) -> Step:
    """Open lesson number `lessons` (counting from 1) without completing it."""
    return Step("open", course, lessons)


def withdraw(course: str) -> Step:
    return Step("withdraw", course)


@dataclass(frozen=True)
class Person:
    email: str
    full_name: str
    stage: str
    preferred_language: str
    languages: tuple[str, ...]
    country: str
    occupation: str | None = None
    organisation_name: str = ""
    # Optional in profiles; research exports show it only as a generalised age band.
    birth_year: int | None = None
    journey: tuple[Step, ...] = ()
    is_staff: bool = False
    is_superuser: bool = False


PEOPLE = (
    Person(
        email="admin@praxis.example",
        full_name="Tomás Varga",
        stage="platform admin (superuser)",
        preferred_language="en",
        languages=("en", "es"),
        country="CH",
        organisation_name="Praxis Academy",
        is_staff=True,
        is_superuser=True,
    ),
    Person(
        email="staff@praxis.example",
        full_name="Nadia Rahman",
        stage="academy staff (curator)",
        preferred_language="en",
        languages=("en", "fr", "ar"),
        country="CH",
        occupation="2422",
        organisation_name="Praxis Academy",
        is_staff=True,
    ),
    Person(
        email="carlos@praxis.example",
        birth_year=1994,
        full_name="Carlos Mendoza Quispe",
        stage="learner, not yet enrolled; has applied for his network to become a partner",
        preferred_language="es",
        languages=("es",),
        country="PE",
        occupation="3253",
        organisation_name="Puesto de Salud Chucuito",
    ),
    Person(
        email="marie@praxis.example",
        birth_year=1988,
        full_name="Marie Diallo",
        stage="learner, just enrolled; invited to a community",
        preferred_language="fr",
        languages=("fr", "en"),
        country="SN",
        occupation="2222",
        organisation_name="Centre de santé de Thiès",
        journey=(enrol("safe-childbirth-fr"),),
    ),
    Person(
        email="amina@praxis.example",
        birth_year=1991,
        full_name="Amina Haddad",
        stage="learner, in progress",
        preferred_language="ar",
        languages=("ar", "en"),
        country="JO",
        occupation="2221",
        organisation_name="مستشفى الزرقاء",
        journey=(
            enrol("hand-hygiene-ar"),
            complete("hand-hygiene-ar", 2),
            open_next("hand-hygiene-ar", 3),
        ),
    ),
    Person(
        email="priya@praxis.example",
        birth_year=1983,
        full_name="Priya Raman",
        stage="learner, in progress",
        preferred_language="en",
        languages=("en", "ta"),
        country="IN",
        occupation="2262",
        organisation_name="District Hospital Pharmacy, Madurai",
        journey=(
            enrol("antimicrobial-stewardship-en"),
            complete("antimicrobial-stewardship-en", 3),
        ),
    ),
    Person(
        email="li.wei@praxis.example",
        birth_year=1979,
        full_name="李伟 (Li Wei)",
        stage="learner, completed two courses",
        preferred_language="zh-hans",
        languages=("zh", "en"),
        country="CN",
        occupation="2211",
        organisation_name="县人民医院",
        journey=(
            enrol("vaccine-cold-chain-zh-hans"),
            complete("vaccine-cold-chain-zh-hans"),
            enrol("hand-hygiene-zh-hans"),
            complete("hand-hygiene-zh-hans"),
        ),
    ),
    Person(
        email="grace@praxis.example",
        birth_year=1996,
        full_name="Grace Wanjiru",
        stage="learner, completed one course, another in progress",
        preferred_language="en",
        languages=("en", "sw"),
        country="KE",
        occupation="1342",
        organisation_name="Kiambu County Health Department",
        journey=(
            enrol("leading-a-health-team-en"),
            complete("leading-a-health-team-en"),
            enrol("outbreak-investigation-en"),
            complete("outbreak-investigation-en", 1),
        ),
    ),
    Person(
        email="olga@praxis.example",
        birth_year=1972,
        full_name="Ольга Смирнова (Olga Smirnova)",
        stage="learner, withdrew and re-enrolled",
        preferred_language="ru",
        languages=("ru", "en"),
        country="RU",
        occupation="3258",
        organisation_name="Станция скорой помощи, Самара",
        journey=(
            enrol("emergency-triage-ru"),
            complete("emergency-triage-ru", 1),
            withdraw("emergency-triage-ru"),
            enrol("emergency-triage-ru"),
            complete("emergency-triage-ru", 2),
        ),
    ),
)
