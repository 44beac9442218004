"""Factories for partner organisations, centres, networks and memberships."""

import datetime

import factory

from praxis.organisations.models import (
    CollaboratingCentre,
    Membership,
    Network,
    NetworkMember,
    Organisation,
    Partnership,
    Role,
    term_end,
)


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Institute of Health Workforce Studies {n}")
    slug = factory.Sequence(lambda n: f"institute-{n}")
    type = Organisation.Type.UNIVERSITY
    country = "KE"


class CollaboratingCentreFactory(factory.django.DjangoModelFactory[CollaboratingCentre]):
    class Meta:
        model = CollaboratingCentre

    organisation = factory.SubFactory(
        OrganisationFactory, type=Organisation.Type.COLLABORATING_CENTRE
    )
    reference_number = factory.Sequence(lambda n: f"KEN-{n:02d}")
    title = "WHO Collaborating Centre for Nursing and Midwifery Education"
    designated_on = datetime.date(2024, 3, 1)
    redesignated_on = None
    expires_on = factory.LazyAttribute(lambda o: term_end(o.designated_on, o.redesignated_on))


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory("praxis.accounts.tests.factories.UserFactory")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER
    status = Membership.Status.ACTIVE


class NetworkFactory(factory.django.DjangoModelFactory[Network]):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Primary Care Training Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    lead = factory.SubFactory(OrganisationFactory)


class NetworkMemberFactory(factory.django.DjangoModelFactory[NetworkMember]):
    class Meta:
        model = NetworkMember

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    joined_on = datetime.date(2024, 1, 1)


class PartnershipFactory(factory.django.DjangoModelFactory[Partnership]):
    class Meta:
        model = Partnership

    organisation = factory.SubFactory(OrganisationFactory)
    type = Partnership.Type.CO_CREATION
    title = "Co-creating the primary care curriculum"
