"""Factories for partner organisations."""

import factory

from praxis.organisations.models import Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Institute of Health Workforce Studies {n}")
    slug = factory.Sequence(lambda n: f"institute-{n}")
    type = Organisation.Type.UNIVERSITY
    country = "KE"
