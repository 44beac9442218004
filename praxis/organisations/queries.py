"""Reading the partner directory: search and filters, organisation and network pages, regions.

Sections of an organisation's page that belong to higher apps (its courses, its events) come
from the query `praxis.organisations.hooks.page_sections`: each handler gets `organisation` and
answers a Section or None.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import Promise

from praxis.core.pagination import Page, paginate
from praxis.core.people import Visitor, signed_in
from praxis.core.text_index import fields_match
from praxis.organisations import hooks
from praxis.organisations.models import (
    REDESIGNATION_WINDOW_DAYS,
    CollaboratingCentre,
    Invitation,
    Membership,
    Network,
    NetworkMember,
    Organisation,
    Partnership,
)
from praxis.reference.models import RegionMembership, WhoRegion
from praxis.reference.queries import countries_in_region


@dataclass(frozen=True)
class SectionItem:
    label: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class Section:
    title: str | Promise
    items: list[SectionItem]


def region_name(code: str | None) -> str:
    return str(WhoRegion(code).label) if code in WhoRegion.values else ""


@dataclass(frozen=True)
class Entry:
    organisation: Organisation
    region: str | None

    @property
    def region_name(self) -> str:
        return region_name(self.region)


def regions_of(countries: set[str], on: datetime.date | None = None) -> dict[str, str]:
    """Country → WHO region on a day, for many countries in one query."""
    day = on or timezone.now().date()
    return dict(
        RegionMembership.objects.filter(country__in={c.upper() for c in countries if c})
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .values_list("country", "region")
    )


def _centre_status(status: str, day: datetime.date) -> Q:
    window = day + datetime.timedelta(days=REDESIGNATION_WINDOW_DAYS)
    if status == CollaboratingCentre.Status.EXPIRED:
        return Q(collaborating_centre__expires_on__lte=day)
    if status == CollaboratingCentre.Status.PENDING:
        return Q(
            collaborating_centre__expires_on__gt=day, collaborating_centre__expires_on__lte=window
        )
    return Q(collaborating_centre__expires_on__gt=window)


def filtered(
    *,
    q: str = "",
    type: str = "",
    region: str = "",
    country: str = "",
    topic: str = "",
    status: str = "",
) -> QuerySet[Organisation]:
    """Organisations matching the directory's search and filters."""
    organisations = Organisation.objects.select_related("collaborating_centre")
    day = timezone.now().date()
    if q := q.strip()[:200]:
        organisations = organisations.filter(
            Q(name__icontains=q)
            | Q(short_name__icontains=q)
            | Q(names__icontains=q)
            | Q(description__icontains=q)
            | Q(collaborating_centre__reference_number__iexact=q)
            | Q(collaborating_centre__title__icontains=q)
        )
    if type:
        organisations = organisations.filter(type=type)
    if region:
        organisations = organisations.filter(country__in=countries_in_region(region, day))
    if country:
        organisations = organisations.filter(country=country.upper())
    if topic := topic.strip()[:100]:
        organisations = organisations.filter(topics__icontains=topic)
    if status in CollaboratingCentre.Status.values:
        organisations = organisations.filter(_centre_status(status, day))
    return organisations.order_by("name", "id")


def directory(page: Any = 1, size: Any = 20, **filters: str) -> Page[Entry]:
    """One page of the directory, each organisation with its WHO region today."""
    found = paginate(filtered(**filters), page, size)
    regions = regions_of({str(o.country) for o in found.items})
    return Page(
        items=[Entry(o, regions.get(str(o.country))) for o in found.items],
        number=found.number,
        size=found.size,
        total=found.total,
    )


def all_topics() -> list[str]:
    """Every topic named by some organisation, sorted."""
    topics: set[str] = set()
    for names in Organisation.objects.exclude(topics=[]).values_list("topics", flat=True):
        topics.update(str(name) for name in names)
    return sorted(topics, key=str.casefold)


@dataclass
class OrganisationPage:
    organisation: Organisation
    region: str | None
    centre: CollaboratingCentre | None
    networks: list[NetworkMember]
    people: list[Membership]
    partnerships: list[Partnership]
    sections: list[Section] = field(default_factory=list)


def organisation_page(slug: str) -> OrganisationPage:
    organisation = get_object_or_404(
        Organisation.objects.select_related("collaborating_centre"), slug=slug
    )
    centre = getattr(organisation, "collaborating_centre", None)
    networks = list(
        NetworkMember.objects.filter(organisation=organisation, left_on__isnull=True)
        .select_related("network")
        .order_by("network__name")
    )
    people = list(
        Membership.objects.filter(
            organisation=organisation, status=Membership.Status.ACTIVE, listed=True
        )
        .select_related("user")
        .order_by("user__full_name")
    )
    partnerships = list(
        Partnership.objects.filter(
            Q(organisation=organisation) | Q(other_organisation=organisation),
            status=Partnership.Status.ACTIVE,
        ).select_related("organisation", "other_organisation")
    )
    sections = [
        answer
        for answer in hooks.page_sections.ask(organisation=organisation)
        if answer is not None
    ]
    region = regions_of({str(organisation.country)}).get(str(organisation.country))
    return OrganisationPage(organisation, region, centre, networks, people, partnerships, sections)


def outside_network(network: Network) -> QuerySet[Organisation]:
    """The organisations not in `network` now: those its lead may take in (a form lists them
    by the name shown, which the main name's order may not follow)."""
    inside = NetworkMember.objects.filter(network=network, left_on__isnull=True).values(
        "organisation_id"
    )
    return (
        Organisation.objects.exclude(pk__in=inside).order_by("name").only("slug", "name", "names")
    )


def network_page(slug: str) -> tuple[Network, list[NetworkMember], list[NetworkMember]]:
    """A network, its current members, and the organisations that left it."""
    network = get_object_or_404(Network.objects.select_related("lead"), slug=slug)
    members = list(network.members.select_related("organisation").order_by("joined_on", "id"))
    return (
        network,
        [m for m in members if m.left_on is None],
        [m for m in members if m.left_on is not None],
    )


def networks() -> list[Network]:
    return list(
        Network.objects.select_related("lead").annotate(
            current=Count("members", filter=Q(members__left_on__isnull=True))
        )
    )


@dataclass
class RegionRow:
    region: str
    total: int
    countries: list[tuple[str, int]]

    @property
    def name(self) -> str:
        return region_name(self.region)


def region_table() -> list[RegionRow]:
    """Organisations per WHO region and country today (no map: a table anyone can read)."""
    counts = dict(
        Organisation.objects.exclude(country="")
        .values_list("country")
        .annotate(n=Count("id"))
        .values_list("country", "n")
    )
    regions = regions_of(set(counts))
    by_region: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for country, count in counts.items():
        by_region[regions.get(country, "")].append((country, count))
    return [
        RegionRow(region, sum(n for _c, n in rows), sorted(rows))
        for region, rows in sorted(by_region.items())
    ]


def memberships_of(user: Visitor) -> list[Membership]:
    """A person's current memberships and pending requests."""
    if not signed_in(user):
        return []
    return list(
        Membership.objects.filter(
            user=user, status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED]
        ).select_related("organisation")
    )


def people_of(organisation: Organisation) -> list[Membership]:
    """Everyone in the organisation, with pending requests first (for its admins)."""
    return list(
        Membership.objects.filter(
            organisation=organisation,
            status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
        )
        .select_related("user", "organisation")
        .order_by("-status", "user__full_name")
    )


def invitations_waiting(organisation: Organisation) -> list[Invitation]:
    """The organisation's invitations not yet accepted, newest first, expired ones too (for
    its admins)."""
    return list(
        Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True)
        .select_related("organisation", "invited_by")
        .order_by("-created_at", "-id")
    )


def invitation_waiting(organisation: Organisation, email: str) -> Invitation | None:
    """The invitation to `email` not yet accepted, if there is one."""
    return (
        Invitation.objects.filter(
            organisation=organisation, email__iexact=email.strip(), accepted_at__isnull=True
        )
        .order_by("-created_at")
        .first()
    )


@dataclass(frozen=True)
class NetworkFigures:
    organisations: int
    countries: int
    networks: int
    collaborating_centres: int


def network_figures() -> NetworkFigures:
    """The partner network in numbers, for the home page: two queries."""
    figures = Organisation.objects.aggregate(
        organisations=Count("id"),
        countries=Count("country", distinct=True, filter=~Q(country="")),
        centres=Count("collaborating_centre", distinct=True),
    )
    return NetworkFigures(
        organisations=figures["organisations"],
        countries=figures["countries"],
        networks=Network.objects.count(),
        collaborating_centres=figures["centres"],
    )


def organisations_matching(groups: list[list[str]], limit: int = 10) -> list[Organisation]:
    """Partner organisations matching every group of a read query (praxis.core.text_search),
    name matches first."""
    if not groups:
        return []
    in_name = Case(
        When(fields_match(groups, ("name", "short_name")), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return list(
        Organisation.objects.filter(
            fields_match(groups, ("name", "short_name", "names", "description"))
        )
        .annotate(in_name=in_name)
        .order_by("in_name", "name", "id")[:limit]
    )


def vocabulary_texts() -> list[str]:
    """The names of partner organisations: words a search may correct towards."""
    return list(Organisation.objects.values_list("name", flat=True))
