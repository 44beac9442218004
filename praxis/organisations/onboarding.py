"""Onboarding of a new partner: an institution applies, the academy's staff review the
application, and on approval the organisation is created with the applicant as its first admin.

These are services (each change in one transaction, permissions checked, notices sent on
commit), kept apart from services.py by sub-domain.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from praxis.accounts.models import User
from praxis.core.errors import Conflict, ErrorCode, NotAuthenticated, ValidationFailed
from praxis.core.languages import in_sentence
from praxis.core.people import Person, signed_in
from praxis.core.permissions import require
from praxis.notifications.services import notify, notify_all
from praxis.organisations import notices
from praxis.organisations.models import Membership, Organisation, PartnerApplication, Role
from praxis.organisations.permissions import manage_directory

TEXT_MIN = 20
TEXT_MAX = 4000


def _checked(fields: dict[str, Any]) -> dict[str, Any]:
    name = str(fields.get("name", "")).strip()
    kind = str(fields.get("type", ""))
    country = str(fields.get("country", "")).upper()
    website = str(fields.get("website", "")).strip()
    description = str(fields.get("description", "")).strip()
    motivation = str(fields.get("motivation", "")).strip()
    errors: dict[str, list[Any]] = {}
    if not 2 <= len(name) <= 250:
        errors["name"] = [_("Give the organisation's full name (2 to 250 characters).")]
    if kind not in Organisation.Type.values or kind == Organisation.Type.ACADEMY:
        errors["type"] = [_("Choose a kind of organisation.")]
    if country not in dict(countries):
        errors["country"] = [_("Choose a country.")]
    if website and not (website.startswith("https://") or website.startswith("http://")):
        errors["website"] = [_("Give the website's address, starting with https://.")]
    if len(website) > 200:
        errors["website"] = [_("Keep the address under 200 characters.")]
    for field, text in (("description", description), ("motivation", motivation)):
        if not TEXT_MIN <= len(text) <= TEXT_MAX:
            errors[field] = [_("Write from 20 to 4,000 characters.")]
    if errors:
        raise ValidationFailed(fields=errors)
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationFailed(
            ErrorCode.ORGANISATION_EXISTS,
            _("%(name)s is already a partner: ask to join it from its page instead.")
            % {"name": in_sentence(name)},
            fields={"name": [_("This organisation is already a partner.")]},
        )
    return {
        "name": name,
        "type": kind,
        "country": country,
        "website": website,
        "description": description,
        "motivation": motivation,
    }


@transaction.atomic
def apply(user: Person, **fields: Any) -> PartnerApplication:
    """`user` applies for their organisation to join the partner network; the staff are told.
    One application at a time per person; bad input changes nothing."""
    if not signed_in(user):
        raise NotAuthenticated()
    checked = _checked(fields)
    if PartnerApplication.objects.filter(
        applicant=user, status=PartnerApplication.Status.SUBMITTED
    ).exists():
        raise Conflict(
            ErrorCode.APPLICATION_PENDING,
            _("Your application is waiting for review: you will hear as soon as it is decided."),
        )
    try:
        with transaction.atomic():
            application = PartnerApplication.objects.create(applicant=user, **checked)
    except IntegrityError as clash:  # the same person, twice at once
        raise Conflict(ErrorCode.APPLICATION_PENDING) from clash
    notify_all(
        User.objects.filter(is_staff=True, is_active=True),
        notices.partner_application,
        reverse("organisations:applications"),
        actor=user.full_name,
        organisation=application.name,
    )
    return application


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70].strip("-") or "partner"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def decide(
    application: PartnerApplication, by: Person, *, approve: bool, note: str = ""
) -> PartnerApplication:
    """Staff approve an application (the organisation is created, the applicant its first
    admin) or decline it with a note the applicant reads. Decided once."""
    require(manage_directory, by)
    application = PartnerApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != PartnerApplication.Status.SUBMITTED:
        raise Conflict(ErrorCode.ALREADY_DECIDED, _("This application has been decided."))
    note = note.strip()
    if len(note) > 2000:
        raise ValidationFailed(fields={"note": [_("Keep the note under 2,000 characters.")]})
    if not approve and not note:
        raise ValidationFailed(
            fields={"note": [_("Say why: the applicant reads this note.")]},
        )
    link = reverse("organisations:apply")
    if approve:
        if Organisation.objects.filter(name__iexact=application.name).exists():
            raise ValidationFailed(
                ErrorCode.ORGANISATION_EXISTS, _("An organisation of this name exists already.")
            )
        organisation = Organisation.objects.create(
            name=application.name,
            slug=_unique_slug(application.name),
            type=application.type,
            country=application.country,
            website=application.website,
            description=application.description,
        )
        Membership.objects.create(
            user=application.applicant,
            organisation=organisation,
            role=Role.ADMIN,
            status=Membership.Status.ACTIVE,
            decided_by=by,
            decided_at=timezone.now(),
        )
        application.organisation = organisation
        link = reverse("organisations:manage", args=[organisation.slug])
    application.status = (
        PartnerApplication.Status.APPROVED if approve else PartnerApplication.Status.DECLINED
    )
    application.decided_by = by
    application.decided_at = timezone.now()
    application.decision_note = note
    application.save()
    notify(
        application.applicant,
        notices.partner_application_decided,
        link,
        organisation=application.name,
        approved=approve,
    )
    return application
