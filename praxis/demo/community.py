"""Demo communities of practice: by topic, region and profession, and a course's discussion
space, with threads and replies in several languages, an accepted answer, a pinned thread, a
held first post waiting in the moderation queue, resources, and an invitation not yet
answered.

Keyed by community slug and skipped when present, so loading twice changes nothing. Everything
goes through the community services, as real use would.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from praxis.accounts.models import User
from praxis.catalog.models import Course
from praxis.community.models import Community, Conversation, Membership, Resource, Thread
from praxis.community.services import membership as memberships
from praxis.community.services import messaging, moderation, posting
from praxis.community.services import resources as library
from praxis.organisations.models import Organisation

MODERATOR = "staff@praxis.example"
NEWCOMER = "olga@praxis.example"
# Marie, a midwife who reads French, is invited to the regional nurses' network and has not
# answered yet: her notifications and the community's page offer to accept.
INVITATION = ("eastern-mediterranean-nurses", "marie@praxis.example")


@dataclass(frozen=True)
class Reply:
    by: str
    body: str
    accepted: bool = False


@dataclass(frozen=True)
class DemoThread:
    by: str
    title: str
    body: str
    language: str
    kind: str = Thread.Kind.DISCUSSION
    replies: tuple[Reply, ...] = ()
    pinned: bool = False
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoCommunity:
    slug: str
    name: str
    description: str
    kind: str
    access: str
    languages: tuple[str, ...]
    members: tuple[str, ...]
    threads: tuple[DemoThread, ...]
    host: str = "praxis-academy"


COMMUNITIES = (
    DemoCommunity(
        slug="infection-prevention-practitioners",
        name="Infection prevention and control practitioners",
        description=(
            "Nurses, doctors and IPC focal points sharing what works to stop infections spreading"
            " in health facilities, from district clinics to referral hospitals."
        ),
        kind=Community.Kind.TOPIC,
        access=Community.Access.OPEN,
        languages=("en", "fr", "ar"),
        members=(
            "priya@praxis.example",
            "grace@praxis.example",
            "amina@praxis.example",
            "marie@praxis.example",
            "carlos@praxis.example",
        ),
        threads=(
            DemoThread(
                by=MODERATOR,
                title="Welcome: how this community works",
                body=(
                    "Ask questions, share what worked and what did not, and **never post patient"
                    " details**.\n\n- Mark the reply that answered your question as accepted.\n"
                    "- Flag anything unsafe: a moderator will look at it the same day."
                ),
                language="en",
                pinned=True,
            ),
            DemoThread(
                by="priya@praxis.example",
                title="Alcohol-based hand rub ran out: what do you do until the next delivery?",
                tags=("hand hygiene", "supplies"),
                body=(
                    "Our district hospital ran out of hand rub for two weeks. Soap and water at"
                    " every sink is not realistic on our wards. What have you done in the same"
                    " situation?"
                ),
                language="en",
                kind=Thread.Kind.QUESTION,
                replies=(
                    Reply(
                        "grace@praxis.example",
                        "We produced it locally with the WHO formulation (ethanol 80 %, glycerol,"
                        " hydrogen peroxide). The pharmacy made 50 litres a week; the quality"
                        " check is a hydrometer reading.",
                        accepted=True,
                    ),
                    Reply(
                        "amina@praxis.example",
                        "@priya-raman we did the same. The hard part was bottles: ask the"
                        " laboratory for empty reagent bottles and relabel them.",
                    ),
                    Reply(
                        MODERATOR,
                        "> We produced it locally with the WHO formulation\n\nThe guide to local"
                        " production is in the resource library of this community.",
                    ),
                ),
            ),
            DemoThread(
                by="marie@praxis.example",
                title="Audit de l'hygiène des mains : à quelle fréquence ?",
                tags=("hygiène des mains", "audit"),
                body=(
                    "Dans notre centre de santé, nous observons les cinq moments une fois par"
                    " mois. Est-ce suffisant pour voir un changement ?"
                ),
                language="fr",
                kind=Thread.Kind.QUESTION,
                replies=(
                    Reply(
                        "carlos@praxis.example",
                        "Chez nous, une observation courte chaque semaine a mieux marché qu'un"
                        " long audit mensuel : les équipes voient les résultats plus vite.",
                    ),
                ),
            ),
            DemoThread(
                by="amina@praxis.example",
                title="نقص القفازات في العيادات الريفية",
                tags=("قفازات", "الإمدادات"),
                body="كيف تتعاملون مع نقص القفازات؟ نحن نحتفظ بها للإجراءات التي تلامس الدم فقط.",
                language="ar",
                replies=(
                    Reply(
                        "grace@praxis.example",
                        "Same policy here: gloves for blood and body fluids, hand hygiene for"
                        " everything else. It also cut glove overuse.",
                    ),
                ),
            ),
        ),
    ),
    DemoCommunity(
        slug="eastern-mediterranean-nurses",
        name="Eastern Mediterranean nurses' network",
        description="A regional network of nurses and midwives, in Arabic, English and French.",
        kind=Community.Kind.REGION,
        access=Community.Access.REQUEST,
        languages=("ar", "en", "fr"),
        members=("amina@praxis.example",),
        threads=(
            DemoThread(
                by="amina@praxis.example",
                title="التطوير المهني المستمر للممرضات في المناطق الريفية",
                body="ما هي الدورات التي ساعدتكم أكثر في العمل اليومي؟",
                language="ar",
            ),
        ),
    ),
    DemoCommunity(
        slug="community-health-workers",
        name="Community health workers",
        description=(
            "Community health workers and their supervisors: home visits, referrals, supplies"
            " and supportive supervision."
        ),
        kind=Community.Kind.PROFESSION,
        access=Community.Access.OPEN,
        languages=("es", "en", "ru", "zh-hans"),
        members=(
            "carlos@praxis.example",
            "li.wei@praxis.example",
            NEWCOMER,
            "grace@praxis.example",
        ),
        threads=(
            DemoThread(
                by="carlos@praxis.example",
                title="Visitas domiciliarias en zonas de altura: ¿cómo organizan las rutas?",
                tags=("visitas domiciliarias",),
                body=(
                    "En nuestra red de salud cada promotor cubre tres comunidades a más de 3.500"
                    " metros. ¿Qué herramientas usan para planificar las visitas?"
                ),
                language="es",
                replies=(
                    Reply(
                        "grace@praxis.example",
                        "We plan routes on paper maps each Monday with the supervisor; a shared"
                        " phone list tells families which day we come.",
                    ),
                ),
            ),
            DemoThread(
                by="li.wei@praxis.example",
                title="疫苗冷链：停电时如何保持温度？",
                tags=("冷链", "疫苗"),
                body="乡镇卫生院经常停电。大家用什么方法保证疫苗在2–8°C？",
                language="zh-hans",
                kind=Thread.Kind.QUESTION,
            ),
            DemoThread(
                by=NEWCOMER,
                title="Сортировка пациентов в сельской больнице",
                tags=("сортировка",),
                body="Здравствуйте! Как вы обучаете новых сотрудников сортировке?",
                language="ru",
            ),
        ),
    ),
)

COURSE_SPACE = "hand-hygiene-ar"
COURSE_THREAD = DemoThread(
    by="amina@praxis.example",
    title="سؤال عن اللحظات الخمس لنظافة اليدين",
    body="هل تنطبق اللحظة الخامسة على لمس سرير المريض فقط؟",
    language="ar",
    kind=Thread.Kind.QUESTION,
)

RESOURCES: tuple[tuple[str, str, dict[str, Any]], ...] = (
    (
        "infection-prevention-practitioners",
        MODERATOR,
        {
            "title": "Guide to local production of alcohol-based hand rub",
            "description": "The WHO-recommended formulations and how a pharmacy can make them.",
            "language": "en",
            "url": "https://www.who.int/publications/i/item/WHO-IER-PSP-2010.5",
            "topics": ["hand hygiene", "supplies"],
        },
    ),
    (
        "infection-prevention-practitioners",
        "marie@praxis.example",
        {
            "title": "Grille d'observation des cinq moments",
            "description": "La grille que notre centre utilise chaque semaine, avec un exemple.",
            "language": "fr",
            "url": "https://www.who.int/teams/integrated-health-services/infection-prevention-control/hand-hygiene",
            "topics": ["hygiène des mains", "audit"],
        },
    ),
)


def _person(email: str) -> User:
    return User.objects.get(email=email)


def _say(user: User) -> None:
    # The demo writes many posts at once; the posting rate limit is for people.
    posting.post_limit().reset(str(user.pk))


def _thread(community: Community, text: DemoThread) -> Thread:
    author = _person(text.by)
    _say(author)
    thread = posting.start_thread(
        author,
        community,
        title=text.title,
        body=text.body,
        kind=text.kind,
        language=text.language,
        tags=list(text.tags),
    )
    if text.pinned:
        Thread.objects.filter(pk=thread.pk).update(is_pinned=True)
    for reply in text.replies:
        replier = _person(reply.by)
        _say(replier)
        post = posting.reply(replier, thread, reply.body)
        if reply.accepted:
            posting.accept_answer(author, thread, post)
    return thread


@transaction.atomic
def _community(text: DemoCommunity) -> bool:
    if Community.objects.filter(slug=text.slug).exists():
        return False
    moderator = _person(MODERATOR)
    community = memberships.create_community(
        slug=text.slug,
        name=text.name,
        description=text.description,
        kind=text.kind,
        access=text.access,
        languages=list(text.languages),
        host=Organisation.objects.filter(slug=text.host).first(),
        moderators=[moderator],
    )
    for email in text.members:
        user = _person(email)
        membership = memberships.join(user, community)
        if membership.status == Membership.Status.REQUESTED:
            membership = moderation.approve_member(moderator, membership)
        if email != NEWCOMER:  # the newcomer's first post waits in the moderation queue
            Membership.objects.filter(pk=membership.pk).update(approved_posts=3)
    for thread in text.threads:
        _thread(community, thread)
    return True


@transaction.atomic
def _course_space() -> bool:
    course = Course.objects.filter(slug=COURSE_SPACE).first()
    if course is None or Community.objects.filter(course=course).exists():
        return False
    amina = _person(COURSE_THREAD.by)
    community, _membership = memberships.open_course_space(amina, course)
    _thread(community, COURSE_THREAD)
    return True


def load_community() -> Counter[str]:
    """Create the demo communities, their threads and resources when missing."""
    created: Counter[str] = Counter()
    for text in COMMUNITIES:
        created["communities"] += _community(text)
    created["communities"] += _course_space()
    for slug, email, fields in RESOURCES:
        community = Community.objects.get(slug=slug)
        if not Resource.objects.filter(community=community, title=fields["title"]).exists():
            resource = library.contribute_resource(_person(email), community, **fields)
            if resource.status != Resource.Status.PUBLISHED:
                library.curate_resource(_person(MODERATOR), resource, Resource.Status.PUBLISHED)
            created["community resources"] += 1
    created["private conversations"] += _conversation()
    created["community invitations"] += _invitation()
    return created


@transaction.atomic
def _invitation() -> bool:
    slug, email = INVITATION
    community, invitee = Community.objects.get(slug=slug), _person(email)
    if Membership.objects.filter(community=community, user=invitee).exists():
        return False  # invited already, or she has answered
    moderation.invite(_person(MODERATOR), community, email)
    return True


def _conversation() -> bool:
    """Grace asks Priya privately about the hand rub she made; Priya answers."""
    grace, priya = _person("grace@praxis.example"), _person("priya@praxis.example")
    if Conversation.objects.filter(first__in=[grace, priya], second__in=[grace, priya]).exists():
        return False
    for author in (grace, priya):
        _say(author)
    messaging.send(
        grace,
        priya,
        "Your pharmacy's hand rub: did the district approve the label, or did you use WHO's?",
    )
    messaging.send(priya, grace, "WHO's label, translated. I can send you our copy.")
    return True
