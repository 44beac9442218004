"""Partner organisations (minimal; the partner directory extends it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from praxis.core.models import TimeStampedModel


class Organisation(TimeStampedModel):
    class Type(models.TextChoices):
        MEMBER_STATE_BODY = "member_state_body", _("Member State body")
        UNIVERSITY = "university", _("University or research institute")
        COLLABORATING_CENTRE = "collaborating_centre", _("WHO Collaborating Centre")
        INTERNATIONAL = "international", _("International organisation")
        UN_AGENCY = "un_agency", _("UN agency")
        NGO = "ngo", _("Non-governmental organisation")
        PROFESSIONAL_ASSOCIATION = "professional_association", _("Professional association")
        PRIVATE = "private", _("Private company")
        ACADEMY = "academy", _("Academy")

    name = models.CharField(_("name"), max_length=250)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    type = models.CharField(_("type"), max_length=40, choices=Type.choices)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name
