"""The page where staff and partner authors register external tools and read the addresses
to configure them with."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from praxis.accounts.auth import SignedInRequest
from praxis.core.errors import PraxisError
from praxis.core.languages import in_sentence
from praxis.core.permissions import is_staff, require
from praxis.lti import queries, services
from praxis.lti.permissions import open_tools_page
from praxis.lti.schemas import PlatformOut
from praxis.organisations.models import Organisation
from praxis.organisations.permissions import AUTHOR_ROLES, organisation_ids_with_role


class ToolForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    login_url = forms.CharField(label=_("OIDC login initiation URL"), max_length=1000)
    target_link_uri = forms.CharField(label=_("Launch URL"), max_length=1000)
    redirect_uris = forms.CharField(
        label=_("Redirect URLs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line; the launch URL when empty."),
    )
    jwks_url = forms.CharField(label=_("JWKS URL"), max_length=1000, required=False)
    public_key = forms.CharField(
        label=_("Or its public key (PEM)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
    )
    deployment_id = forms.CharField(
        label=_("Deployment id"),
        max_length=255,
        required=False,
        help_text=_("Praxis makes one when empty."),
    )
    share_name = forms.BooleanField(label=_("Send the learner's name"), required=False)
    share_email = forms.BooleanField(label=_("Send the learner's e-mail address"), required=False)

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type] # Form's own keyword arguments
        self.fields["organisation"].choices = choices  # type: ignore[attr-defined] # a ChoiceField


def _choices(user: SignedInRequest) -> list[tuple[str, str]]:
    organisations = Organisation.objects.order_by("name")
    if not is_staff(user.user):
        organisations = organisations.filter(
            pk__in=organisation_ids_with_role(user.user, AUTHOR_ROLES)
        )
    academy = [("", gettext("The academy (every author)"))] if is_staff(user.user) else []
    return academy + [(o.slug, o.name) for o in organisations]


@login_required
@require_http_methods(["GET", "POST"])
def tools(request: SignedInRequest) -> HttpResponse:
    require(open_tools_page, request.user)
    choices = _choices(request)
    form = ToolForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            tool = services.register_tool(request.user, dict(form.cleaned_data))
        except PraxisError as error:
            form.add_error(None, str(error.message))
            for name, problems in error.fields.items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, str(problem))
        else:
            messages.success(
                request, gettext("%(name)s is registered.") % {"name": in_sentence(tool.name)}
            )
            return redirect("lti:tools")
    return render(
        request,
        "lti/tools.html",
        {
            "form": form,
            "tools": queries.managed_tools(request.user),
            "platform": PlatformOut.here(),
            "may_register": bool(choices),
        },
    )
