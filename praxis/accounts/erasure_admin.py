"""The back-office page where a platform admin erases a person, with the reason recorded,
through the same service as the person's own request."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from praxis.accounts.lifecycle import erasure
from praxis.accounts.models import User
from praxis.accounts.permissions import administer_platform
from praxis.core.errors import PermissionDenied, PraxisError
from praxis.core.refusals import show_form_errors


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (kept on the record of the erasure)"),
        max_length=erasure.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def erase_person(request: HttpRequest, person_id: int) -> HttpResponse:
    if not administer_platform.allows(request.user):
        raise PermissionDenied()
    person = get_object_or_404(User, pk=person_id)
    form = EraseForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            by = request.user
            assert isinstance(by, User)
            try:
                erasure.erase_as_admin(by, person, form.cleaned_data["reason"])
            except PraxisError as error:
                show_form_errors(form, error)
                status = error.status
            else:
                messages.success(request, _("The person’s account and data are erased."))
                return redirect("admin:accounts_user_changelist")
    context = {"form": form, "person": person, "title": _("Erase a person")}
    return render(request, "accounts/privacy/admin_erase.html", context, status=status)
