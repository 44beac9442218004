"""Demo events: a three-day conference with tracks, rooms, a call for abstracts and booths; a
webinar in Spanish; a workshop in Arabic; an exhibition in French; a seminar in Chinese.

Keyed by slug and skipped when present, so loading twice changes nothing. Dates are set from
the day of the first load, so the demo always has events to come. Registrations go through the
events services, so places, waiting lists and xAPI statements are what real use produces.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from praxis.accounts.models import User
from praxis.catalog.models import Topic
from praxis.demo.people import demo_staff
from praxis.events import services
from praxis.events.models import (
    Abstract,
    Event,
    Exhibitor,
    Material,
    Question,
    Room,
    Session,
    Speaker,
    Track,
    Venue,
)
from praxis.organisations.models import Organisation


@dataclass(frozen=True)
class EventText:
    slug: str
    title: str
    summary: str
    type: str
    format: str
    language: str
    region: str
    country: str
    time_zone: str
    days_ahead: int
    days: int
    start: time
    end: time
    venue: str = ""
    online_url: str = ""
    capacity: int | None = None
    cpd_credits: Decimal = Decimal("0")
    organiser: str = "praxis-academy"
    co_organisers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    audience: str = ""
    questions: tuple[tuple[str, str, tuple[str, ...], bool], ...] = ()
    registrants: tuple[str, ...] = ()
    exhibitors: tuple[tuple[str, str, str], ...] = field(default=())


EVENTS: tuple[EventText, ...] = (
    EventText(
        slug="ipc-forum-nairobi",
        title="Africa Forum on Infection Prevention and Control",
        summary=(
            "Three days of plenaries, parallel tracks and posters on stopping infections in "
            "health facilities: hand hygiene, outbreak response and antimicrobial stewardship."
        ),
        type=Event.Type.CONFERENCE,
        format=Event.Format.HYBRID,
        language="en",
        region="AFR",
        country="KE",
        time_zone="Africa/Nairobi",
        days_ahead=45,
        days=3,
        start=time(8, 30),
        end=time(17, 30),
        venue="Kenyatta International Convention Centre, Nairobi",
        online_url="https://meet.praxis.example/ipc-forum",
        capacity=400,
        cpd_credits=Decimal("18"),
        co_organisers=("nairobi-sph", "baltic-ipc-nurses"),
        topics=("infection-prevention", "antimicrobial-resistance"),
        audience="Nurses, IPC focal points, hospital managers",
        questions=(
            ("Your role", Question.Kind.TEXT, (), True),
            ("Country where you work", Question.Kind.COUNTRY, (), True),
            ("Attending", Question.Kind.CHOICE, ("In person", "Online"), True),
            ("I agree to be photographed", Question.Kind.CHECKBOX, (), False),
        ),
        registrants=("amina@praxis.example", "grace@praxis.example", "priya@praxis.example"),
        exhibitors=(
            ("highveld-cold-chain", "A1", "Cold-chain monitors and solar fridges."),
            ("pacific-immunization", "", "Virtual booth: training kits for outreach teams."),
        ),
    ),
    EventText(
        slug="webinar-uso-prudente-antimicrobianos",
        title="Webinar: uso prudente de antimicrobianos en atención primaria",
        summary="Una hora con casos prácticos para prescribir menos y mejor.",
        type=Event.Type.WEBINAR,
        format=Event.Format.ONLINE,
        language="es",
        region="AMR",
        country="CO",
        time_zone="America/Bogota",
        days_ahead=10,
        days=1,
        start=time(10, 0),
        end=time(11, 30),
        online_url="https://meet.praxis.example/amr-webinar",
        cpd_credits=Decimal("1.5"),
        co_organisers=("andean-community-nursing",),
        topics=("antimicrobial-resistance", "primary-health-care"),
        registrants=("carlos@praxis.example",),
    ),
    EventText(
        slug="mental-health-first-aid-workshop-amman",
        title="ورشة عمل: الإسعافات الأولية النفسية للعاملين الصحيين",
        summary="يوم تدريبي عملي على الإسعافات الأولية النفسية في الأزمات.",
        type=Event.Type.WORKSHOP,
        format=Event.Format.IN_PERSON,
        language="ar",
        region="EMR",
        country="JO",
        time_zone="Asia/Amman",
        days_ahead=21,
        days=1,
        start=time(9, 0),
        end=time(16, 0),
        venue="عمّان، مركز التدريب",
        capacity=2,
        cpd_credits=Decimal("6"),
        co_organisers=("levant-mental-health",),
        topics=("mental-health",),
        registrants=("amina@praxis.example", "marie@praxis.example", "grace@praxis.example"),
    ),
    EventText(
        slug="salon-innovation-sante-dakar",
        title="Salon de l'innovation en santé communautaire",
        summary="Exposants, démonstrations et ressources pour les agents de santé communautaire.",
        type=Event.Type.EXHIBITION,
        format=Event.Format.IN_PERSON,
        language="fr",
        region="AFR",
        country="SN",
        time_zone="Africa/Dakar",
        days_ahead=30,
        days=2,
        start=time(9, 0),
        end=time(18, 0),
        venue="Centre international de conférences Abdou Diouf, Dakar",
        co_organisers=("sahel-nursing-midwifery",),
        topics=("primary-health-care",),
        registrants=("marie@praxis.example",),
        exhibitors=(
            ("sahel-nursing-midwifery", "S1", "Simulateurs d'accouchement et formations."),
            ("nile-delta-maternal-health", "S2", "Outils pour le suivi prénatal."),
            ("mekong-workforce-studies", "", "Stand virtuel : études sur les effectifs."),
        ),
    ),
    EventText(
        slug="vaccine-cold-chain-seminar-zh",
        title="疫苗冷链管理研讨会",
        summary="线上研讨会：疫苗冷链的监测、记录与应急处理。",
        type=Event.Type.SEMINAR,
        format=Event.Format.ONLINE,
        language="zh-hans",
        region="WPR",
        country="CN",
        time_zone="Asia/Shanghai",
        days_ahead=14,
        days=1,
        start=time(14, 0),
        end=time(16, 0),
        online_url="https://meet.praxis.example/cold-chain-seminar",
        cpd_credits=Decimal("2"),
        co_organisers=("yangtze-stewardship",),
        topics=("immunization",),
        registrants=("li.wei@praxis.example",),
    ),
)

# A webinar held last week: its session carries the slides and the recording put up after it.
PAST_WEBINAR = EventText(
    slug="hand-hygiene-refresher-webinar",
    title="Hand hygiene refresher: the five moments in practice",
    summary="One hour on the five moments for hand hygiene, with questions from ward nurses.",
    type=Event.Type.WEBINAR,
    format=Event.Format.ONLINE,
    language="en",
    region="AFR",
    country="",
    time_zone="Africa/Nairobi",
    days_ahead=-7,
    days=1,
    start=time(14, 0),
    end=time(15, 0),
    online_url="https://meet.praxis.example/hand-hygiene-refresher",
    co_organisers=("nairobi-sph",),
    topics=("infection-prevention",),
    audience="Ward nurses and IPC focal points",
)
EVENTS = (*EVENTS, PAST_WEBINAR)

CONFERENCE_VENUE = ("Kenyatta International Convention Centre", "Harambee Avenue, Nairobi")
CONFERENCE_TRACKS = ("Hand hygiene", "Outbreak response", "Antimicrobial stewardship")
CONFERENCE_ROOMS = ("Plenary hall", "Room Tsavo", "Room Amboseli")
CONFERENCE_SPEAKERS = (
    ("Dr Wanjiru Kamau", "Nairobi School of Public Health"),
    ("Ingrid Berzina", "Baltic Network of IPC Nurses"),
    ("Dr Samuel Otieno", "Kenya Ministry of Health"),
    ("Fatou Ndiaye", "Sahel Centre for Nursing and Midwifery Education"),
)


def load_events() -> Counter[str]:
    """Create the demo events that are missing; return what was created."""
    created: Counter[str] = Counter()
    for text in EVENTS:
        if not Event.objects.filter(slug=text.slug).exists():
            _create(text)
            created["events"] += 1
    return created


def _at(text: EventText, day: int, moment: time) -> datetime:
    zone = ZoneInfo(text.time_zone)
    first = timezone.now().astimezone(zone).date() + timedelta(days=text.days_ahead)
    return datetime.combine(first + timedelta(days=day), moment, tzinfo=zone)


@transaction.atomic
def _create(text: EventText) -> None:
    organisations = {o.slug: o for o in Organisation.objects.all()}
    event = Event.objects.create(
        slug=text.slug,
        title=text.title,
        summary=text.summary,
        type=text.type,
        format=text.format,
        status=Event.Status.PUBLISHED,
        language=text.language,
        region=text.region,
        country=text.country,
        time_zone=text.time_zone,
        starts_at=_at(text, 0, text.start),
        ends_at=_at(text, text.days - 1, text.end),
        venue=text.venue,
        online_url=text.online_url,
        capacity=text.capacity,
        cpd_credits=text.cpd_credits,
        organiser=organisations.get(text.organiser),
        audience=text.audience,
    )
    event.co_organisers.set([organisations[s] for s in text.co_organisers if s in organisations])
    event.topics.set(Topic.objects.filter(slug__in=text.topics))
    for position, (label, kind, choices, required) in enumerate(text.questions):
        Question.objects.create(
            event=event,
            position=position,
            label=label,
            kind=kind,
            choices=list(choices),
            required=required,
        )
    for slug, booth, description in text.exhibitors:
        if slug in organisations:
            Exhibitor.objects.create(
                event=event,
                organisation=organisations[slug],
                booth=booth,
                description=description,
                resources=[{"title": "Brochure", "url": f"https://{slug}.example/brochure"}],
                contact_email=f"booth@{slug}.example",
            )
    if text.type == Event.Type.CONFERENCE:
        _programme(event, text)
    if text is PAST_WEBINAR:
        _recorded_session(event, text)
    answers = {
        str(q.pk): ("Nurse" if q.kind == Question.Kind.TEXT else q.choices[0])
        for q in event.questions.filter(required=True).exclude(kind=Question.Kind.COUNTRY)
    }
    for country in event.questions.filter(kind=Question.Kind.COUNTRY):
        answers[str(country.pk)] = "KE"
    for person in User.objects.filter(email__in=text.registrants).order_by("email"):
        services.register(person, event, answers)


def _programme(event: Event, text: EventText) -> None:
    staff = demo_staff()
    tracks = [
        Track.objects.create(event=event, name=name, position=i)
        for i, name in enumerate(CONFERENCE_TRACKS)
    ]
    for track in tracks:
        track.reviewers.set(staff)
    # The convention centre's rooms belong to it: another event there cannot book them at the
    # same time.
    name, address = CONFERENCE_VENUE
    venue, _new = Venue.objects.get_or_create(name=name, defaults={"address": address})
    event.place = venue
    event.save(update_fields=["place"])
    rooms = [
        Room.objects.get_or_create(venue=venue, name=name, defaults={"position": i})[0]
        for i, name in enumerate(CONFERENCE_ROOMS)
    ]
    speakers = [
        Speaker.objects.create(event=event, name=name, organisation_name=organisation)
        for name, organisation in CONFERENCE_SPEAKERS
    ]
    slots = ((time(9, 0), time(10, 30)), (time(11, 0), time(12, 30)), (time(14, 0), time(15, 30)))
    for day in range(text.days):
        Session.objects.create(
            event=event,
            title=f"Plenary, day {day + 1}",
            kind=Session.Kind.KEYNOTE,
            room=rooms[0],
            starts_at=_at(text, day, time(8, 30)),
            ends_at=_at(text, day, time(9, 0)),
            # For those following online: shown to confirmed registrants only.
            conference_url=f"https://meet.praxis.example/ipc-forum-plenary-{day + 1}",
        )
        for slot, (start, end) in enumerate(slots):
            for lane, (track, room) in enumerate(zip(tracks, rooms, strict=True)):
                session = Session.objects.create(
                    event=event,
                    title=f"{track.name}: session {day * len(slots) + slot + 1}",
                    track=track,
                    room=room,
                    starts_at=_at(text, day, start),
                    ends_at=_at(text, day, end),
                )
                session.speakers.set([speakers[(lane + slot + day) % len(speakers)]])
    event.abstracts_deadline = event.starts_at - timedelta(days=14)
    event.save(update_fields=["abstracts_deadline"])
    submitter = User.objects.filter(email="priya@praxis.example").first()
    if submitter is not None:
        Abstract.objects.create(
            event=event,
            track=tracks[0],
            submitter=submitter,
            title="Coaching ward nurses raised hand rub use before patient contact",
            body="A stepped-wedge study in six district hospitals.",
            authors=[{"name": submitter.full_name, "organisation": submitter.organisation_name}],
        )


def _recorded_session(event: Event, text: EventText) -> None:
    session = Session.objects.create(
        event=event,
        title="The five moments, ward by ward",
        kind=Session.Kind.TALK,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        conference_url=text.online_url,
    )
    organiser = demo_staff().first()
    if organiser is None:
        return
    services.add_material(
        session,
        by=organiser,
        kind=Material.Kind.SLIDES,
        title="Slides: the five moments",
        url="https://media.praxis.example/hand-hygiene-refresher/slides.pdf",
    )
    services.add_material(
        session,
        by=organiser,
        kind=Material.Kind.RECORDING,
        title="Recording (58 min)",
        url="https://media.praxis.example/hand-hygiene-refresher/recording.mp4",
    )
