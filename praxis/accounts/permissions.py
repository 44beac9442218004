"""Who may do what with people's accounts."""

from __future__ import annotations

from django.db.models import Q

from praxis.accounts.models import ApiToken
from praxis.core.people import Person
from praxis.core.permissions import Rule, is_staff


def _is_self(user: Person, person: Person) -> bool:
    return person is not None and user.pk == person.pk


def _may_manage(user: Person, person: Person | None) -> bool:
    # Platform admins manage everyone; academy staff manage learners and partners, but not other
    # staff or admins, whose e-mail or rights they could otherwise take over.
    if not is_staff(user):
        return False
    if user.is_superuser or person is None:
        return True
    return not (person.is_staff or person.is_superuser)


# A person edits their own profile, password and tokens; nobody edits another's through the site.
edit_profile = Rule("accounts.edit_profile", check=_is_self)

# A person sees their own account; academy staff see everyone's.
view_person: Rule[Person] = Rule(
    "accounts.view_person",
    check=lambda user, person: is_staff(user) or _is_self(user, person),
    scope=lambda user: Q() if is_staff(user) else Q(pk=user.pk),
)

# Changing another person's account in the back office (`person=None`: anyone at all).
manage_person = Rule("accounts.manage_person", check=_may_manage)

# Only platform admins grant staff or admin rights, create or delete accounts in the back office.
administer_platform: Rule[object] = Rule(
    "accounts.administer_platform",
    check=lambda user, obj: bool(user.is_superuser and user.is_active),
)

# API tokens belong to their owner alone.
own_api_token: Rule[ApiToken | None] = Rule(
    "accounts.own_api_token",
    check=lambda user, token: token is not None and token.user_id == user.pk,
    scope=lambda user: Q(user_id=user.pk),
)
