"""Factories for external tools and their placement in lessons."""

import factory

from praxis.lti.models import ResourceLink, Tool


class ToolFactory(factory.django.DjangoModelFactory[Tool]):
    class Meta:
        model = Tool

    name = factory.Sequence(lambda n: f"Clinical simulator {n}")
    login_url = "https://tool.example/lti/login"
    target_link_uri = "https://tool.example/lti/launch"
    redirect_uris = factory.LazyFunction(lambda: ["https://tool.example/lti/launch"])


class ResourceLinkFactory(factory.django.DjangoModelFactory[ResourceLink]):
    class Meta:
        model = ResourceLink

    tool = factory.SubFactory(ToolFactory)
    title = "Sepsis triage simulation"
    pass_mark = 80
