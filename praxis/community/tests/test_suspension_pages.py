"""Suspending and lifting a suspension from the moderation queue, as the moderator and the
member see it."""

from __future__ import annotations

import re

import pytest
from django.template.defaultfilters import date as shown_date
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from praxis.community.models import Membership, ModerationAction
from praxis.community.tests.conftest import Space

pytestmark = pytest.mark.django_db


def _suspend(client: Client, space: Space, **data: str) -> str:
    response = client.post(reverse("community:suspend", args=[space.community.slug]), data)
    return response.content.decode()


def test_lifting_a_suspension_is_logged_and_shown_to_the_member_as_lifted(
    client: Client, space: Space
) -> None:
    client.force_login(space.moderator)
    _suspend(client, space, handle="@amina", days="30", reason="Spam")
    _suspend(client, space, handle="@amina", days="0", reason="Lifted")
    assert Membership.objects.get(pk=space.member_ship.pk).suspended_until is None

    queue = client.get(reverse("community:queue", args=[space.community.slug])).content.decode()
    log = queue.split('id="log-title"')[1]
    assert log.index("Lifted a suspension") < log.index("Suspended a member")

    client.force_login(space.member)
    record = client.get(reverse("community:moderation_record")).content.decode()
    lifted, suspended = re.findall(r"<tr>.*?</tr>", record.split("<tbody>")[1], re.S)
    assert "Lifted a suspension" in lifted and "Lifted</td>" in lifted
    assert "Suspended a member" in suspended
    suspension = ModerationAction.objects.get(kind=ModerationAction.Kind.SUSPEND)
    assert suspension.until is not None and suspension.ended_at is not None
    # Its end is when it was lifted, not the 30 days first given.
    assert shown_date(suspension.ended_at, "DATETIME_FORMAT") in suspended
    assert shown_date(suspension.until, "DATE_FORMAT") not in suspended


@pytest.mark.parametrize(
    ("days", "reason", "field", "message"),
    [
        ("99999", "Spam", "days", "Ensure this value is less than or equal to 365."),
        ("-4", "Spam", "days", "Ensure this value is greater than or equal to 0."),
        ("3", "", "reason", "This field is required."),
    ],
)
def test_a_mistake_in_the_suspension_form_keeps_what_was_typed_and_names_the_field(
    client: Client, space: Space, days: str, reason: str, field: str, message: str
) -> None:
    client.force_login(space.moderator)
    response = client.post(
        reverse("community:suspend", args=[space.community.slug]),
        {"handle": "@amina", "days": days, "reason": reason},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="@amina"' in page
    assert f'value="{days}"' in page
    if reason:
        assert f'value="{reason}"' in page
    assert f'id="id_{field}_suspend_error"' in page
    assert message in page.split(f'id="id_{field}_suspend_error"')[1].split("</")[0]
    assert Membership.objects.get(pk=space.member_ship.pk).suspended_until is None


def test_a_refused_suspension_shows_its_reason_beside_the_field(
    client: Client, space: Space
) -> None:
    client.force_login(space.moderator)
    unknown = client.post(
        reverse("community:suspend", args=[space.community.slug]),
        {"handle": "@nobody", "days": "3", "reason": "Spam"},
    )
    assert unknown.status_code == 400
    assert (
        "No member has this handle."
        in unknown.content.decode().split('id="id_handle_suspend_error"')[1].split("</")[0]
    )
    not_suspended = client.post(
        reverse("community:suspend", args=[space.community.slug]),
        {"handle": "@amina", "days": "0", "reason": "Appeal"},
    )
    assert not_suspended.status_code == 400
    page = not_suspended.content.decode()
    assert "This member is not suspended." in page.split('id="id_days_suspend_error"')[1]
    assert 'value="Appeal"' in page


def test_only_moderators_post_the_suspension_form(client: Client, space: Space) -> None:
    client.force_login(space.member)
    response = client.post(
        reverse("community:suspend", args=[space.community.slug]),
        {"handle": "@mod", "days": "99999", "reason": ""},
    )
    assert response.status_code == 403


def test_a_suspended_member_is_told_the_end_of_the_suspension_in_their_language(
    client: Client, space: Space
) -> None:
    client.force_login(space.moderator)
    _suspend(client, space, handle="@amina", days="3", reason="Spam")
    until = Membership.objects.get(pk=space.member_ship.pk).suspended_until
    assert until is not None
    client.force_login(space.member)
    response = client.post(
        reverse("community:reply", args=[space.thread.uuid]),
        {"body": "رد"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    page = response.content.decode()
    assert response.status_code == 400
    with translation.override("fr"):
        shown = shown_date(timezone.localtime(until), "DATETIME_FORMAT")
    assert shown in page
    assert until.strftime("%Y-%m-%d") not in page
