"""Public reference data: ISCO-08 health occupations, WHO regions and their Member States.

Shipped as checked CSV files in `data/` and loaded by a data migration.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Occupation(models.Model):
    """An ISCO-08 unit group, grouped as in WHO's classification of health workers."""

    class Group(models.TextChoices):
        HEALTH_PROFESSIONALS = "health_professionals", _("Health professionals")
        HEALTH_ASSOCIATE_PROFESSIONALS = (
            "health_associate_professionals",
            _("Health associate professionals"),
        )
        PERSONAL_CARE_WORKERS = (
            "personal_care_workers_health",
            _("Personal care workers in health services"),
        )
        MANAGEMENT_SUPPORT = "health_management_support", _("Health management and support")
        POLICY_AGENCY = "policy_and_agency_staff", _("Policy-makers and health-agency staff")

    isco08 = models.CharField(_("ISCO-08 code"), max_length=4, primary_key=True)
    title = models.CharField(_("title"), max_length=200)
    group = models.CharField(_("group"), max_length=40, choices=Group.choices)

    class Meta:
        ordering = ["isco08"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return f"{self.isco08} {self.localised_title}"

    @property
    def localised_title(self) -> str:
        """The title in the active language (the shipped titles are in the message catalogue)."""
        return gettext(self.title)


class WhoRegion(models.TextChoices):
    AFR = "AFR", _("African Region")
    AMR = "AMR", _("Region of the Americas")
    SEAR = "SEAR", _("South-East Asia Region")
    EUR = "EUR", _("European Region")
    EMR = "EMR", _("Eastern Mediterranean Region")
    WPR = "WPR", _("Western Pacific Region")


class RegionMembership(models.Model):
    """A country's membership of a WHO region over a period (regions change: Indonesia, 2025)."""

    country = models.CharField(_("country (ISO 3166 alpha-2)"), max_length=2, db_index=True)
    iso3 = models.CharField(max_length=3)
    region = models.CharField(_("WHO region"), max_length=4, choices=WhoRegion.choices)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True, help_text=_("exclusive"))

    class Meta:
        ordering = ["country", "valid_from"]
        verbose_name = _("WHO region membership")

    def __str__(self) -> str:
        return f"{self.country} {self.region} {self.valid_from or ''}–{self.valid_to or ''}"
